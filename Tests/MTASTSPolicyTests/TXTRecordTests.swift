import Testing
@testable import MTASTSPolicy

@Suite("RFC 8461 §3.1 _mta-sts and RFC 8460 §3 _smtp._tls TXT records")
struct TXTRecordTests {
    @Test(arguments: [
        ("v=STSv1; id=20160831085700Z;", "20160831085700Z"),
        ("v=STSv1;id=abc", "abc"),
        ("v=STSv1 ; id=abc ;", "abc"),
        ("v=STSv1;\tid=abc\t;\t", "abc"),
        ("v=STSv1; id=20190507T01;", "20190507T01"),
        ("v=STSv1; id=abc; ext-1.x=value!", "abc"),
        ("v=STSv1; ext=1; id=" + String(repeating: "Z", count: 32), String(repeating: "Z", count: 32)),
    ])
    func selectsTheOneRecord(_ text: String, _ id: String) {
        #expect(STSRecord.select(from: ["google-site-verification=xyz", text]) == .record(STSRecord.selectedID(id, from: text)))
    }

    @Test(arguments: [
        [String](),
        ["id=abc; v=STSv1;"],
        ["v=STSv12; id=abc"],
        ["v=STSv1"],
        ["v=spf1 -all", "something else"],
    ])
    func noRecord(_ records: [String]) {
        #expect(STSRecord.select(from: records) == .noRecord)
    }

    @Test func twoRecordsMeanNoPolicy() {
        #expect(STSRecord.select(from: ["v=STSv1; id=a", "v=STSv1; id=b"]) == .multipleRecords(2))
    }

    @Test(arguments: [
        ("v=STSv1; id=", "field id has an empty value"),
        ("v=STSv1; id=abc-def", "id \"abc-def\" is not 1 to 32 letters and digits"),
        ("v=STSv1; id=" + String(repeating: "a", count: 33), "id \"" + String(repeating: "a", count: 33) + "\" is not 1 to 32 letters and digits"),
        ("v=STSv1;", "the record has no fields after the version"),
        ("v=STSv1; id=a; id=b", "the record has more than one id"),
        ("v=STSv1; ext=1", "the record has no id"),
        ("v=STSv1; id=a; bad ext", "field \"bad ext\" has no \"=\""),
        ("v=STSv1; id=a b", "field id contains the character ' '"),
        ("v=STSv1;; id=a", "field \"\" has no \"=\""),
    ])
    func invalidRecord(_ text: String, _ reason: String) {
        #expect(STSRecord.select(from: [text]) == .invalid("invalid _mta-sts TXT record: " + reason))
    }

    @Test(arguments: [
        ("v=TLSRPTv1; rua=mailto:tlsrpt@example.com", ["mailto:tlsrpt@example.com"]),
        ("v=TLSRPTv1;rua=mailto:a@example.com, https://reports.example.com/tlsrpt", ["mailto:a@example.com", "https://reports.example.com/tlsrpt"]),
        ("v=TLSRPTv1 ; rua=https://r.example/x?k=v ;", ["https://r.example/x?k=v"]),
        ("v=TLSRPTv1; rua=mailto:a@example.com; future=1", ["mailto:a@example.com"]),
    ])
    func tlsrptRecord(_ text: String, _ uris: [String]) {
        #expect(TLSRPTRecord.select(from: ["v=spf1 -all", text]) == .record(TLSRPTRecord(reportURIs: uris)))
    }

    @Test(arguments: [
        ("v=TLSRPTv1; rua=postmaster@example.com", "rua entry \"postmaster@example.com\" is not a mailto: or https: URI"),
        ("v=TLSRPTv1; rua=http://insecure.example/", "rua entry \"http://insecure.example/\" is not a mailto: or https: URI"),
        ("v=TLSRPTv1; x=1", "the record has no rua"),
    ])
    func invalidTLSRPTRecord(_ text: String, _ reason: String) {
        #expect(TLSRPTRecord.select(from: [text]) == .invalid("invalid _smtp._tls TXT record: " + reason))
    }

    @Test func tlsrptSelection() {
        #expect(TLSRPTRecord.select(from: []) == .noRecord)
        #expect(TLSRPTRecord.select(from: ["v=TLSRPTv1; rua=mailto:a@b.example", "v=TLSRPTv1; rua=mailto:c@d.example"]) == .multipleRecords(2))
        let record = TLSRPTRecord(reportURIs: ["https://r.example/", "mailto:tls@example.com"])
        #expect(record.firstMailAddress == "tls@example.com")
    }
}

extension STSRecord {
    /// The record `text` parses to, checked to carry `id`.
    static func selectedID(_ id: String, from text: String) -> STSRecord {
        let record = try! STSRecord.parse(text)
        precondition(record.id == id)
        return record
    }
}
