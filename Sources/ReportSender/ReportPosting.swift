import HTTPSFetch

/// Sends a report to an `https:` rua (RFC 8460 §5.4).
public protocol ReportPosting: Sendable {
    func post(gzip: [UInt8], to url: String) -> UploadOutcome
}

/// ``ReportPosting`` through libcurl, connecting to the addresses our own resolver gives.
public struct CurlReportPoster: ReportPosting {
    public let uploader: ReportUploader
    public let dns: any ReportDNS

    public init(uploader: ReportUploader, dns: any ReportDNS) {
        self.uploader = uploader
        self.dns = dns
    }

    public func post(gzip: [UInt8], to url: String) -> UploadOutcome {
        guard let (host, _) = ReportUploader.endpoint(of: url) else {
            return UploadOutcome(accepted: false, statusCode: 0, message: "\(url) is not a usable https:// URL")
        }
        // RFC 8460 §5.4: the gzip report as application/tlsrpt+gzip.
        return uploader.post(url: url, addresses: dns.addresses(of: host), contentType: "application/tlsrpt+gzip", body: gzip)
    }
}
