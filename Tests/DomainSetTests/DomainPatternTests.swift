import MTASTSConfig
import MTASTSPolicy
import Testing

@Suite("ignore_domains patterns")
struct DomainPatternTests {
    @Test("exact names and *.suffix", arguments: [
        ("example.com", "example.com", true),
        ("example.com", "EXAMPLE.com.", true),
        ("example.com", "a.example.com", false),
        ("*.example.com", "a.example.com", true),
        ("*.example.com", "a.b.example.com", true),
        ("*.example.com", "example.com", false),
        ("*.example.com", "badexample.com", false),
        ("*.Example.COM", "x.example.com", true),
    ])
    func matches(pattern: String, domain: String, expected: Bool) throws {
        let parsed = try DomainPattern(parsing: pattern)
        #expect(parsed.matches(try DomainName(validating: domain)) == expected)
    }

    @Test("invalid patterns are refused", arguments: ["*.", "*", "**.example.com", "a.*.example.com", "*example.com", ""])
    func invalid(_ pattern: String) {
        #expect(throws: DomainNameError.self) { try DomainPattern(parsing: pattern) }
    }

    @Test("renders as written, lower-cased")
    func renders() throws {
        #expect(try DomainPattern(parsing: "*.Internal.Example").description == "*.internal.example")
        #expect(try DomainPattern(parsing: "Example.org.").description == "example.org")
    }
}
