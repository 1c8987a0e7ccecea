import Foundation
import MTASTSPolicy
import PolicyStore
import Testing

/// `mtasts migrate --from PATH`: a Perl-script cache built with the real `mdb_load` from
/// `Tests/Fixtures/PolicyStore/perl-cache.txt`, migrated, and checked with `mdb_dump`.
@Suite struct MigrationTests {
    static let now: Int64 = 1_700_000_000

    /// Target entries that exist before the migration.
    static let newerInTarget = CacheEntry(
        domain: domain("newer.example"),
        policy: CachedPolicy(mode: .enforce, mx: ["mx2.newer.example"], expire: 1_700_200_000, id: "new",
                             text: "version: STSv1\nmode: enforce\nmx: mx2.newer.example\nmax_age: 200000\n",
                             maxAge: 200_000, fetchedAt: 1_700_000_000))
    static let olderInTarget = CacheEntry(
        domain: domain("older.example"),
        policy: CachedPolicy(mode: .testing, mx: ["mx.older.example"], expire: 1_700_050_000, id: "stale"),
        lastCheck: CheckRecord(checkedAt: 1_699_990_000, outcome: .failure, error: "the TXT lookup timed out",
                               errorType: "sts-policy-fetch-error", consecutiveFailures: 2, failedAt: 1_699_990_000))

    @Test func migratesAPerlDirectoryCache() throws {
        let directory = try TemporaryDirectory()
        let source = directory.file("lmdb2")
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: false)
        try LMDBTools.load(fixture: fixturePath("perl-cache.txt"), into: source, singleFile: false)
        let sourceBytes = try #require(fileBytes(source + "/data.mdb"))
        let targetPath = directory.file("mtasts.lmdb")
        let target = try LMDBPolicyStore(path: targetPath, access: .readWrite)
        try target.put(Self.newerInTarget)
        try target.put(Self.olderInTarget)

        let report = try CacheMigration.migrate(from: source, into: target, now: Self.now)

        #expect(report.sourceKeyCount == 48)
        #expect(report.migrated.map(\.value)
            == ["expired.example", "good.example", "none.example", "older.example", "testing.example", "upper.example", "weird.example"])
        #expect(Set(report.skipped.map(\.key)) == [
            "bad-expire.example:expire", "bad-mode.example:mode", "bad-mx.example:mx", "expired.example:expire",
            "newer.example:expire", "not a domain!:mode", "nocolon", "weird.example:color",
        ])
        let reasons = Dictionary(report.skipped.map { ($0.key, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["bad-expire.example:expire"]
            == "bad-expire.example:expire is \"tomorrow\", not a number; bad-expire.example was not migrated")
        #expect(reasons["expired.example:expire"]?.contains("expired at 1690000000") == true)
        #expect(reasons["newer.example:expire"]?.contains("at least as new") == true)

        let dumped = try LMDBTools.dump(targetPath)
        func values(_ domain: String) -> [LMDBTools.Pair] { dumped.filter { $0.key.hasPrefix(domain + ":") } }
        #expect(values("good.example") == [
            .init(key: "good.example:expire", value: "1700086400"),
            .init(key: "good.example:id", value: "20190507T01"),
            .init(key: "good.example:learned", value: String(Self.now)),
            .init(key: "good.example:mode", value: "enforce"),
            .init(key: "good.example:mx", value: "mx1.good.example:*.mx.good.example"),
            .init(key: "good.example:report", value: "tlsrpt@good.example"),
        ])
        #expect(values("none.example") == [
            .init(key: "none.example:expire", value: "1700003600"),
            .init(key: "none.example:id", value: "off"),
            .init(key: "none.example:learned", value: String(Self.now)),
            .init(key: "none.example:mode", value: "none"),
            .init(key: "none.example:mx", value: ""),
        ])
        #expect(values("upper.example") == [
            .init(key: "upper.example:expire", value: "1700090000"),
            .init(key: "upper.example:id", value: "u1"),
            .init(key: "upper.example:learned", value: String(Self.now)),
            .init(key: "upper.example:mode", value: "enforce"),
            .init(key: "upper.example:mx", value: "mx.upper.example"),
        ])
        for skipped in ["bad-expire.example", "bad-mode.example", "bad-mx.example"] {
            #expect(values(skipped).isEmpty, "\(skipped) must not be migrated")
        }
        // An expired policy is not copied, but its domain is tracked so the prewarmer fetches it.
        #expect(values("expired.example") == [.init(key: "expired.example:learned", value: String(Self.now))])
        #expect(!dumped.contains { $0.key.contains("color") || $0.key.contains("Upper") })

        // The newer policy already in the target is untouched; the older one is replaced, its
        // check record kept.
        #expect(try target.entry(for: Self.newerInTarget.domain) == Self.newerInTarget)
        let older = try #require(try target.entry(for: domain("older.example")))
        #expect(older.policy == CachedPolicy(mode: .testing, mx: ["mx.older.example"], expire: 1_700_300_000, id: "from-perl"))
        #expect(older.reporting == CachedReporting(rua: [], reportAddress: "reports@older.example"))
        #expect(older.lastCheck == Self.olderInTarget.lastCheck)

        #expect(fileBytes(source + "/data.mdb") == sourceBytes, "the source is only read")

        // Migrating again changes nothing: everything in the target is at least as new.
        let again = try CacheMigration.migrate(from: source, into: target, now: Self.now)
        #expect(again.migrated.isEmpty)
        #expect(try LMDBTools.dump(targetPath) == dumped)
    }

    @Test func migratesASingleFileCache() throws {
        let directory = try TemporaryDirectory()
        let source = directory.file("old.lmdb")
        try LMDBTools.load([.init(key: "file.example:mode", value: "testing"),
                            .init(key: "file.example:mx", value: "mx.file.example"),
                            .init(key: "file.example:expire", value: "1800000000"),
                            .init(key: "file.example:id", value: "f")], into: source, singleFile: true)
        let target = try LMDBPolicyStore(path: directory.file("mtasts.lmdb"), access: .readWrite)
        let report = try CacheMigration.migrate(from: source, into: target, now: Self.now)
        #expect(report == MigrationReport(migrated: [domain("file.example")], skipped: [], sourceKeyCount: 4))
        #expect(try target.entry(for: domain("file.example"))?.policy
            == CachedPolicy(mode: .testing, mx: ["mx.file.example"], expire: 1_800_000_000, id: "f"))
    }

    @Test func refusesSourcesThatAreNotPerlCaches() throws {
        let directory = try TemporaryDirectory()
        let targetPath = directory.file("mtasts.lmdb")
        let target = try LMDBPolicyStore(path: targetPath, access: .readWrite)
        let garbage = directory.file("garbage")
        try Data("not lmdb at all\n".utf8).write(to: URL(fileURLWithPath: garbage))
        let emptyDirectory = directory.file("empty")
        try FileManager.default.createDirectory(atPath: emptyDirectory, withIntermediateDirectories: false)

        let cases: [(String, String)] = [
            (directory.file("absent"), "no cache to migrate at \(directory.file("absent"))"),
            (garbage, "\(garbage) is not an LMDB cache, so there is nothing to migrate"),
            (emptyDirectory, "\(emptyDirectory) is a directory without data.mdb"),
            (targetPath, "\(targetPath) is the target cache itself"),
        ]
        for (source, expected) in cases {
            let error = try #require(throws: StoreError.self) {
                try CacheMigration.migrate(from: source, into: target, now: Self.now)
            }
            #expect(error.kind == .invalidMigrationSource)
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
        #expect(fileBytes(garbage) == Data("not lmdb at all\n".utf8))
        #expect(try target.domains().isEmpty)
    }
}
