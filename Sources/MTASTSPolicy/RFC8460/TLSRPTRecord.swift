/// The `_smtp._tls.<domain>` TXT record that says where TLS reports go (RFC 8460 §3).
public struct TLSRPTRecord: Hashable, Sendable {
    /// The report URIs of `rua`, in record order: `mailto:` and `https:` only (RFC 8460 §3).
    public let reportURIs: [String]

    /// The first `mailto:` address without its scheme: what the Perl original kept in `D:report`.
    public var firstMailAddress: String? {
        reportURIs.first { $0.lowercased().hasPrefix("mailto:") }.map { String($0.dropFirst(7)) }
    }

    /// What the TXT RRset at `_smtp._tls.<domain>` says, after RFC 8460 §3's selection rules.
    public enum Selection: Hashable, Sendable {
        case record(TLSRPTRecord)
        /// No record starts with `v=TLSRPTv1`.
        case noRecord
        /// More than one `v=TLSRPTv1` record: no reporting (RFC 8460 §3).
        case multipleRecords(Int)
        case invalid(String)
    }

    /// Records not starting with `v=TLSRPTv1` and `;` are discarded; exactly one must remain.
    public static func select(from records: [String]) -> Selection {
        let candidates = records.filter {
            $0.hasPrefix("v=TLSRPTv1") && TagList.startsWithSeparator($0.utf8.dropFirst(10))
        }
        guard candidates.count <= 1 else { return .multipleRecords(candidates.count) }
        guard let text = candidates.first else { return .noRecord }
        do throws(TLSRPTRecordError) {
            return .record(try parse(text))
        } catch {
            return .invalid(error.description)
        }
    }

    /// Parses `v=TLSRPTv1; rua=<uri>[,<uri>]...`; whitespace around commas and separators is
    /// tolerated (RFC 8460 §3 `tlsrpt-rua`), unknown extensions are ignored, and a `rua`
    /// without at least one `mailto:` or `https:` URI is invalid.
    public static func parse(_ text: String) throws(TLSRPTRecordError) -> TLSRPTRecord {
        let fields = try TagList.parse(text, version: "v=TLSRPTv1", errorType: TLSRPTRecordError.self) { name, byte in
            // URIs may carry "=" (query strings); WSP may surround the commas.
            name == "rua" && (byte == 0x3D || byte == 0x20 || byte == 0x09)
        }
        let ruaFields = fields.filter { $0.name == "rua" }
        guard ruaFields.count == 1, let rua = ruaFields.first else {
            throw TLSRPTRecordError(ruaFields.isEmpty ? "the record has no rua" : "the record has more than one rua")
        }
        var uris: [String] = []
        for item in rua.value.split(separator: ",", omittingEmptySubsequences: false) {
            let uri = String(TagList.trimWSP(item))
            let lower = uri.lowercased()
            if lower.hasPrefix("mailto:"), uri.count > 7, uri.contains("@") {
                uris.append(uri)
            } else if lower.hasPrefix("https://"), uri.count > 8 {
                uris.append(uri)
            } else {
                throw TLSRPTRecordError("rua entry \"\(DomainNameError.printable(uri))\" is not a mailto: or https: URI")
            }
        }
        return TLSRPTRecord(reportURIs: uris)
    }
}

/// Why an `_smtp._tls` TXT record is invalid (RFC 8460 §3).
public struct TLSRPTRecordError: Error, Sendable, Equatable, CustomStringConvertible, TagListError {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { "invalid _smtp._tls TXT record: \(reason)" }
}
