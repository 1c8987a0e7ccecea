import MTASTSPolicy

/// One line of Exim's main log, split into its parts:
///
///     2026-11-25 09:15:04.213 +0000 [20763] 1xW95m-0005Os-0K => bob@example.com <b@local.example>
///       R=remote T=remote_smtp H=mx.example.com [192.0.2.1]:25* X=TLS1.3:...:256 CV=yes
///       DN="CN=mx.example.com" C="250 OK id=1" DT=0.088s
///     2026-11-25 09:15:04 1xW95k-0005Nn-0t == defer@example.net R=remote T=remote_smtp defer (-44)
///       H=mx.example.net [192.0.2.2]: SMTP error from remote mail server after RCPT TO:...: 451 ...
///
/// Parse with ``init(parsing:)``. Only the timestamp is required; lines without a message id
/// (queue runner start, daemon messages) and without a flag (host errors, "Completed") parse too.
public struct EximLogLine: Sendable, Equatable {
    public var timestamp: EximTimestamp
    /// The process id in brackets (`log_selector = +pid`), when logged.
    public var processID: Int?
    /// The message id: 16 characters (`1xW95m-0005Os-0K`), or 23 from Exim 4.97 on
    /// (`1xW95m-0005Os0K1-000A`); nil on lines about no message.
    public var messageID: String?
    /// The flag after the message id, when there is one.
    public var flag: EximFlag?
    /// The address after the flag: for delivery lines the address Exim routed and delivered to
    /// (after any redirection); for `<=` the sender (`<>` for bounces). May be a local part, a
    /// file or a pipe for local deliveries.
    public var address: String?
    /// The addresses in angle brackets after ``address``, brackets removed: the original
    /// recipient the routed address came from (all ancestors with `+all_parents`).
    public var parentAddresses: [String]
    /// The `KEY=value` fields, in order. `H=` is also parsed into ``host``.
    public var fields: [EximLogField]
    /// The `H=` field, parsed.
    public var host: EximHost?
    /// Words between the fields that are not fields (`defer`, `(-44)`, `Completed`, ...).
    public var words: [String]
    /// The text after a field or address that ends in `:` (the error of `==` and `**` lines,
    /// the problem on a host line), when there is one.
    public var detail: String?
    /// Everything after the message id (or after the timestamp and pid when there is none), as written.
    public var body: String

    public init(timestamp: EximTimestamp, processID: Int? = nil, messageID: String? = nil, flag: EximFlag? = nil,
                address: String? = nil, parentAddresses: [String] = [], fields: [EximLogField] = [],
                host: EximHost? = nil, words: [String] = [], detail: String? = nil, body: String = "") {
        self.timestamp = timestamp
        self.processID = processID
        self.messageID = messageID
        self.flag = flag
        self.address = address
        self.parentAddresses = parentAddresses
        self.fields = fields
        self.host = host
        self.words = words
        self.detail = detail
        self.body = body
    }

    /// Parses one line (without its newline).
    public init(parsing line: some StringProtocol) throws(EximLogParseError) {
        self = try EximLogLineParser.parse(Array(line.utf8))
    }

    /// Parses one line's bytes (without the newline); invalid UTF-8 is replaced, never fatal.
    /// The replacement happens first, so a line's bytes and its text parse alike (otherwise a
    /// quoted value's `\` escape could join two invalid fragments into one valid character).
    public init(parsing bytes: some Collection<UInt8>) throws(EximLogParseError) {
        self = try EximLogLineParser.parse(Array(String(decoding: bytes, as: UTF8.self).utf8))
    }

    /// The value of the first field named `key` (`"T"`, `"X"`, ...).
    public subscript(field key: String) -> String? {
        fields.first { $0.key == key }?.value
    }

    /// `R=`: the router.
    public var router: String? { self[field: "R"] }
    /// `T=`: the transport.
    public var transport: String? { self[field: "T"] }
    /// `X=`: the TLS version and cipher suite, when the session was encrypted.
    public var tlsCipher: String? { self[field: "X"] }
    /// `CV=`: whether the peer's certificate was verified (`yes`, `no`, `dane`).
    public var certificateVerified: String? { self[field: "CV"] }
    /// `DN=`: the peer certificate's subject (`+tls_peerdn`).
    public var peerDN: String? { self[field: "DN"] }

    /// The words and the detail as one text: `defer (-44): SMTP error from remote mail server ...`.
    public var remainder: String {
        let text = words.joined(separator: " ")
        guard let detail else { return text }
        return text.isEmpty ? detail : text + ": " + detail
    }

    /// Whether the line is a delivery, deferral or failure that talked to (or tried) a remote
    /// host: flag `=>`, `->`, `==` or `**` and an `H=` field.
    public var isRemoteDeliveryOutcome: Bool {
        guard let flag, host != nil else { return false }
        return flag == .delivered || flag == .additional || flag == .deferred || flag == .failed
    }

    /// The domain of ``address`` (after its last `@`), when it is a valid domain name.
    public var recipientDomain: DomainName? {
        guard let address, let at = address.lastIndex(of: "@") else { return nil }
        return try? DomainName(validating: address[address.index(after: at)...])
    }
}

/// Why a line is not an Exim main log line.
public struct EximLogParseError: Error, Sendable, Equatable, CustomStringConvertible {
    let code: Code

    enum Code: Sendable, Equatable {
        case noTimestamp
        case invalidTimestamp
    }

    public var description: String {
        switch code {
        case .noTimestamp: return "the line does not start with a timestamp (YYYY-MM-DD HH:MM:SS)"
        case .invalidTimestamp: return "the line's timestamp is not a valid date and time"
        }
    }
}
