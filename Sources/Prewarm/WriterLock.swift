#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one-prewarmer-at-a-time lock: `flock(2)` on `<state.directory>/prewarm.lock`. The kernel
/// releases it when the holder exits, even by a crash, so it is never left stale.
///
/// `mtasts tick` and `mtasts run` never wait for it: a second tick (or a tick while `run` works)
/// finds it held and skips its round, since the holder is doing the same work. `mtasts prewarm`,
/// run by hand, waits.
public final class WriterLock {
    public static let fileName = "prewarm.lock"

    private var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock, or returns nil when another process holds it; with `wait`, blocks until
    /// the holder releases it (never nil then).
    public static func acquire(directory: String, wait: Bool = false) throws(PrewarmError) -> WriterLock? {
        let path = directory + "/" + fileName
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw PrewarmError(.state, "cannot open the lock file \(path): \(reason); does state.directory exist and is it writable?")
        }
        while flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(fd)
            if code == EWOULDBLOCK { return nil }
            throw PrewarmError(.state, "cannot lock \(path): \(String(cString: strerror(code)))")
        }
        return WriterLock(descriptor: fd)
    }

    /// Releases the lock (also done when the object goes away or the process exits).
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
