import Foundation
import JSONText
import Testing

@Suite("The one JSON writer (RFC 8259)")
struct JSONValueTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote \" and \\ backslash", #""quote \" and \\ backslash""#),
        ("line\nfeed\r\ttab", #""line\nfeed\r\ttab""#),
        ("nul \u{0} bell \u{7} del \u{7F}", #""nul \u0000 bell \u0007 del \u007f""#),
        ("ünïcödé ✓", #""ünïcödé ✓""#),
    ])
    func escapesStrings(_ text: String, _ expected: String) throws {
        #expect(JSONValue.quoted(text) == expected)
        // Foundation's parser reads back exactly the original text.
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(expected)]".utf8)) as? [String]
        #expect(parsed == [text])
    }

    @Test func keepsKeyOrderAndRendersEveryKind() {
        let value: JSONValue = .object([
            ("z", 1), ("a", .array([true, false, .null])), ("m", .object([("k", "v")])), ("n", .int(-42)),
            ("o", .optional(nil)), ("p", .optional("x")),
        ])
        #expect(value.rendered == #"{"z":1,"a":[true,false,null],"m":{"k":"v"},"n":-42,"o":null,"p":"x"}"#)
    }
}
