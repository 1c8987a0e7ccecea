/// Where a domain wants TLS reports (RFC 8460 §3): keys `D:rua` and `D:report`.
public struct CachedReporting: Sendable, Equatable {
    /// Every `rua` URI of the `_smtp._tls` TXT record, in order (`D:rua`, joined with `,`;
    /// RFC 8460 §3 requires commas inside a URI to be percent-encoded, so `,` is unambiguous).
    public var rua: [String]
    /// The first `mailto:` address without the `mailto:` prefix (`D:report`, as the Perl
    /// original wrote it).
    public var reportAddress: String?

    public init(rua: [String], reportAddress: String?) {
        self.rua = rua
        self.reportAddress = reportAddress
    }

    /// Derives ``reportAddress`` from the first `mailto:` URI of `rua`.
    public init(rua: [String]) {
        self.rua = rua
        self.reportAddress = rua.lazy.compactMap { uri -> String? in
            guard uri.lowercased().hasPrefix("mailto:") else { return nil }
            let address = String(uri.dropFirst("mailto:".count))
            return address.isEmpty ? nil : address
        }.first
    }
}
