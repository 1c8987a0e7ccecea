import Testing
import MTASTSPolicy

@Suite("RFC 8461 §4.1 MX host matching")
struct MXPatternTests {
    /// (pattern, candidate host, expected)
    static let vectors: [(String, String, Bool)] = [
        ("mx1.example.com", "mx1.example.com", true),
        ("mx1.example.com", "MX1.Example.COM.", true),
        ("mx1.example.com.", "mx1.example.com", true),
        ("mx1.example.com", "mx2.example.com", false),
        ("*.example.com", "mx1.example.com", true),
        ("*.example.com", "MX1.EXAMPLE.com.", true),
        ("*.Example.COM", "mx1.example.com", true),
        ("*.example.com", "example.com", false),
        ("*.example.com", "a.b.example.com", false),
        ("*.example.com", "xexample.com", false),
        ("*.example.com", "mx1.example.org", false),
        ("*.example.com", "mx1.example.com.attacker.net", false),
        ("mx.example.com", "evilmx.example.com.attacker.net", false),
        ("mx.example.com", "mx.example.com.attacker.net", false),
        ("mx.example.com", "xmx.example.com", false),
        ("mx.example.com", "a.mx.example.com", false),
        ("example.com", "mx.example.com", false),
    ]

    @Test(arguments: vectors)
    func matches(_ pattern: String, _ host: String, _ expected: Bool) throws {
        let parsed = try MXPattern(parsing: pattern)
        #expect(parsed.matches(host) == expected)
    }

    @Test(arguments: ["", "*", "*.", "**.example.com", "mx.*.example.com", "mx*.example.com", "a..b", "[1.2.3.4]", "mx example.com", "-mx.example.com"])
    func rejectsMalformedPatterns(_ text: String) {
        #expect(throws: DomainNameError.self) { try MXPattern(parsing: text) }
    }

    @Test(arguments: ["", "bad host", "mx1.example.com\u{0}", "ünï.example"])
    func invalidCandidatesMatchNothing(_ host: String) throws {
        #expect(try MXPattern(parsing: "*.example.com").matches(host) == false)
        #expect(try MXPattern(parsing: "mx1.example.com").matches(host) == false)
    }

    @Test func policyAllowsAnyListedPattern() throws {
        let policy = try PolicyParser.parse("version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.backup.example.com\nmax_age: 60\n").policy
        #expect(policy.allows(mxHost: try DomainName(validating: "mx1.example.com")))
        #expect(policy.allows(mxHost: try DomainName(validating: "b1.backup.example.com")))
        #expect(!policy.allows(mxHost: try DomainName(validating: "mx2.example.com")))
    }
}
