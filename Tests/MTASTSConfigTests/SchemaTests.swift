import Foundation
@testable import MTASTSConfig
import Testing

/// The schema mechanism itself, through a small schema of the kind later sections will add.
@Suite("Schema")
struct SchemaTests {
    struct Sample: Equatable {
        var enabled = false
        var domains: [String] = []
        var interval: Duration = .seconds(3_600)
        var nested = Nested()
    }

    struct Nested: Equatable {
        var label: String?
    }

    static var schema: Schema<Sample> {
        Schema(
            .value("enabled", \.enabled, .bool),
            .value("domains", \.domains, .list(of: .string)),
            .value("interval", \.interval, .duration(in: .seconds(60)...ConfigDuration.maximum)),
            .section("nested", \.nested, Schema<Nested>(.value("label", \.label, .string)))
        )
    }

    static func decode(_ yaml: String) throws(ConfigError) -> Sample {
        var sample = Sample()
        guard case .mapping(let mapping)? = try YAMLComposer.compose(yaml, source: "s.yaml") else { return sample }
        try schema.decode(mapping, into: &sample, context: DecodingContext(source: "s.yaml"))
        return sample
    }

    @Test("decodes booleans, lists, durations and nested sections")
    func decodes() throws {
        let sample = try Self.decode("enabled: true\ndomains: [a.example, b.example]\ninterval: 2h\nnested: {label: x}\n")
        #expect(sample == Sample(enabled: true, domains: ["a.example", "b.example"], interval: .seconds(7_200),
                                 nested: Nested(label: "x")))
        #expect(try Self.decode("enabled: False\n").enabled == false)
        #expect(try Self.decode("domains: []\n").domains.isEmpty)
    }

    static let errorCases: [(String, String)] = [
        ("enabled: yes\n", "s.yaml line 1: enabled: yes is ambiguous (write true or false)"),
        ("enabled: 1\n", "s.yaml line 1: enabled must be true or false, not a number"),
        ("domains: [a.example, [b]]\n", "s.yaml line 1: domains[1] must be a string, not a list"),
        ("interval: 30s\n", #"s.yaml line 1: interval: "30s" is too short (at least 1m)"#),
        ("nested:\n  label: x\n  other: y\n", #"s.yaml line 3: unknown key "other" in "nested" (known: label)"#),
    ]

    @Test("reports errors with key paths", arguments: errorCases)
    func reportsErrors(_ yaml: String, _ message: String) throws {
        let error = try #require(throws: ConfigError.self) { try Self.decode(yaml) }
        #expect(error.description == message)
    }

    @Test("every key of the configuration appears in the shipped example")
    func exampleDocumentsEveryKey() throws {
        let text = try String(contentsOfFile: Fixtures.shippedExample, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let keyPaths = Configuration.schema.allKeyPaths.filter { $0.contains(".") }
        #expect(keyPaths.count >= 8) // guards allKeyPaths itself; grows as sections are added
        for keyPath in keyPaths {
            let parts = keyPath.split(separator: ".").map(String.init)
            let section = try #require(lines.firstIndex(of: "\(parts[0]):"), "section \(parts[0]) missing")
            let sectionLines = lines[(section + 1)...].prefix { $0.isEmpty || $0.hasPrefix(" ") }
            #expect(sectionLines.contains { $0.hasPrefix("  \(parts[1]):") }, "\(keyPath) not in config/mtasts.yaml")
        }
    }
}
