import Foundation

/// Paths of the package's files used by the tests, found from this source file's location.
enum Fixtures {
    /// The package root: two levels above `Tests/MTASTSConfigTests/`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/MTASTSConfig/<name>`.
    static func path(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/Fixtures/MTASTSConfig").appendingPathComponent(name).path
    }

    /// The shipped example, `config/mtasts.yaml`.
    static var shippedExample: String {
        packageRoot.appendingPathComponent("config/mtasts.yaml").path
    }
}

/// A directory of its own under the system's temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mtasts-config-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
