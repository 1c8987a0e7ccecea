#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The one file of CacheLookup that calls C directly with pointers: posix_spawn, waitpid, kill,
// the monotonic clock, syslog, fstat. Everything else uses the safe API below.

/// How a bounded child process ended.
public enum ChildOutcome: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)
    /// Still running at the deadline: killed (SIGKILL, its whole process group) and reaped.
    case killedAtDeadline
    /// posix_spawn failed with this errno value (missing executable, ...).
    case spawnFailed(Int32)

    public var description: String {
        switch self {
        case .exited(let code): "exited with status \(code)"
        case .signalled(let signal): "was killed by signal \(signal)"
        case .killedAtDeadline: "was still running at the deadline and was killed"
        case .spawnFailed(let code): "could not be started (\(SystemCalls.errorText(code)))"
        }
    }
}

enum SystemCalls {
    /// Runs `executable` with `arguments` (never through a shell), standard input, output and
    /// error on /dev/null, in its own process group, and waits at most `deadlineMilliseconds`.
    static func runBounded(_ executable: String, _ arguments: [String], deadlineMilliseconds: Int) -> ChildOutcome {
        let start = monotonicMilliseconds()
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        for descriptor: Int32 in 0...2 {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        // Exim's descriptors (SMTP connections, spool files) stay with Exim.
        _ = closeFrom?(&actions, 3)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGCHLD, SIGALRM, SIGHUP, SIGINT, SIGTERM, SIGUSR1] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else { return .spawnFailed(spawned) }

        var pause = 1
        var reapedElsewhere = false
        while true {
            if reapedElsewhere {
                // SIGCHLD ignored (or another waiter): the kernel reaps the child, so only its
                // existence can be watched.
                if kill(pid, 0) != 0 && errno == ESRCH { return .exited(-1) }
            } else {
                var status: Int32 = 0
                let reaped = waitpid(pid, &status, WNOHANG)
                if reaped == pid { return decode(status) }
                if reaped < 0 && errno == ECHILD { reapedElsewhere = true; continue }
            }
            let elapsed = monotonicMilliseconds() - start
            if elapsed >= deadlineMilliseconds {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                var status: Int32 = 0
                while !reapedElsewhere && waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return .killedAtDeadline
            }
            sleepMilliseconds(min(pause, deadlineMilliseconds - elapsed))
            pause = min(pause * 2, 20)
        }
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// glibc ≥ 2.34's `posix_spawn_file_actions_addclosefrom_np`, looked up at run time (the
    /// Glibc module does not export it); nil elsewhere, where the child inherits descriptors
    /// without close-on-exec.
    private static let closeFrom: CloseFrom? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    private static func decode(_ status: Int32) -> ChildOutcome {
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }

    static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }

    private static func sleepMilliseconds(_ milliseconds: Int) {
        var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        _ = nanosleep(&request, &remaining)
    }

    /// The wall clock in Unix seconds (only entry points read it; logic gets `now` passed in).
    static func unixSeconds() -> Int64 { Int64(time(nil)) }

    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Whether standard output and standard error are the same open file (Exim's `${run}`
    /// joins them, so a log line on stderr would become part of the answer).
    static func standardErrorIsStandardOutput() -> Bool {
        var out = stat()
        var err = stat()
        guard fstat(1, &out) == 0, fstat(2, &err) == 0 else { return false }
        return out.st_dev == err.st_dev && out.st_ino == err.st_ino
    }

    static func writeStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
        bytes.removeAll()
    }

    /// Writes `text` to standard output in full (no newline added).
    static func writeStandardOutput(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    /// One line to syslog, facility mail, identity `mtasts-lookup`.
    static func syslogWarning(_ text: String) {
        openlog("mtasts-lookup", LOG_PID, LOG_MAIL)
        text.withCString { line in
            withVaList([line]) { arguments in vsyslog(LOG_WARNING, "%s", arguments) }
        }
    }
}
