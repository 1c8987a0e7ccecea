#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Tells the current time in Unix seconds. Injected so that expiry and schedules are tested
/// with a clock the test controls, never read from the system inside logic.
public protocol WallClock: Sendable {
    func now() -> Int64
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Int64 { Int64(time(nil)) }
}

/// A clock that only moves when told to.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Int64>

    public init(_ start: Int64) { current = Mutex(start) }

    public func now() -> Int64 { current.withLock { $0 } }

    public func advance(by seconds: Int64) { current.withLock { $0 += seconds } }
}
