import Foundation
@testable import MTASTSConfig
import Testing

/// `docs/configuration.md`'s key table is checked against the schema both ways, so the
/// reference cannot drift from the code.
@Suite("Configuration reference")
struct ReferenceDocumentationTests {
    /// The keys of the table's rows: the first cell of each `| \`key\` | … |` line.
    static func documentedKeys() throws -> Set<String> {
        let path = Fixtures.packageRoot.appendingPathComponent("docs/configuration.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var keys = Set<String>()
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(3)
            guard let end = cell.firstIndex(of: "`") else { continue }
            keys.insert(String(cell[..<end]))
        }
        return keys
    }

    /// The schema's leaf key paths (a section itself is not a row).
    static var schemaKeys: Set<String> {
        let all = Configuration.schema.allKeyPaths
        return Set(all.filter { path in !all.contains { $0.hasPrefix(path + ".") } })
    }

    @Test("every key of the schema has a row in docs/configuration.md")
    func everySchemaKeyIsDocumented() throws {
        let documented = try Self.documentedKeys()
        #expect(Self.schemaKeys.count >= 40)
        let missing = Self.schemaKeys.subtracting(documented).sorted()
        #expect(missing.isEmpty, "not in docs/configuration.md: \(missing)")
    }

    @Test("every row of docs/configuration.md names a key of the schema")
    func everyDocumentedKeyExists() throws {
        let documented = try Self.documentedKeys()
        #expect(documented.contains("metrics.file"))
        let unknown = documented.subtracting(Self.schemaKeys).sorted()
        #expect(unknown.isEmpty, "in docs/configuration.md but not in the schema: \(unknown)")
    }
}
