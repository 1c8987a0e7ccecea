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

/// The system calls behind ``RunningChild`` (posix_spawn, waitpid, pipes, poll, read, write):
/// the one file of the runner that hands pointers to C.
enum ChildSystemCalls {
    /// Starts `executable` (a path, never looked up, never a shell) with the pipes' child ends as
    /// its stdin, stdout and stderr and no other descriptor of ours; the pid, or the errno value of
    /// the failure. Signal dispositions are inherited (SIGPIPE stays ignored, as the world sets it),
    /// but none is blocked: the test's threads (Dispatch workers) block most signals, and a child
    /// inheriting that mask would not die of the SIGTERM a test sends it.
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String],
                      workingDirectory: String?, stdin: Int32, stdout: Int32, stderr: Int32) -> Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        for (descriptor, target) in [(stdin, Int32(0)), (stdout, 1), (stderr, 2)] {
            posix_spawn_file_actions_adddup2(&actions, descriptor, target)
        }
        _ = closeFrom?(&actions, 3)
        if let workingDirectory {
            guard let changeDirectory else { return .failure(SpawnFailure(code: ENOSYS)) }
            _ = changeDirectory(&actions, workingDirectory)
        }
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let failed = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        return failed == 0 ? .success(pid) : .failure(SpawnFailure(code: failed))
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        let code: Int32
        var description: String { String(cString: strerror(code)) }
    }

    /// Waits (blocking) for `pid` to end; its exit status, or 128 + the signal and the signal.
    static func waitForEnd(of pid: pid_t) -> (status: Int32, signal: Int32?) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return (-1, nil) }
        }
        let signal = status & 0x7F
        return signal == 0 ? ((status >> 8) & 0xFF, nil) : (128 + signal, signal)
    }

    static func send(_ signal: Int32, to pid: pid_t) {
        _ = kill(pid, signal)
    }

    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc 2.34+: no descriptor of the test process (another test's pipes) leaks into the child.
    private static let closeFrom: CloseFrom? = {
        dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: CloseFrom.self) }
    }()

    /// glibc 2.29+.
    private static let changeDirectory: ChangeDirectory? = {
        dlsym(nil, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: ChangeDirectory.self) }
    }()

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
