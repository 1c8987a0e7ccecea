@testable import DNSClient
import FuzzSupport
import MTASTSPolicy

@_cdecl("DNSMessageFuzz_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in fuzz(data, size) }
}

/// `DNSMessage(parsing:)` on arbitrary bytes (a hostile answer, RFC 1035 §4.1). Properties:
/// parsing is deterministic; record counts and name lengths stay within the limits; each
/// question, asked again through `QueryBuilder`, parses back to itself; TXT answers go through
/// the `_mta-sts` and `_smtp._tls` selection without trouble.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    let first = Result { () throws(DNSError) in try DNSMessage(parsing: bytes) }
    let second = Result { () throws(DNSError) in try DNSMessage(parsing: bytes) }
    FuzzCheck.require(first == second, "parse is not deterministic")
    guard case .success(let message) = first else { return 0 }

    let records = message.answers + message.authorities + message.additionals
    FuzzCheck.require(message.questions.count + records.count + (message.edns == nil ? 0 : 1)
                      <= DNSMessage.maximumRecords, "too many records")
    for name in message.questions.map(\.name) + records.map(\.name) { check(name) }

    for question in message.questions {
        for edns in [true, false] {
            let query = QueryBuilder(id: message.header.id, name: question.name, type: question.type, edns: edns)
            let parsed = try? DNSMessage(parsing: query.bytes)
            FuzzCheck.require(parsed?.questions == [query.question], "query for \(question.name) does not re-parse")
            FuzzCheck.require(parsed?.header.id == message.header.id, "query id changed")
            FuzzCheck.require((parsed?.edns != nil) == edns, "EDNS lost or invented")
        }
    }

    let texts = records.compactMap { record -> String? in
        if case .txt(let txt) = record.data { return txt.text }
        return nil
    }
    _ = STSRecord.select(from: texts)
    _ = TLSRPTRecord.select(from: texts)
    return 0
}

private func check(_ name: DNSName) {
    FuzzCheck.require(name.wireLength <= DNSName.maximumWireLength, "name \(name) is \(name.wireLength) bytes")
    FuzzCheck.require(name.labels.allSatisfy { (1...DNSName.maximumLabelLength).contains($0.count) }, "label length")
    FuzzCheck.require(name.wireBytes.count == name.wireLength, "wireBytes and wireLength disagree")
    let plain = name.labels.allSatisfy { $0.allSatisfy(DNSName.isAllowedQueryByte) }
    if plain && name != .root {
        FuzzCheck.require((try? DNSName(validating: name.description)) == name, "\(name) does not re-validate")
    }
}
