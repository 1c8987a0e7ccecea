#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemRead = Darwin.read
#endif

/// Line-oriented I/O over the world's stdin/stdout pipes, with read timeouts (poll(2)).
/// Not thread-safe by itself: `World` serialises access.
struct LineChannel {
    enum Failure: Error, CustomStringConvertible {
        case timedOut
        case closed
        case writeFailed(Int32)

        var description: String {
            switch self {
            case .timedOut: "no line arrived in time"
            case .closed: "the world closed its output (it exited)"
            case .writeFailed(let code): "writing to the world failed (errno \(code))"
            }
        }
    }

    let inputFD: Int32
    let outputFD: Int32
    private var buffer: [UInt8] = []

    init(writingTo inputFD: Int32, readingFrom outputFD: Int32) {
        self.inputFD = inputFD
        self.outputFD = outputFD
    }

    /// Writes `line` plus a newline; EPIPE is an error, not a signal (SIGPIPE is ignored).
    func write(line: String) throws(Failure) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { raw in
                systemWrite(inputFD, raw.baseAddress, raw.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(errno)
            }
            offset += written
        }
    }

    /// The next line (without its newline), waiting at most `timeout` seconds.
    mutating func readLine(timeout: Double) throws(Failure) -> String {
        let deadline = Self.now() + timeout
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let remaining = deadline - Self.now()
            if remaining <= 0 { throw .timedOut }
            var descriptor = pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 1000).rounded(.up)))
            if ready < 0 && errno != EINTR { throw .closed }
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { systemRead(outputFD, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { throw .closed }
            buffer += chunk[..<count]
        }
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
