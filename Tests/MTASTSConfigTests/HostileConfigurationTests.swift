import Foundation
import MTASTSConfig
import Testing

/// Hostile configuration text: wrong types, unknown keys, huge and deeply nested values, binary
/// garbage. Each gives one clear one-line error naming the file (or, where documented, the
/// defaults), never a crash, a hang or a huge allocation.
@Suite("Hostile configuration text", .timeLimit(.minutes(2)))
struct HostileConfigurationTests {
    static let source = "hostile.yaml"
    static let mebibyte = 1024 * 1024

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let yaml: @Sendable () -> String
        let kind: ConfigError.Kind
        /// Text the message must contain.
        let says: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Wrong types.
        Case(name: "a section given as a number", yaml: { "cache: 5\n" }, kind: .wrongType, says: "line 1: cache must be a mapping"),
        Case(name: "a list given as a string", yaml: { "domains: example.com\n" }, kind: .wrongType, says: "domains must be a list"),
        Case(name: "a list of lists", yaml: { "domains: [[a.example]]\n" }, kind: .wrongType, says: "line 1: domains[0] must be a string, not a list"),
        Case(name: "a number given as a list", yaml: { "resolver:\n  attempts: [1]\n" }, kind: .wrongType, says: "line 2: resolver.attempts"),
        Case(name: "a duration given as a mapping", yaml: { "https: {timeout: {a: 1}}\n" }, kind: .wrongType, says: "https.timeout"),
        Case(name: "the root is a list", yaml: { "- cache\n" }, kind: .wrongType, says: "must be a mapping of sections"),
        Case(name: "the root is a scalar", yaml: { "just text\n" }, kind: .wrongType, says: "must be a mapping of sections"),
        Case(name: "a key that is a list", yaml: { "? [a, b]\n: c\n" }, kind: .wrongType, says: "must be a plain name"),
        // Unknown keys.
        Case(name: "an unknown top-level key", yaml: { "colour: blue\n" }, kind: .unknownKey, says: #"unknown key "colour" at the top level"#),
        Case(name: "an unknown key in a section", yaml: { "cache:\n  paht: /x\n" }, kind: .unknownKey, says: #"line 2: unknown key "paht" in "cache""#),
        Case(name: "a key with control characters", yaml: { "\"a\\u0000b\\nc\": 1\n" }, kind: .unknownKey, says: #""a\u{0}b\nc""#),
        // Hostile domains in `domains:` and `ignore_domains:` (the CLI rejects the same names).
        Case(name: "a U-label domain", yaml: { "domains: [bücher.example]\n" }, kind: .invalidValue, says: "is not ASCII; give the IDNA A-label (xn--) form"),
        Case(name: "a domain with a space", yaml: { "domains: [\"a b.example\"]\n" }, kind: .invalidValue, says: "is not a domain name"),
        Case(name: "a domain with NUL", yaml: { "domains: [\"a\\0b.example\"]\n" }, kind: .invalidValue, says: #""a\u{0}b.example""#),
        Case(name: "a domain with ;", yaml: { "domains: [\"x;reboot.example\"]\n" }, kind: .invalidValue, says: "is not a domain name"),
        Case(name: "a domain with $", yaml: { "domains: [\"$(id).example\"]\n" }, kind: .invalidValue, says: "is not a domain name"),
        Case(name: "a 64-byte label", yaml: { "domains: [\(String(repeating: "a", count: 64)).example]\n" }, kind: .invalidValue, says: "64"),
        Case(name: "a U-label ignore pattern", yaml: { "ignore_domains: [\"*.bücher.example\"]\n" }, kind: .invalidValue, says: "is not ASCII; give the IDNA A-label (xn--) form"),
        // Huge values.
        // YAML limits implicit keys to 1024 characters: a longer key is a syntax error.
        Case(name: "a 1 MiB key", yaml: { String(repeating: "k", count: mebibyte - 10) + ": 1\n" }, kind: .syntax, says: "line 1: invalid YAML"),
        Case(name: "a 1 MiB explicit key", yaml: { "? " + String(repeating: "k", count: mebibyte - 10) + "\n: 1\n" },
             kind: .unknownKey, says: "…\" at the top level"),
        Case(name: "a 1 MiB value", yaml: { "cache:\n  path: " + String(repeating: "p", count: mebibyte - 30) + "\n" },
             kind: .invalidValue, says: "line 2: cache.path: \"ppp"),
        Case(name: "a file over 1 MiB", yaml: { "domains: [" + String(repeating: "a.example, ", count: mebibyte / 10) + "]\n" },
             kind: .unreadable, says: "bigger than 1 MiB"),
        Case(name: "a 10 MB string", yaml: { "cache:\n  path: \"/" + String(repeating: "x", count: 10_000_000) + "\"\n" },
             kind: .unreadable, says: "bigger than 1 MiB"),
        Case(name: "100,000 list items, the last one bad", yaml: { "domains:\n" + String(repeating: "- a.io\n", count: 99_999) + "- -bad\n" },
             kind: .invalidValue, says: "line 100001: domains[99999]: \"-bad\" is not a domain name"),
        // Deep nesting.
        Case(name: "100,000 open brackets", yaml: { "domains: " + String(repeating: "[", count: 100_000) }, kind: .syntax, says: "nested too deeply"),
        Case(name: "50,000 nested flow mappings", yaml: { String(repeating: "{a: ", count: 50_000) }, kind: .syntax, says: "nested too deeply"),
        Case(name: "20,000 compact list levels", yaml: { String(repeating: "- ", count: 20_000) + "x\n" }, kind: .syntax, says: "nested too deeply"),
        Case(name: "300 indentation levels", yaml: { (0..<300).map { String(repeating: " ", count: $0 * 2) + "k\($0):\n" }.joined() },
             kind: .syntax, says: "nested too deeply"),
        // Garbage.
        Case(name: "control characters", yaml: { "cache:\u{1}\u{2}\u{7f}\n" }, kind: .syntax, says: "invalid YAML"),
        Case(name: "an unterminated quote", yaml: { "cache: \"/x\n" }, kind: .syntax, says: "invalid YAML"),
        Case(name: "a tab as indentation", yaml: { "cache:\n\tpath: /x\n" }, kind: .syntax, says: "invalid YAML"),
        Case(name: "an alias bomb", yaml: { "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n" }, kind: .unknownKey, says: "unknown key \"a\""),
        Case(name: "two documents", yaml: { "cache: {}\n---\ncache: {}\n" }, kind: .syntax, says: "a second document"),
    ]

    @Test(arguments: cases)
    func hostileText(_ hostile: Case) throws {
        let error = try #require(throws: ConfigError.self) {
            try Configuration.parse(yaml: hostile.yaml(), source: Self.source)
        }
        #expect(error.kind == hostile.kind, "\(error)")
        Self.expectOneClearLine(error, says: hostile.says)
    }

    @Test func oneHundredThousandDomainsLoad() throws {
        let yaml = "domains: [" + (0..<100_000).map { "d\($0).io" }.joined(separator: ",") + "]\n"
        let configuration = try Configuration.parse(yaml: yaml, source: Self.source)
        #expect(configuration.domains.count == 100_000)
        #expect(configuration.domains.last?.value == "d99999.io")
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n", "~\n", "{}\n", "---\n"])
    func emptyTextGivesTheDefaults(_ yaml: String) throws {
        #expect(try Configuration.parse(yaml: yaml, source: Self.source) == Configuration())
    }

    /// Pseudo-random bytes (a fixed generator, so failures reproduce) as a file.
    @Test(arguments: 0..<8)
    func binaryGarbageFiles(_ seed: Int) throws {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        let bytes = (0..<4096).map { _ -> UInt8 in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = try directory.write("garbage.yaml", bytes)
        let error = try #require(throws: ConfigError.self) {
            try Configuration.load(from: ConfigLocation(path: path, origin: .commandLine))
        }
        #expect(error.kind == .syntax, "\(error)")
        Self.expectOneClearLine(error, says: "line ", sourceName: path)
    }

    static func expectOneClearLine(_ error: ConfigError, says text: String, sourceName: String = source) {
        let message = error.description
        #expect(message.contains(text), "\(message.prefix(400))")
        #expect(message.contains(sourceName), "\(message.prefix(400))")
        #expect(!message.contains("\n") && !message.unicodeScalars.contains { $0.value < 0x20 }, "\(message.prefix(400))")
        #expect(message.utf8.count < 600, "a \(message.utf8.count)-byte message")
    }
}
