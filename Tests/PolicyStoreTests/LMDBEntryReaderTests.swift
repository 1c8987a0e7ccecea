import Foundation
import MTASTSPolicy
@testable import PolicyStore
import Testing

/// The long-lived reader of the Exim module: a kept cursor, a new transaction per read, entries
/// remembered per committed snapshot must never show older data than a fresh read would.
@Suite struct LMDBEntryReaderTests {
    /// A cache written by the store, then closed, so the reader's environment is its own.
    static func cacheFile(_ entries: [CacheEntry], in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("mtasts.lmdb")
        let writer = try LMDBPolicyStore(path: path, access: .readWrite)
        for entry in entries { try writer.put(entry) }
        return path
    }

    @Test func readsWhatTheStoreReads() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.cacheFile(Samples.all, in: directory)
        let reader = try LMDBEntryReader(path: path)
        for _ in 0..<2 {
            for entry in Samples.all { #expect(try reader.entry(for: entry.domain) == entry) }
            #expect(try reader.entry(for: domain("absent.example")) == nil)
        }
    }

    /// Another process (the real `mdb_load`) commits after the reader remembered the entries:
    /// the very next read shows the new values, for a domain that had an entry and for one
    /// that had none.
    @Test func aWriteByAnotherProcessIsSeenByTheNextRead() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.cacheFile([Samples.failing], in: directory)
        let reader = try LMDBEntryReader(path: path)
        #expect(try reader.entry(for: Samples.failing.domain)?.policy?.mode == .testing)
        #expect(try reader.entry(for: Samples.failing.domain)?.policy?.mode == .testing)
        #expect(try reader.entry(for: domain("late.example")) == nil)

        try LMDBTools.load([
            .init(key: "failing.example:mode", value: "enforce"),
            .init(key: "late.example:mode", value: "enforce"),
            .init(key: "late.example:mx", value: "mx.late.example"),
            .init(key: "late.example:expire", value: "\(Samples.now + 60)"),
            .init(key: "late.example:id", value: "new"),
        ], into: path)
        #expect(try reader.entry(for: Samples.failing.domain)?.policy?.mode == .enforce)
        let late = try #require(try reader.entry(for: domain("late.example")))
        #expect(late.policy == CachedPolicy(mode: .enforce, mx: ["mx.late.example"], expire: Samples.now + 60, id: "new"))
    }

    /// A store of this process writes while the reader is open: they share one environment,
    /// and each read sees the last commit.
    @Test func aWriteByThisProcessIsSeenByTheNextRead() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        let writer = try LMDBPolicyStore(path: path, access: .readWrite)
        try writer.put(Samples.full)
        let reader = try LMDBEntryReader(path: path)
        #expect(try reader.entry(for: Samples.full.domain) == Samples.full)
        try writer.update(Samples.full.domain) { current in current.map { with($0) { $0.policy?.id = "v2" } } }
        #expect(try reader.entry(for: Samples.full.domain)?.policy?.id == "v2")
        try writer.put(CacheEntry(domain: Samples.full.domain))
        #expect(try reader.entry(for: Samples.full.domain) == nil)
    }

    /// No reader slot stays taken between reads (the real `mdb_stat -r` lists the lock file's
    /// reader table): LMDB reuses only slots whose process id was cleared, so a slot kept by
    /// a process that ends without closing the cache (Exim's `_exit`) would be lost for good.
    @Test func noReaderSlotIsHeldBetweenReads() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.cacheFile([Samples.full], in: directory)
        let reader = try LMDBEntryReader(path: path)
        #expect(try reader.entry(for: Samples.full.domain) == Samples.full)
        #expect(try reader.entry(for: Samples.failing.domain) == nil)
        let table = try LMDBTools.readerTable(path)
        #expect(table.contains("Reader Table Status"))
        let pids = table.split(separator: "\n").compactMap { $0.split(separator: " ").first.flatMap { Int32($0) } }
        #expect(!pids.contains(getpid()), "\(table)")
    }

    /// Only the domain's own keys are read: neighbours in key order (a longer name, a name
    /// with a further label, a key this version does not know) are not mistaken for them.
    @Test func onlyTheDomainsOwnKeysAreRead() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        try LMDBTools.load([
            .init(key: "example.co:mode", value: "none"),
            .init(key: "example.com:expire", value: "\(Samples.now + 60)"),
            .init(key: "example.com:id", value: "v1"),
            .init(key: "example.com:mode", value: "testing"),
            .init(key: "example.com:mx", value: "mx.example.com"),
            .init(key: "example.com:x:mode", value: "none"),
            .init(key: "example.com.evil:mode", value: "none"),
            .init(key: "example.coma:id", value: "other"),
            .init(key: "example.com:zzz-unknown", value: "whatever"),
        ], into: path)
        let entry = try #require(try LMDBEntryReader(path: path).entry(for: domain("example.com")))
        #expect(entry.policy == CachedPolicy(mode: .testing, mx: ["mx.example.com"], expire: Samples.now + 60, id: "v1"))
        #expect(entry.problems.isEmpty)
        #expect(try LMDBPolicyStore(path: path, access: .readOnly).entry(for: domain("example.com")) == entry)
    }

    /// Another process grows the map beyond the reader's mapping: the kept transaction's
    /// next transaction reports `MDB_MAP_RESIZED`, the reader adopts the size and reads on.
    @Test func aMapGrownByAnotherProcessIsAdopted() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        do {
            let writer = try LMDBPolicyStore(path: path, access: .readWrite, mapSize: 64 * 1024)
            try writer.put(Samples.full)
        }
        let reader = try LMDBEntryReader(path: path)
        #expect(try reader.entry(for: Samples.full.domain) == Samples.full)
        var input = "VERSION=3\nformat=print\ntype=btree\nmapsize=\(4 << 20)\nHEADER=END\n"
        for index in 0..<300 {
            input += " other\(index).example:policy\n " + String(repeating: "y", count: 1000) + "\n"
        }
        input += " example.com:id\n grown\nDATA=END\n"
        try LMDBTools.run("mdb_load", ["-n", path], input: input)
        #expect(try reader.entry(for: Samples.full.domain)?.policy?.id == "grown")
        #expect(try reader.entry(for: domain("other299.example"))?.policy == nil)
    }
}
