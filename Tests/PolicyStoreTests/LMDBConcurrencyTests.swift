import Foundation
import MTASTSPolicy
import PolicyStore
import Testing

/// Map growth and readers alongside a writer.
@Suite struct LMDBConcurrencyTests {
    static func entry(_ index: Int) -> CacheEntry {
        let name = domain("d\(index).example")
        let text = "version: STSv1\nmode: enforce\nmx: mx.\(name)\nmax_age: 86400\n" + String(repeating: "#", count: 900)
        return CacheEntry(domain: name,
                          policy: CachedPolicy(mode: .enforce, mx: ["mx.\(name)"], expire: Samples.now + 86_400,
                                               id: "id\(index)", text: text, maxAge: 86_400, fetchedAt: Samples.now))
    }

    /// A 64 KiB map cannot hold 300 one-kilobyte policies: each full write doubles the map
    /// and is retried, and nothing is lost.
    @Test func aFullMapGrows() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        let store = try LMDBPolicyStore(path: path, access: .readWrite, mapSize: 64 * 1024)
        for index in 0..<300 { try store.put(Self.entry(index)) }
        #expect(store.mapSize > 64 * 1024)
        let reader = try LMDBPolicyStore(path: path, access: .readOnly)
        #expect(try reader.domains().count == 300)
        for index in [0, 150, 299] {
            #expect(try reader.entry(for: Self.entry(index).domain) == Self.entry(index))
        }
        #expect(try LMDBTools.dump(path).count == 300 * 7)
    }

    /// A value far beyond what a few doublings can hold: a clear mapFull error, and what was
    /// stored before is intact.
    @Test func aWriteThatCannotFitFailsCleanly() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        let store = try LMDBPolicyStore(path: path, access: .readWrite, mapSize: 64 * 1024)
        try store.put(Samples.full)
        var huge = Samples.modeNone
        huge.policy?.text = String(repeating: "x", count: 4 << 20)
        let error = try #require(throws: StoreError.self) { try store.put(huge) }
        #expect(error.kind == .mapFull)
        #expect(error.description.hasPrefix("the cache \(path) is full at "), "\(error)")
        #expect(try store.entry(for: Samples.full.domain) == Samples.full)
        #expect(try store.entry(for: Samples.modeNone.domain) == nil)
    }

    /// Another process (the real `mdb_dump`) reads while our write transaction is open, and
    /// sees the last committed state; after the commit it sees the new one.
    @Test func anotherProcessReadsWhileWeWrite() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        let store = try LMDBPolicyStore(path: path, access: .readWrite)
        try store.put(Samples.failing)
        var seenDuringWrite: [LMDBTools.Pair] = []
        var attempts = 0
        try store.update(Samples.failing.domain) { current in
            attempts += 1
            seenDuringWrite = (try? LMDBTools.dump(path)) ?? []
            return current.map { with($0) { $0.lastCheck?.consecutiveFailures = 9 } }
        }
        #expect(attempts == 1)
        #expect(seenDuringWrite.first { $0.key == "failing.example:failures" }?.value == "3")
        #expect(try LMDBTools.dump(path).first { $0.key == "failing.example:failures" }?.value == "9")
    }

    /// Another process (the real `mdb_load`) grows the map and fills it beyond our mapping:
    /// our reads and writes adopt the new size (`MDB_MAP_RESIZED`) instead of failing.
    @Test func aMapGrownByAnotherProcessIsAdopted() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        let store = try LMDBPolicyStore(path: path, access: .readWrite, mapSize: 64 * 1024)
        try store.put(Self.entry(0))
        var input = "VERSION=3\nformat=print\ntype=btree\nmapsize=\(4 << 20)\nHEADER=END\n"
        for index in 0..<300 {
            input += " other\(index).example:policy\n " + String(repeating: "y", count: 1000) + "\n"
        }
        input += "DATA=END\n"
        try LMDBTools.run("mdb_load", ["-n", path], input: input)
        #expect(try store.domains().count == 301)
        try store.put(Self.entry(1))
        #expect(try store.entry(for: Self.entry(1).domain) == Self.entry(1))
        #expect(store.mapSize == 4 << 20)
    }

    /// Two stores for one file in one process share one environment (LMDB forbids opening it
    /// twice); a read-write store cannot join a read-only environment.
    @Test func storesForOneFileShareTheEnvironment() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        let writer = try LMDBPolicyStore(path: path, access: .readWrite)
        let reader = try LMDBPolicyStore(path: path, access: .readOnly)
        try writer.put(Samples.full)
        #expect(try reader.entry(for: Samples.full.domain) == Samples.full)
        #expect(throws: StoreError.self) { try reader.put(Samples.full) }

        let otherPath = directory.file("other.lmdb")
        try LMDBPolicyStore(path: otherPath, access: .readWrite).put(Samples.full)
        let onlyReader = try LMDBPolicyStore(path: otherPath, access: .readOnly)
        let error = try #require(throws: StoreError.self) { try LMDBPolicyStore(path: otherPath, access: .readWrite) }
        #expect(error.description.contains("already open read-only in this process"))
        #expect(try onlyReader.domains() == [Samples.full.domain])
    }

    /// Many tasks reading and writing one store at once: every write lands, no reader fails.
    @Test func concurrentReadersAndWriters() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("mtasts.lmdb")
        let store = try LMDBPolicyStore(path: path, access: .readWrite, mapSize: 64 * 1024)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for index in stride(from: worker, to: 120, by: 4) {
                        try store.put(Self.entry(index))
                        _ = try store.entry(for: Self.entry(index / 2).domain)
                        _ = try store.domains()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.domains().count == 120)
    }
}
