/// How a policy is fetched: trust anchors, time limits and size limits (RFC 8461 §3.3).
public struct PolicyFetchConfiguration: Sendable {
    /// PEM file of trusted CA certificates; `nil` means the system CA store, libcurl's CA
    /// bundle (its CA directory only when libcurl has no bundle). When set, it replaces the
    /// system store entirely. Either is parsed once per pooled curl handle and kept for up to
    /// 10 minutes.
    public var caFile: String?
    /// Longest wait for TCP connect plus TLS handshake.
    public var connectTimeout: Duration
    /// Longest the whole fetch may take, connect included. RFC 8461 §3.3 asks senders to bound
    /// the fetch; a server that accepts and never answers ends here.
    public var timeout: Duration
    /// Largest accepted policy body, enforced while the body streams in. RFC 8461 §3.3 leaves
    /// the limit to senders; peers use 64 KiB.
    public var maxBodyBytes: Int
    /// The HTTP `User-Agent`, conventionally `mtasts/<version>`.
    public var userAgent: String
    /// Whether a fetched ``PolicyDocument`` names the server certificate's subject and issuer
    /// (for `mtasts explain`). Off, libcurl does not render the certificate chain as text,
    /// which a prewarm pass over thousands of domains has no use for.
    public var recordsCertificate: Bool

    public init(
        caFile: String? = nil,
        connectTimeout: Duration = .seconds(10),
        timeout: Duration = .seconds(30),
        maxBodyBytes: Int = 65_536,
        userAgent: String = "mtasts",
        recordsCertificate: Bool = true
    ) {
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.userAgent = userAgent
        self.recordsCertificate = recordsCertificate
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 (curl reads 0 as "no limit"), saturating on overflow.
    var curlMilliseconds: Int {
        guard self > .zero else { return 1 }
        let (seconds, attoseconds) = components
        let (whole, overflow) = Int(seconds).multipliedReportingOverflow(by: 1000)
        if overflow { return Int.max }
        let fraction = Int(attoseconds / 1_000_000_000_000_000)
        return max(1, whole &+ fraction)
    }
}
