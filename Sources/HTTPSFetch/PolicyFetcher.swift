#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fetches MTA-STS policy documents over HTTPS following RFC 8461 §3.3. Holds only its
/// configuration; each fetch uses a libcurl handle of its own for its duration (handles are
/// pooled and reused between fetches), so one fetcher serves many threads.
public struct PolicyFetcher: Sendable {
    /// Response headers beyond this many bytes end the fetch (a server streaming headers
    /// forever must not hold the fetch or its memory).
    public static let maxHeaderBytes = 65_536

    public let configuration: PolicyFetchConfiguration

    public init(configuration: PolicyFetchConfiguration) {
        self.configuration = configuration
    }

    /// Fetches `https://<policyHost>/.well-known/mta-sts.txt` (RFC 8461 §3.3), connecting
    /// only to `addresses` — IPv4/IPv6 literals the caller resolved through its own DNS client,
    /// tried in order and pinned so libcurl does no DNS itself — on `port`.
    ///
    /// Succeeds only for a certificate valid for `policyHost`, HTTP 200 (redirects are not
    /// followed), media type `text/plain` and a body within `maxBodyBytes`, all within the
    /// configured time limits.
    public func fetch(policyHost: String, addresses: [String], port: Int = 443) throws(PolicyFetchError) -> PolicyDocument {
        let endpoint = try PolicyEndpoint(host: policyHost, port: port, addresses: addresses)
        if let caFile = configuration.caFile {
            try Self.checkReadable(caFile: caFile, url: endpoint.url)
        }
        let request = CurlRequest(
            endpoint: endpoint,
            caFile: configuration.caFile,
            connectTimeoutMilliseconds: configuration.connectTimeout.curlMilliseconds,
            timeoutMilliseconds: configuration.timeout.curlMilliseconds,
            maxBodyBytes: max(configuration.maxBodyBytes, 0),
            maxHeaderBytes: Self.maxHeaderBytes,
            userAgent: configuration.userAgent,
            recordsCertificate: configuration.recordsCertificate)
        return try PolicyResponseClassifier.judge(CurlTransfer.perform(request), request: request).get()
    }

    /// A missing or unreadable CA file is a configuration problem: name the file, before
    /// libcurl reports it as a vague TLS failure.
    static func checkReadable(caFile: String, url: String) throws(PolicyFetchError) {
        guard !caFile.isEmpty else {
            throw PolicyFetchError(.caFileUnreadable(path: caFile, problem: "the path is empty"), url: url)
        }
        guard access(caFile, R_OK) == 0 else {
            let problem = String(cString: strerror(errno))
            throw PolicyFetchError(.caFileUnreadable(path: caFile, problem: problem), url: url)
        }
        var status = stat()
        if stat(caFile, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw PolicyFetchError(.caFileUnreadable(path: caFile, problem: "it is a directory"), url: url)
        }
    }
}
