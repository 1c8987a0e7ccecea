import Foundation
import MTASTSPolicy
import PolicyStore
import Testing
import TestWorld

/// Item 2: a full map. The commands open the cache with a 1 GiB initial map and the store
/// doubles it on `MDB_MAP_FULL` (PolicyStoreTests cover the doubling in process); the map size
/// is not configurable, so end to end: a cache written with a tiny map (256 KiB, by `mdb_load`)
/// is grown by `mtasts prewarm` and no entry is lost.
@Suite("A cache with a tiny map")
struct MapGrowthTests {
    @Test("prewarm grows a tiny map without losing the entries already there")
    func tinyMapGrows() throws {
        let directory = try TemporaryDirectory()
        let now = Int64(Date().timeIntervalSince1970)
        // 100 existing domains, written through the store, then reloaded with a 256 KiB map.
        let seed = directory.file("seed.lmdb")
        do {
            let store = try LMDBPolicyStore(path: seed, access: .readWrite)
            for index in 0..<100 {
                try store.put(CacheEntry(domain: try DomainName(validating: "old\(index).map.test"),
                                         policy: CachedPolicy(mode: .enforce, mx: ["mx.old\(index).map.test"],
                                                              expire: now + 86_400, id: "o\(index)")))
            }
        }
        let dump = try Child.run("/usr/bin/mdb_dump", ["-n", seed])
        try #require(dump.status == 0, "\(dump.output)")
        let tinyDump = dump.stdout.split(separator: "\n").map { $0.hasPrefix("mapsize=") ? "mapsize=262144" : String($0) }
            .joined(separator: "\n") + "\n"
        let versioned = VersionedWorld(count: 300, zone: "map.test")
        let world = try World(versioned.scenario(version: 0))
        defer { world.stop() }
        let config = try RobustConfig(world: world, directory: directory, domains: versioned.domains)
        let load = try Child.run("/usr/bin/mdb_load", ["-n", "-f", "/dev/stdin", config.cachePath], stdin: tinyDump)
        try #require(load.status == 0, "\(load.output)")
        #expect(try Self.mapSize(config.cachePath) == 262_144)

        let pass = try Child.mtasts(["prewarm", "--force", "--json", "--config", config.path])
        #expect(pass.status == 0, "\(pass.output)")

        let keys = try MDBTools.dump(config.cachePath)
        #expect(versioned.inconsistencies(in: keys, atMost: 0).isEmpty)
        #expect((0..<100).allSatisfy { keys["old\($0).map.test:id"] == "o\($0)" })
        let grown = try Self.mapSize(config.cachePath)
        #expect(grown > 262_144)
        print("robustness: map grew from 256 KiB to \(grown / 1024) KiB; \(keys.count) keys kept")
    }

    /// The map size `mdb_stat -e` reports.
    static func mapSize(_ path: String) throws -> Int {
        let stat = try Child.run("/usr/bin/mdb_stat", ["-n", "-e", path])
        let line = stat.stdout.split(separator: "\n").first { $0.contains("Map size:") }
        return line.flatMap { Int($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) } ?? -1
    }
}
