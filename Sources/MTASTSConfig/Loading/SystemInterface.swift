#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The only place this module touches the C library with pointers: reading a whole file with
/// a size limit, and checking IP address literals with `inet_pton`. Everything here is safe to
/// call with any input.
enum SystemInterface {
    /// The outcome of reading a file.
    enum ReadResult: Equatable {
        case contents([UInt8])
        /// The file holds more than the limit; nothing beyond `limit + 1` bytes was read.
        case tooLarge
        /// `open` or `read` failed; `missing` is true when the file does not exist (ENOENT).
        case failed(reason: String, missing: Bool)
    }

    /// Reads at most `limit` bytes of the file at `path`; a longer file gives `.tooLarge`.
    /// Works for regular files and for pipes (`--config <(…)`), which have no size up front.
    ///
    /// Never blocks for ever: the file is opened non-blocking, so a named FIFO nobody writes to
    /// neither hangs `open` nor `read`; a FIFO that stays silent for `idleTimeout` milliseconds
    /// is an error, and so is a directory (EISDIR) or a FIFO that ends without any data.
    static func readFile(atPath path: String, limit: Int, idleTimeout: Int32 = 10_000) -> ReadResult {
        if path.utf8.contains(0) {
            return .failed(reason: "the path contains a NUL byte", missing: false)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if descriptor < 0 {
            let code = errno
            return .failed(reason: describe(code), missing: code == ENOENT)
        }
        defer { _ = close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failed(reason: describe(errno), missing: false) }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { return .failed(reason: describe(EISDIR), missing: false) }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    if waitForData(descriptor, milliseconds: idleTimeout) { continue }
                    return .failed(reason: "nothing arrived for \(idleTimeout / 1000) seconds (a FIFO or device nobody writes to?)",
                                   missing: false)
                }
                return .failed(reason: describe(code), missing: false)
            }
            if count == 0 {
                if bytes.isEmpty && type == S_IFIFO {
                    return .failed(reason: "it is a FIFO and nothing was written to it", missing: false)
                }
                return .contents(bytes)
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .tooLarge
    }

    /// Waits until `descriptor` can be read (or its writer went away); false after `milliseconds`.
    private static func waitForData(_ descriptor: Int32, milliseconds: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&request, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }

    /// True when `text` is a dotted-quad IPv4 address, as `inet_pton(AF_INET)` accepts it.
    static func isIPv4Literal(_ text: String) -> Bool {
        presentationToNetwork(family: AF_INET, text, byteCount: 4)
    }

    /// True when `text` is an IPv6 address without brackets, port or zone, as `inet_pton(AF_INET6)` accepts it.
    static func isIPv6Literal(_ text: String) -> Bool {
        presentationToNetwork(family: AF_INET6, text, byteCount: 16)
    }

    private static func presentationToNetwork(family: Int32, _ text: String, byteCount: Int) -> Bool {
        if text.isEmpty || text.utf8.contains(0) { return false }
        var address = [UInt8](repeating: 0, count: byteCount)
        let status = address.withUnsafeMutableBytes { buffer in
            inet_pton(family, text, buffer.baseAddress)
        }
        return status == 1
    }

    private static func describe(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}
