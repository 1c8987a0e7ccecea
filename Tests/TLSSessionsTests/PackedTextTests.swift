import Testing
@testable import TLSSessions

/// Dictionary keys made from a line's bytes and from a parsed line's text are the same key.
@Suite("Packed text keys")
struct PackedTextTests {
    @Test(arguments: [
        "", "a", "1xW9N6-0003lS-0A", "1xW9N6-0003lS0A1-000A", "192.0.2.1", "2001:db8::1",
        String(repeating: "x", count: 30), String(repeating: "y", count: 31), String(repeating: "z", count: 32),
        "mx.example-com.mail.protection.outlook.com", "bücher.example", "caf\u{65}\u{301}",
    ])
    func bytesAndTextAgree(_ text: String) {
        let fromBytes = PackedText(Array(text.utf8)[...])
        let fromText = PackedText(text)
        let fromSubstring = PackedText(("<" + text + ">").dropFirst().dropLast())
        #expect(fromBytes == fromText)
        #expect(fromSubstring == fromText)
        #expect(fromBytes.hashValue == fromText.hashValue)
        #expect(fromBytes.string == text)
        #expect(Set([fromBytes, fromText, fromSubstring]).count == 1)
    }

    @Test func differentTextsDiffer() {
        let texts = ["a", "a\u{0}", "b", "ab", "ba", String(repeating: "a", count: 31), String(repeating: "a", count: 32), "é"]
        let keys = Set(texts.map { PackedText($0) })
        #expect(keys.count == texts.count)
    }

    @Test func invalidUTF8IsReplacedAsTheParserDoes() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62]
        #expect(PackedText(bytes[...]) == PackedText(String(decoding: bytes, as: UTF8.self)))
    }
}
