import Testing
import MTASTSPolicy

@Suite("Domain name validation")
struct DomainNameTests {
    @Test(arguments: [
        ("gmail.com", "gmail.com"),
        ("Example.COM.", "example.com"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("a-b.c-d.example", "a-b.c-d.example"),
        ("localhost", "localhost"),
        ("123.example", "123.example"),
        ("a1.0b", "a1.0b"),
        ("MX1.Example.com", "mx1.example.com"),
        (String(repeating: "a", count: 63) + ".com", String(repeating: "a", count: 63) + ".com"),
        (Array(repeating: String(repeating: "b", count: 62), count: 4).joined(separator: ".") + ".c",
         Array(repeating: String(repeating: "b", count: 62), count: 4).joined(separator: ".") + ".c"),
    ])
    func acceptsAndCanonicalises(_ input: String, _ canonical: String) throws {
        #expect(try DomainName(validating: input).value == canonical)
    }

    @Test(arguments: [
        ("", "it is empty"),
        (".", "it is empty"),
        ("a b.com", "character ' ' is not allowed (only letters, digits, hyphens and dots)"),
        ("a;b.com", "character ';' is not allowed (only letters, digits, hyphens and dots)"),
        ("$(reboot).com", "character '$' is not allowed (only letters, digits, hyphens and dots)"),
        ("a\u{0}.com", "character 0x00 is not allowed (only letters, digits, hyphens and dots)"),
        ("_mta-sts.example.com", "character '_' is not allowed (only letters, digits, hyphens and dots)"),
        ("bücher.example", "it is not ASCII; give the IDNA A-label (xn--) form"),
        ("a..com", "it has an empty label (two dots in a row, or a leading dot)"),
        (".a.com", "it has an empty label (two dots in a row, or a leading dot)"),
        ("-a.com", "a label starts or ends with a hyphen"),
        ("a-.com", "a label starts or ends with a hyphen"),
        ("a.-b.com", "a label starts or ends with a hyphen"),
        ("a.b.com-", "a label starts or ends with a hyphen"),
        ("example.123", "the last label is all digits (an IP address is not a domain)"),
        ("a.b..", "it has an empty label (two dots in a row, or a leading dot)"),
        ("192.0.2.1", "the last label is all digits (an IP address is not a domain)"),
        (String(repeating: "a", count: 64) + ".com", "a label has 64 characters, more than 63"),
        (Array(repeating: String(repeating: "a", count: 50), count: 6).joined(separator: "."), "305 characters, more than 253"),
        (Array(repeating: String(repeating: "b", count: 62), count: 4).joined(separator: ".") + ".cd", "254 characters, more than 253"),
    ])
    func rejects(_ input: String, _ reason: String) {
        do {
            _ = try DomainName(validating: input)
            Issue.record("accepted \(input)")
        } catch {
            #expect(error.reason == reason)
            #expect(error.description.hasPrefix("invalid domain name \""))
        }
    }

    @Test func errorMessagesNeverCarryControlCharacters() {
        do {
            _ = try DomainName(validating: "evil\u{0}\n\u{1b}[31m.com")
            Issue.record("accepted")
        } catch {
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 })
            #expect(error.description.contains("\\x00"))
        }
    }
}
