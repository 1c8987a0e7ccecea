import Foundation
import PolicyStore
import Testing
import TestWorld

/// `mtasts learn` end to end: the built binary over copies of the real Exim logs.
@Suite("mtasts learn")
struct LearnCommandTests {
    static func setUp(_ directory: TemporaryDirectory, logs: [String]? = nil, extra: String = "") throws -> String {
        let config = directory.file("mtasts.yaml")
        let logList = (logs ?? [directory.file("mainlog")]).map { "\"\($0)\"" }.joined(separator: ", ")
        try """
            cache: {path: \(directory.file("cache.lmdb"))}
            state: {directory: \(directory.file("state"))}
            learn: {exim_logs: [\(logList)], forget_after: 400d}
            \(extra)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }

    @Test("learns the real logs' remote domains once, and says what it read")
    func learnsOnce() throws {
        let directory = try TemporaryDirectory()
        let config = try Self.setUp(directory)
        try FileManager.default.copyItem(atPath: TestPaths.fixture("EximLog/exim-default.log"), toPath: directory.file("mainlog.1"))
        try FileManager.default.copyItem(atPath: TestPaths.fixture("EximLog/exim-selectors.log"), toPath: directory.file("mainlog"))

        let first = try MTASTS.run(["learn", "--config", config, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let json = try first.json()
        #expect((json["lines_read"] as? Int ?? 0) > 80)
        #expect(json["lines_skipped"] as? Int == 0)
        #expect(json["domains_learned"] as? Int == 7)
        #expect((json["domains_new"] as? [String])?.contains("redirected.test") == true)
        #expect((json["files"] as? [[String: Any]])?.count == 2)

        let store = try LMDBPolicyStore(path: directory.file("cache.lmdb"), access: .readOnly)
        #expect(try store.domains().map(\.value).contains("example.org"))

        let second = try MTASTS.run(["learn", "--config", config])
        #expect(second.status == 0)
        #expect(second.stdout.hasPrefix("read 0 line(s) from 1 file(s): 0 parsed, 0 skipped, 0 remote deliveries"), "\(second.stdout)")
        #expect(second.stdout.contains("learned 0 domain(s), 0 new, forgot 0"))
    }

    @Test("an unreadable log exits 4 after learning the others; a missing one is a warning")
    func unreadableLog() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("adirectory"), withIntermediateDirectories: false)
        let config = try Self.setUp(directory, logs: [directory.file("adirectory"), directory.file("absent")])
        let result = try MTASTS.run(["learn", "--config", config])
        #expect(result.status == 4)
        #expect(result.stderr.contains("cannot read \(directory.file("adirectory")): not a regular file"), "\(result.stderr)")
        #expect(result.stderr.contains("warning: \(directory.file("absent")) does not exist"))
    }

    @Test("an invalid domain in the configuration exits 2 naming the line")
    func invalidDomain() throws {
        let directory = try TemporaryDirectory()
        let config = try Self.setUp(directory, extra: "domains:\n  - good.example\n  - bad_domain.example\n")
        let result = try MTASTS.run(["learn", "--config", config])
        #expect(result.status == 2)
        #expect(result.stderr.contains("line 6: domains[1]: \"bad_domain.example\" is not a domain name"), "\(result.stderr)")
    }
}
