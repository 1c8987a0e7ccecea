/// How an upload ended, in a form a retry schedule can use.
public struct UploadOutcome: Sendable, Equatable, CustomStringConvertible {
    /// The receiver took the report: HTTP 200/201/202 (RFC 8460 §5.4 names 200 and 201; some
    /// receivers answer 202), or SMTP end of data accepted.
    public var accepted: Bool
    /// The HTTP status or last SMTP reply code; 0 when no answer came.
    public var statusCode: Int
    /// One sentence for the journal and the operator.
    public var message: String

    public init(accepted: Bool, statusCode: Int, message: String) {
        self.accepted = accepted
        self.statusCode = statusCode
        self.message = message
    }

    public var description: String { message }
}

/// Sends reports through libcurl: HTTPS POSTs (RFC 8460 §5.4) and SMTP submissions (§5.3).
/// Certificates are always verified; each upload uses its own handle.
public struct ReportUploader: Sendable {
    /// PEM file of trusted CAs (as for policy fetches); nil means the system store.
    public var caFile: String?
    public var connectTimeout: Duration
    public var timeout: Duration
    public var userAgent: String

    public init(caFile: String? = nil, connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60),
                userAgent: String = "mtasts") {
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.userAgent = userAgent
    }

    /// The host and port of an `https://` URL, for resolving it with our own DNS client;
    /// nil when the URL is not a plain `https://host[:port]/...` URL.
    public static func endpoint(of url: String) -> (host: String, port: Int)? {
        guard url.lowercased().hasPrefix("https://") else { return nil }
        let rest = url.dropFirst(8)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        var host = Substring(authority)
        var port = 443
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") { guard let value = Int(after.dropFirst()) else { return nil }; port = value }
            else if !after.isEmpty { return nil }
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            guard let value = Int(host[host.index(after: colon)...]) else { return nil }
            port = value
            host = host[..<colon]
        }
        guard (1...65_535).contains(port), !host.isEmpty else { return nil }
        return (String(host).lowercased(), port)
    }

    /// POSTs `body` to `url` with `Content-Type: contentType`, connecting only to `addresses`
    /// (literals from the caller's resolver; empty when the host is itself an address).
    /// Redirects are not followed: only 200, 201 and 202 count as accepted.
    public func post(url: String, addresses: [String], contentType: String, body: [UInt8]) -> UploadOutcome {
        guard let (host, port) = Self.endpoint(of: url) else {
            return UploadOutcome(accepted: false, statusCode: 0, message: "\(url) is not an https:// URL")
        }
        if let caFile, let problem = Self.unreadable(caFile) {
            return UploadOutcome(accepted: false, statusCode: 0, message: "cannot read CA file \(caFile): \(problem)")
        }
        var resolveEntry: String?
        if !IPAddressLiteral.isValid(host) {
            guard !addresses.isEmpty else {
                return UploadOutcome(accepted: false, statusCode: 0, message: "\(host) has no address")
            }
            let list = addresses.map { $0.contains(":") ? "[\($0)]" : $0 }.joined(separator: ",")
            resolveEntry = "\(host):\(port):\(list)"
        }
        let request = CurlUploadRequest(
            url: url, protocols: "https", resolveEntry: resolveEntry, caFile: caFile,
            connectTimeoutMilliseconds: connectTimeout.curlMilliseconds, timeoutMilliseconds: timeout.curlMilliseconds,
            userAgent: userAgent, headers: ["Content-Type: \(contentType)", "Expect:"], body: body)
        let exchange = CurlTransfer.upload(request)
        if exchange.failure != nil {
            return UploadOutcome(accepted: false, statusCode: exchange.statusCode,
                                 message: "POST \(url) failed: \(exchange.curlMessage)")
        }
        let accepted = [200, 201, 202].contains(exchange.statusCode)
        return UploadOutcome(accepted: accepted, statusCode: exchange.statusCode,
                             message: "POST \(url) answered \(exchange.statusCode)")
    }

    /// Submits `message` (CRLF lines) over SMTP to `url` (`smtp://host:port`, or `smtps://`)
    /// with envelope sender `from` and `recipients`.
    public func submit(url: String, from: String, recipients: [String], message: [UInt8]) -> UploadOutcome {
        let lower = url.lowercased()
        guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://") else {
            return UploadOutcome(accepted: false, statusCode: 0, message: "\(url) is not an smtp:// URL")
        }
        if let caFile, let problem = Self.unreadable(caFile) {
            return UploadOutcome(accepted: false, statusCode: 0, message: "cannot read CA file \(caFile): \(problem)")
        }
        let request = CurlUploadRequest(
            url: url, protocols: "smtp,smtps", caFile: caFile,
            connectTimeoutMilliseconds: connectTimeout.curlMilliseconds, timeoutMilliseconds: timeout.curlMilliseconds,
            userAgent: userAgent, body: message, mailFrom: from, mailRecipients: recipients.map { "<\($0)>" })
        let exchange = CurlTransfer.upload(request)
        if exchange.failure != nil {
            return UploadOutcome(accepted: false, statusCode: exchange.statusCode,
                                 message: "SMTP submission to \(url) failed: \(exchange.curlMessage)")
        }
        return UploadOutcome(accepted: true, statusCode: exchange.statusCode,
                             message: "SMTP submission to \(url) accepted (\(exchange.statusCode))")
    }

    private static func unreadable(_ caFile: String) -> String? {
        do throws(PolicyFetchError) {
            try PolicyFetcher.checkReadable(caFile: caFile, url: "")
            return nil
        } catch {
            if case .caFileUnreadable(_, let problem) = error.reason { return problem }
            return error.description
        }
    }
}
