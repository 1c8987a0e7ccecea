import Foundation
import MTASTSPolicy
import TLSSessions

/// Fixtures under Tests/Fixtures/TLSSessions (made by scripts/make-tls-session-fixtures with
/// the real Exim 4.96, except openssl-recorded.log, written by hand).
enum Fixture {
    static var directory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/TLSSessions").path
    }

    static func path(_ name: String) -> String { directory + "/" + name }

    /// The day the fixtures were generated (their lines carry +0000).
    static let day = UTCDay("2026-11-25")!
}

/// Every domain of the fixtures ending in .enforce or .testing had a policy.
let fixturePolicies: @Sendable (DomainName, UTCDay) -> Bool = { domain, _ in
    domain.description.hasSuffix(".enforce") || domain.description.hasSuffix(".testing")
}

func domain(_ text: String) -> DomainName { try! DomainName(validating: text) }

/// A scratch directory removed when the value is dropped.
final class ScratchDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "tlssessions-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }
}

extension DailySessions {
    func successes(_ name: String) -> Int { tallies[domain(name)]?.successfulSessions ?? 0 }
    func failures(_ name: String) -> Int { tallies[domain(name)]?.totalFailedSessions ?? 0 }
    func failures(_ name: String, _ type: ResultType) -> Int {
        tallies[domain(name)]?.failedSessions.filter { $0.key.resultType == type }.values.reduce(0, +) ?? 0
    }
}
