import DomainSet
import EximLog
import Foundation
import MTASTSConfig
import MTASTSPolicy
import PolicyStore
import TestWorld
import Testing

/// A cache, a state directory and Exim logs in a temporary directory.
final class LearningSetup {
    let directory: TemporaryDirectory
    let store: LMDBPolicyStore
    var configuration: Configuration

    init() throws {
        directory = try TemporaryDirectory()
        store = try LMDBPolicyStore(path: directory.file("cache.lmdb"), access: .readWrite)
        configuration = Configuration()
        configuration.state.directory = directory.file("state")
        configuration.learn.eximLogs = [directory.file("mainlog")]
    }

    func copyFixture(_ name: String, to target: String) throws {
        try FileManager.default.copyItem(atPath: TestPaths.fixture("EximLog/" + name), toPath: directory.file(target))
    }

    func append(_ text: String, to name: String = "mainlog") throws {
        let path = directory.file(name)
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    func learn(now: Int64) throws -> LearnReport {
        try LogLearner(configuration: configuration, store: store, localTime: .fixedOffset(seconds: 0)).learn(now: now)
    }

    func learnedAt(_ domain: String) throws -> Int64? {
        try store.entry(for: name(domain))?.tracking?.learnedAt
    }
}

@Suite("Learning domains from Exim's logs")
struct LogLearnerTests {
    /// 2026-11-25 12:00:00 UTC: after the fixtures were written (09:xx the same day).
    static let now: Int64 = 1_795_608_000

    @Test("the real logs teach their remote domains with the lines' times; a second run reads nothing")
    func realLogs() throws {
        let setup = try LearningSetup()
        try setup.copyFixture("exim-default.log", to: "mainlog.1")
        try setup.copyFixture("exim-selectors.log", to: "mainlog")
        let report = try setup.learn(now: Self.now)
        let lines = try String(contentsOfFile: TestPaths.fixture("EximLog/exim-default.log"), encoding: .utf8)
            .split(separator: "\n").count
            + String(contentsOfFile: TestPaths.fixture("EximLog/exim-selectors.log"), encoding: .utf8).split(separator: "\n").count
        #expect(report.linesRead == lines)
        #expect(report.linesParsed == lines)
        #expect(report.linesSkipped == 0)
        #expect(report.files.count == 2)
        #expect(report.domainsLearned.map(\.value) == ["example.com", "example.net", "example.org", "mixed.example",
                                                      "redirected.test", "reuse.test", "sender.test"])
        #expect(report.newDomains == report.domainsLearned)
        #expect(try setup.store.entry(for: name("local.test")) == nil)
        // The newest line naming the domain, in UTC (the selectors log says +0000).
        let bob = try EximLogLine(parsing: String(contentsOfFile: TestPaths.fixture("EximLog/exim-selectors.log"), encoding: .utf8)
            .split(separator: "\n").first { $0.contains("=> bob@example.com") }!)
        #expect(try setup.learnedAt("example.com") == bob.timestamp.unixTime())

        let again = try setup.learn(now: Self.now + 60)
        #expect(again.linesRead == 0 && again.domainsLearned.isEmpty)
        #expect(FileManager.default.fileExists(atPath: setup.directory.file("state/exim-log-positions")))
    }

    @Test("garbage is counted and skipped; a partial last line waits; known domains are not new")
    func incremental() throws {
        let setup = try LearningSetup()
        try setup.append("2026-11-25 10:00:00 1xW95j-0005Na-2z => a@one.example R=r T=t H=mx.one.example [192.0.2.1]\n")
        #expect(try setup.learn(now: Self.now).newDomains == [name("one.example")])
        try setup.append("""
            complete garbage
            2026-11-25 10:05:00 1xW95j-0005Na-2z => b@one.example R=r T=t H=mx.one.example [192.0.2.1]
            2026-11-25 10:06:00 1xW95j-0005Na-2z => c@two.example R=r T=t H=mx.two.example [192.0.2.2]
            2026-11-25 10:07:00 1xW95j-0005Na-2z => d@three.exam
            """)
        let report = try setup.learn(now: Self.now)
        #expect(report.linesRead == 3)
        #expect(report.linesSkipped == 1)
        #expect(report.domainsLearned.map(\.value) == ["one.example", "two.example"])
        #expect(report.newDomains.map(\.value) == ["two.example"])
        #expect(try setup.learnedAt("one.example") == 1_795_600_800 + 300)
        try setup.append("ple R=r T=t H=mx.three.example [192.0.2.3]\n")
        let last = try setup.learn(now: Self.now)
        #expect(last.linesRead == 1)
        #expect(last.newDomains.map(\.value) == ["three.example"])
    }

    @Test("ignore_domains are never written; a line from the future counts as now")
    func ignoreAndClamp() throws {
        let setup = try LearningSetup()
        setup.configuration.ignoreDomains = [.exact(name("skip.example")), .subdomains(of: name("corp.example"))]
        try setup.append("""
            2026-11-25 10:00:00 1xW95j-0005Na-2z => a@skip.example R=r T=t H=mx [192.0.2.1]
            2026-11-25 10:00:00 1xW95j-0005Na-2z => a@mail.corp.example R=r T=t H=mx [192.0.2.1]
            2026-11-25 10:00:00 1xW95j-0005Na-2z => a@corp.example R=r T=t H=mx [192.0.2.1]
            2030-01-01 00:00:00 1xW95j-0005Na-2z => a@future.example R=r T=t H=mx [192.0.2.1]

            """)
        let report = try setup.learn(now: Self.now)
        #expect(report.domainsLearned.map(\.value) == ["corp.example", "future.example"])
        #expect(try setup.store.entry(for: name("skip.example")) == nil)
        #expect(try setup.store.entry(for: name("mail.corp.example")) == nil)
        #expect(try setup.learnedAt("future.example") == Self.now)
    }

    @Test("forgetting: stale learned domains lose D:learned, keep their policy; old lines teach nothing")
    func forgetting() throws {
        let setup = try LearningSetup()
        try setup.store.put(CacheEntry(domain: name("stale.example"),
                                       policy: CachedPolicy(mode: .enforce, mx: ["mx.stale.example"], expire: Self.now + 86_400, id: "1"),
                                       tracking: DomainTracking(learnedAt: Self.now - 31 * 86_400)))
        try setup.append("2026-10-01 00:00:00 1xW95j-0005Na-2z => a@old.example R=r T=t H=mx [192.0.2.1]\n")
        let report = try setup.learn(now: Self.now)
        #expect(report.forgottenDomains == [name("stale.example")])
        #expect(report.domainsLearned.isEmpty)
        let entry = try #require(try setup.store.entry(for: name("stale.example")))
        #expect(entry.policy != nil)
        #expect(entry.tracking?.learnedAt == nil)
        #expect(try setup.store.entry(for: name("old.example")) == nil)
        let set = try DomainSetBuilder.build(configuration: setup.configuration, store: setup.store, now: Self.now)
        #expect(set.domains.isEmpty)
    }

    @Test("a log that cannot be read is a problem, the other logs are still learned")
    func unreadableLog() throws {
        let setup = try LearningSetup()
        try FileManager.default.createDirectory(atPath: setup.directory.file("notafile"), withIntermediateDirectories: false)
        setup.configuration.learn.eximLogs = [setup.directory.file("notafile"), setup.directory.file("mainlog"),
                                              setup.directory.file("absent")]
        try setup.append("2026-11-25 10:00:00 1xW95j-0005Na-2z => a@one.example R=r T=t H=mx [192.0.2.1]\n")
        let report = try setup.learn(now: Self.now)
        #expect(report.problems == ["cannot read \(setup.directory.file("notafile")): not a regular file"])
        #expect(report.missingLogs == [setup.directory.file("absent")])
        #expect(report.domainsLearned == [name("one.example")])
    }
}
