import FuzzSupport
import MTASTSPolicy

@_cdecl("STSRecordFuzz_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in fuzz(data, size) }
}

/// The `_mta-sts` TXT RRset: the input split at LF is the list of records (RFC 8461 §3.1).
/// Properties: selection and parsing are deterministic; a selected record is what `parse` gives
/// for the one `v=STSv1` record; its id is 1–32 letters and digits; the record written back as
/// text parses to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let records = FuzzCheck.texts(data, size, separator: 0x0A)
    let selection = STSRecord.select(from: records)
    FuzzCheck.require(selection == STSRecord.select(from: records), "select is not deterministic")
    for text in records {
        let first = Result { () throws(STSRecordError) in try STSRecord.parse(text) }
        let second = Result { () throws(STSRecordError) in try STSRecord.parse(text) }
        FuzzCheck.require(first == second, "parse is not deterministic")
        if case .success(let record) = first { check(record) }
    }
    if case .record(let record) = selection {
        let candidates = records.filter { $0.hasPrefix("v=STSv1") }
        FuzzCheck.require(candidates.contains { (try? STSRecord.parse($0)) == record },
                          "the selected record is not one of the records")
        check(record)
    }
    return 0
}

private func check(_ record: STSRecord) {
    FuzzCheck.require((1...32).contains(record.id.utf8.count), "id length \(record.id.utf8.count)")
    FuzzCheck.require(record.id.utf8.allSatisfy { ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) },
                      "id \(record.id) is not letters and digits")
    let text = (["v=STSv1", "id=\(record.id)"] + record.extensions.map { "\($0.name)=\($0.value)" })
        .joined(separator: "; ")
    FuzzCheck.require((try? STSRecord.parse(text)) == record, "the record written back does not re-parse: \(text)")
}
