import Foundation

/// A fresh directory under the system temporary directory, removed when the value goes away.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/policystore-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A path inside the directory.
    func file(_ name: String) -> String { path + "/" + name }
}

/// Reads a file's bytes, or nil when it does not exist.
func fileBytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

/// The `Tests/Fixtures/PolicyStore/<name>` file.
func fixturePath(_ name: String) -> String {
    // This file is Tests/PolicyStoreTests/Support/TemporaryDirectory.swift.
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/PolicyStore/\(name)").path
}
