/// A policy document as served, before parsing: the body passed every RFC 8461 §3.3 check
/// (valid certificate, HTTP 200, `text/plain`, within the size limit).
public struct PolicyDocument: Sendable, Equatable {
    /// The body bytes, at most `PolicyFetchConfiguration.maxBodyBytes`.
    public var body: [UInt8]
    /// The `Content-Type` header as served, e.g. `text/plain; charset=utf-8`.
    public var contentType: String
    /// The URL fetched, `https://mta-sts.<domain>/.well-known/mta-sts.txt`.
    public var url: String
    /// Subject of the server's leaf certificate, when libcurl reports it (CURLINFO_CERTINFO).
    public var certificateSubject: String?
    /// Issuer of the server's leaf certificate, when libcurl reports it (CURLINFO_CERTINFO).
    public var certificateIssuer: String?

    public init(
        body: [UInt8], contentType: String, url: String,
        certificateSubject: String? = nil, certificateIssuer: String? = nil
    ) {
        self.body = body
        self.contentType = contentType
        self.url = url
        self.certificateSubject = certificateSubject
        self.certificateIssuer = certificateIssuer
    }
}
