/// A discovery attempt that failed, with the RFC 8460 §4.3.2.1 result type TLSRPT reports for it.
public struct DiscoveryFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The policy-discovery result types of RFC 8460 §4.3.2.1.
    public enum ResultType: String, Sendable, CaseIterable {
        /// The policy could not be retrieved: DNS temporary failure, no address, connection
        /// problems, timeouts, an HTTP status other than 200 (RFC 8461 §3.3).
        case fetchError = "sts-policy-fetch-error"
        /// A document was retrieved but is not a valid policy: wrong media type, too large,
        /// or a syntax error (RFC 8461 §3.2, §3.3).
        case invalid = "sts-policy-invalid"
        /// The HTTPS server's certificate did not validate for `mta-sts.<domain>` (RFC 8461 §3.3).
        case webPKI = "sts-webpki-invalid"
    }

    public let resultType: ResultType
    /// One sentence saying what failed and where.
    public let detail: String

    public init(_ resultType: ResultType, _ detail: String) {
        self.resultType = resultType
        self.detail = detail
    }

    public var description: String { detail }
}
