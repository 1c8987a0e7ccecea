import Glibc

// The only file of DNSClient with unsafe pointer code: sockets, poll(), inet_pton/inet_ntop,
// reading a small file and strerror(), each behind a safe Swift API.

/// Why a system call failed, before the transport turns it into a `DNSError`.
enum SystemFailure: Error {
    case timedOut
    /// The operation and the errno it failed with.
    case failed(String, Int32)

    var detail: String {
        switch self {
        case .timedOut: "timed out"
        case .failed(let operation, let code): "\(operation) failed: \(SystemText.errorDescription(code)) (errno \(code))"
        }
    }
}

enum SystemText {
    static func errorDescription(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// IP address literals, converted by the C library's inet_pton/inet_ntop.
enum IPAddressText {
    /// The canonical text of an IPv4 literal (strict dotted quad), or nil.
    static func canonicalIPv4(_ text: String) -> String? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { ipv4(Array($0)) }
    }

    /// The canonical RFC 5952 text of an IPv6 literal without zone, or nil.
    static func canonicalIPv6(_ text: String) -> String? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { ipv6(Array($0)) }
    }

    /// Dotted-quad text of 4 bytes.
    static func ipv4(_ bytes: [UInt8]) -> String {
        precondition(bytes.count == 4)
        return format(family: AF_INET, bytes: bytes)
    }

    /// RFC 5952 text of 16 bytes, as inet_ntop renders it.
    static func ipv6(_ bytes: [UInt8]) -> String {
        precondition(bytes.count == 16)
        return format(family: AF_INET6, bytes: bytes)
    }

    private static func format(family: Int32, bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let ok = bytes.withUnsafeBytes { source in
            buffer.withUnsafeMutableBufferPointer { target in
                inet_ntop(family, source.baseAddress, target.baseAddress, socklen_t(target.count)) != nil
            }
        }
        precondition(ok, "inet_ntop cannot fail for a well-sized address")
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Reads small text files such as resolv.conf.
enum SystemFile {
    /// The file's bytes, nil if it does not exist; at most `limit` bytes are read.
    static func read(_ path: String, limit: Int = 1 << 20) throws(SystemFailure) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw .failed("open", code)
        }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8192)
        while result.count < limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .failed("read", errno)
            }
            if count == 0 { break }
            result.append(contentsOf: chunk[0..<count])
        }
        return result
    }
}

/// A non-blocking UDP or TCP socket connected to one nameserver; closed when it goes away.
/// Every wait goes through poll() with the time left until `deadline`.
struct SystemSocket: ~Copyable {
    private let fd: Int32

    /// Opens a socket and connects it to `server` before `deadline` (for TCP a non-blocking
    /// connect completed by poll(); for UDP connect() only fixes the peer, so the kernel
    /// drops datagrams from other addresses).
    init(connectingTo server: Nameserver, stream: Bool, deadline: ContinuousClock.Instant) throws(SystemFailure) {
        var storage = sockaddr_storage()
        let length = try Self.fill(&storage, server)
        let type = Int32(stream ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue)
            | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        let descriptor = socket(Int32(storage.ss_family), type, 0)
        guard descriptor >= 0 else { throw .failed("socket", errno) }
        do {
            try Self.connect(descriptor, &storage, length, deadline: deadline)
        } catch {
            close(descriptor)
            throw error
        }
        fd = descriptor
    }

    private static func connect(_ descriptor: Int32, _ storage: inout sockaddr_storage, _ length: socklen_t,
                                deadline: ContinuousClock.Instant) throws(SystemFailure) {
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, length) }
        }
        if result == 0 { return }
        let code = errno
        guard code == EINPROGRESS || code == EINTR else { throw .failed("connect", code) }
        try wait(descriptor, for: Int16(POLLOUT), until: deadline)
        var pending: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &pending, &size) == 0 else { throw .failed("getsockopt", errno) }
        guard pending == 0 else { throw .failed("connect", pending) }
    }

    deinit { close(fd) }

    /// Sends all of `bytes` (one datagram for UDP) before `deadline`.
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(SystemFailure) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.send(fd, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
            }
            if count >= 0 { sent += count; continue }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else { throw .failed("send", code) }
            try Self.wait(fd, for: Int16(POLLOUT), until: deadline)
        }
    }

    /// Receives up to `maximum` bytes (one datagram for UDP) before `deadline`;
    /// an empty result on a stream socket means the peer closed the connection.
    func receive(maximum: Int, deadline: ContinuousClock.Instant) throws(SystemFailure) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return Array(buffer[0..<count]) }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else { throw .failed("recv", code) }
            try Self.wait(fd, for: Int16(POLLIN), until: deadline)
        }
    }

    private static func wait(_ fd: Int32, for events: Int16, until deadline: ContinuousClock.Instant) throws(SystemFailure) {
        while true {
            let left = deadline - .now
            guard left > .zero else { throw .timedOut }
            let (seconds, attoseconds) = left.components
            let milliseconds = min(seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000, Int64(Int32.max))
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(milliseconds))
            if ready < 0 {
                if errno == EINTR { continue }
                throw .failed("poll", errno)
            }
            // Readiness, or an error/hang-up condition that the next call will report.
            if ready > 0 { return }
        }
    }

    private static func fill(_ storage: inout sockaddr_storage, _ server: Nameserver) throws(SystemFailure) -> socklen_t {
        let parts = server.address.split(separator: "%", maxSplits: 1).map(String.init)
        if parts.count == 1, !server.address.contains(":") {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = server.port.bigEndian
            guard inet_pton(AF_INET, server.address, &address.sin_addr) == 1 else { throw .failed("inet_pton", EINVAL) }
            withUnsafeMutableBytes(of: &storage) { target in withUnsafeBytes(of: &address) { target.copyMemory(from: $0) } }
            return socklen_t(MemoryLayout<sockaddr_in>.size)
        }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = server.port.bigEndian
        guard inet_pton(AF_INET6, parts[0], &address.sin6_addr) == 1 else { throw .failed("inet_pton", EINVAL) }
        if parts.count == 2 {
            // RFC 4007 §11: a zone is an interface name or a numeric interface index.
            let index = UInt32(parts[1]) ?? if_nametoindex(parts[1])
            guard index != 0 else { throw .failed("if_nametoindex(\(parts[1]))", ENXIO) }
            address.sin6_scope_id = index
        }
        withUnsafeMutableBytes(of: &storage) { target in withUnsafeBytes(of: &address) { target.copyMemory(from: $0) } }
        return socklen_t(MemoryLayout<sockaddr_in6>.size)
    }
}
