#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The calling process's id without a system call per use: glibc's `getpid()` enters the
/// kernel every time (since 2.25), and the Exim module asks on every lookup whether it runs in
/// the process that opened its cache. The id is read once and again in every child created
/// by `fork()` (a `pthread_atfork` child handler); children made by `posix_spawn` or `vfork`
/// only exec and never ask.
public enum ProcessIdentity {
    private static let cached = Atomic<Int32>(0)

    private static let registration: Void = {
        cached.store(getpid(), ordering: .relaxed)
        pthread_atfork(nil, nil, { ProcessIdentity.cached.store(getpid(), ordering: .relaxed) })
    }()

    /// The calling process's id.
    public static var current: pid_t {
        registration
        return cached.load(ordering: .relaxed)
    }
}
