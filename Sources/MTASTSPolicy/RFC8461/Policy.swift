/// A valid MTA-STS policy (RFC 8461 §3.2), as parsed from the document served at
/// `https://mta-sts.<domain>/.well-known/mta-sts.txt`.
public struct Policy: Hashable, Sendable {
    /// The largest `max_age` the RFC allows: about one year (RFC 8461 §3.2).
    public static let maximumMaxAge = 31_557_600

    /// Always `STSv1`: the only version RFC 8461 defines.
    public var version: String { "STSv1" }
    public var mode: PolicyMode
    /// Seconds a sender may cache the policy, 0 ... ``maximumMaxAge``.
    public var maxAge: Int
    /// The allowed MX host patterns, in document order. Empty only when ``mode`` is `none`.
    public var mx: [MXPattern]
    /// The document exactly as served (kept for TLSRPT's `policy-string`).
    public var text: String

    public init(mode: PolicyMode, maxAge: Int, mx: [MXPattern], text: String) {
        self.mode = mode
        self.maxAge = maxAge
        self.mx = mx
        self.text = text
    }

    /// Whether a connection to MX host `host` is allowed by the `mx` patterns (RFC 8461 §4.1).
    public func allows(mxHost host: DomainName) -> Bool { mx.allow(host) }

    /// The policy's lines, as TLSRPT's `policy-string` wants them (RFC 8460 §4.4).
    public var lines: [String] {
        PolicyParser.lines(of: text).filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }.map(String.init)
    }
}
