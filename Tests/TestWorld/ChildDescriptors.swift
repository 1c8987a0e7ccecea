#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
private let systemClose = Glibc.close
private let systemPoll = Glibc.poll
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
private let systemClose = Darwin.close
private let systemPoll = Darwin.poll
#endif

/// The descriptor work behind ``RunningChild`` (pipes, poll, read, write): the one file of the
/// runner that hands buffers to C by pointer.
enum ChildDescriptors {
    /// Both ends close on exec: the child gets its end through the spawn's dup2 only, and no
    /// other child started meanwhile by a parallel test inherits either end.
    static func makePipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    /// Sets O_NONBLOCK on our end only (each end of a pipe has its own open file description).
    static func setNonBlocking(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    enum ReadOutcome {
        case bytes([UInt8])
        case end
        case nothingYet
    }

    static func read(_ descriptor: Int32) -> ReadOutcome {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { return .bytes(Array(chunk[..<count])) }
            if count == 0 { return .end }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK ? .nothingYet : .end
        }
    }

    /// Bytes written (0 when the pipe is full), or nil when the reader is gone (EPIPE: SIGPIPE
    /// is ignored, see ``ignoreBrokenPipes()``).
    static func write(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Int? {
        while true {
            let written = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written >= 0 { return written }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : nil
        }
    }

    /// Waits until a descriptor is ready (`milliseconds` -1: for ever); the `revents` of each.
    static func poll(_ watched: [(descriptor: Int32, events: Int16)], milliseconds: Int32) -> [Int16] {
        var descriptors = watched.map { pollfd(fd: $0.descriptor, events: $0.events, revents: 0) }
        while true {
            let ready = descriptors.withUnsafeMutableBufferPointer {
                systemPoll($0.baseAddress, nfds_t($0.count), milliseconds)
            }
            if ready >= 0 { return descriptors.map(\.revents) }
            if errno != EINTR { return descriptors.map { _ in Int16(POLLERR) } }
        }
    }

    static func close(_ descriptor: Int32) {
        _ = systemClose(descriptor)
    }

    /// A child that closes its stdin early must make our write fail with EPIPE, not kill the tests.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
