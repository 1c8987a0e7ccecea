import FuzzSupport
import MTASTSPolicy

@_cdecl("TLSRPTRecordFuzz_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in fuzz(data, size) }
}

/// The `_smtp._tls` TXT RRset: the input split at LF is the list of records (RFC 8460 §3).
/// Properties: selection and parsing are deterministic; every report URI is `mailto:` (with an
/// `@`) or `https:`; the record written back as `v=TLSRPTv1; rua=<uris>` parses to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let records = FuzzCheck.texts(data, size, separator: 0x0A)
    let selection = TLSRPTRecord.select(from: records)
    FuzzCheck.require(selection == TLSRPTRecord.select(from: records), "select is not deterministic")
    for text in records {
        let first = Result { () throws(TLSRPTRecordError) in try TLSRPTRecord.parse(text) }
        let second = Result { () throws(TLSRPTRecordError) in try TLSRPTRecord.parse(text) }
        FuzzCheck.require(first == second, "parse is not deterministic")
        if case .success(let record) = first { check(record) }
    }
    if case .record(let record) = selection { check(record) }
    return 0
}

private func check(_ record: TLSRPTRecord) {
    FuzzCheck.require(!record.reportURIs.isEmpty, "a record without report URIs")
    for uri in record.reportURIs {
        let lower = uri.lowercased()
        FuzzCheck.require((lower.hasPrefix("mailto:") && uri.contains("@")) || lower.hasPrefix("https://"),
                          "report URI \(uri) is neither mailto: nor https:")
        FuzzCheck.require(!uri.contains(";") && !uri.contains(","), "report URI \(uri) holds a separator")
    }
    if let address = record.firstMailAddress {
        FuzzCheck.require(address.contains("@"), "mail address \(address) without @")
    }
    let text = "v=TLSRPTv1; rua=" + record.reportURIs.joined(separator: ",")
    FuzzCheck.require((try? TLSRPTRecord.parse(text)) == record, "the record written back does not re-parse: \(text)")
}
