/// Why a DNS lookup failed, rendered as one sentence naming the query, the server and the cause.
///
/// NXDOMAIN and NODATA are not errors (see ``DNSAnswer``). Everything the network or a server
/// can cause is temporary (``isTemporary`` is `true`); only bad input from the caller is not.
public struct DNSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad class of failure, for callers that branch on it.
    public enum Kind: Sendable, Hashable {
        /// The name to look up is not a valid DNS name; nothing was sent.
        case invalidName
        /// A nameserver text is not an IP address with an optional port.
        case invalidNameserver
        /// The resolver configuration is unusable (no nameservers, resolv.conf unreadable).
        case invalidConfiguration
        /// No matching answer arrived before the per-attempt deadline.
        case timeout
        /// The server answered SERVFAIL (RCODE 2).
        case serverFailure
        /// The server answered REFUSED (RCODE 5).
        case refused
        /// The server answered another non-success RCODE (FORMERR, NOTIMP, BADVERS...).
        case unexpectedResponseCode
        /// The answer broke the wire format or was hostile (loops, bad lengths, too big).
        case malformedResponse
        /// A socket operation failed (unreachable, connection refused or reset...).
        case network
    }

    enum Code: Sendable, Hashable {
        case invalidName(String)
        case invalidNameserver(text: String, reason: String)
        case invalidConfiguration(String)
        case timeout(milliseconds: Int64, ignoredDatagrams: Int, overTCP: Bool)
        case serverFailure
        case refused
        case responseCode(UInt16)
        case malformed(String)
        case network(String)
    }

    let code: Code
    /// The name that was being looked up, when the failure belongs to a query.
    public internal(set) var queryName: String?
    /// The record type that was being looked up, when the failure belongs to a query.
    public internal(set) var queryType: RecordType?
    /// The server that caused the failure, when one did.
    public internal(set) var server: Nameserver?

    init(_ code: Code, queryName: String? = nil, queryType: RecordType? = nil, server: Nameserver? = nil) {
        self.code = code
        self.queryName = queryName
        self.queryType = queryType
        self.server = server
    }

    static func malformed(_ detail: String) -> DNSError { DNSError(.malformed(detail)) }

    /// The same error, attributed to a server unless one is already set.
    func attributed(server: Nameserver) -> DNSError {
        var copy = self
        copy.server = copy.server ?? server
        return copy
    }

    /// The same error, attributed to a query and (if not already set) a server.
    func attributed(name: String, type: RecordType, server: Nameserver?) -> DNSError {
        var copy = self
        copy.queryName = copy.queryName ?? name
        copy.queryType = copy.queryType ?? type
        copy.server = copy.server ?? server
        return copy
    }

    public var kind: Kind {
        switch code {
        case .invalidName: .invalidName
        case .invalidNameserver: .invalidNameserver
        case .invalidConfiguration: .invalidConfiguration
        case .timeout: .timeout
        case .serverFailure: .serverFailure
        case .refused: .refused
        case .responseCode: .unexpectedResponseCode
        case .malformed: .malformedResponse
        case .network: .network
        }
    }

    /// `true` when trying again later may succeed: server failures, refusals, odd RCODEs,
    /// timeouts, network errors and malformed or hostile answers. `false` for invalid input.
    public var isTemporary: Bool {
        switch kind {
        case .invalidName, .invalidNameserver, .invalidConfiguration: false
        default: true
        }
    }

    public var description: String {
        var subject: String
        if let queryName {
            let shown = Printable.text(queryName)
            subject = "DNS query for " + (kind == .invalidName ? "\"\(shown)\"" : shown)
            if let queryType { subject += " \(queryType)" }
            subject += " failed: "
        } else {
            subject = ""
        }
        let at = server.map { "server \($0)" } ?? "the server"
        let cause: String
        switch code {
        case .invalidName(let reason):
            cause = "invalid name: \(reason)"
        case .invalidNameserver(let text, let reason):
            cause = "invalid nameserver \"\(Printable.text(text))\": \(reason)"
        case .invalidConfiguration(let reason):
            cause = "invalid resolver configuration: \(reason)"
        case .timeout(let milliseconds, let ignored, let overTCP):
            cause = "\(at) did not answer\(overTCP ? " over TCP" : "") within \(Self.render(milliseconds: milliseconds))"
                + (ignored > 0 ? " (ignored \(ignored) datagram\(ignored == 1 ? "" : "s") that did not match the query)" : "")
        case .serverFailure: cause = "\(at) answered SERVFAIL"
        case .refused: cause = "\(at) answered REFUSED"
        case .responseCode(let rcode): cause = "\(at) answered \(Self.rcodeName(rcode))"
        case .malformed(let detail):
            cause = server == nil && queryName == nil
                ? "malformed DNS message: \(detail)" : "\(at) sent a malformed response: \(detail)"
        case .network(let detail):
            cause = server == nil ? "network error: \(detail)" : "network error talking to \(at): \(detail)"
        }
        return subject + cause
    }

    static func rcodeName(_ rcode: UInt16) -> String {
        switch rcode {
        case 1: "FORMERR"
        case 2: "SERVFAIL"
        case 3: "NXDOMAIN"
        case 4: "NOTIMP"
        case 5: "REFUSED"
        case 16: "BADVERS"
        default: "RCODE \(rcode)"
        }
    }

    static func render(milliseconds: Int64) -> String {
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        let tenths = (milliseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10) s"
    }
}

/// Renders untrusted text with control characters, quotes and backslashes escaped, so an
/// error message never carries them raw; long texts are cut.
enum Printable {
    static func text(_ text: String) -> String {
        var out = ""
        let scalars = text.unicodeScalars
        for scalar in scalars.prefix(300) {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x20..<0x7F: out.unicodeScalars.append(scalar)
            case 0..<0x20, 0x7F: out += "\\x" + hex(UInt8(scalar.value))
            default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        if scalars.count > 300 { out += "…" }
        return out
    }

    static func byte(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + hex(byte)
    }

    static func hex(_ byte: UInt8) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
