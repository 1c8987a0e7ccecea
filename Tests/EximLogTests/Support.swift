import Foundation
import TestWorld

/// Fixture access for the EximLog tests.
enum Fixture {
    static func path(_ name: String) -> String { TestPaths.fixture("EximLog/" + name) }

    static func lines(_ name: String) throws -> [String] {
        try String(contentsOfFile: path(name), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// The first line of a real Exim log fixture containing every one of `markers`.
    static func line(_ name: String, containing markers: String...) throws -> String {
        try line(name, markers)
    }

    static func line(_ name: String, _ markers: [String]) throws -> String {
        guard let line = try lines(name).first(where: { line in markers.allSatisfy { line.contains($0) } }) else {
            throw FixtureError(description: "no line of \(name) contains \(markers)")
        }
        return line
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}
