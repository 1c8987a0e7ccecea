import Foundation
import PolicyStore
import Testing
import TestWorld

/// Item 2 (file side): a garbage file at the cache path, `--rebuild`, a read-only file system.
@Suite("Cache file robustness")
struct CacheFileTests {
    static let domain = "file.robust.test"

    static func world() throws -> World {
        try World(.mtaSTS(domain: domain, id: "f1", policy: Scenario.policy(mode: "enforce", mx: ["mx.\(domain)"])))
    }

    @Test("a garbage file at the cache path is refused and left untouched without --rebuild", arguments: [
        ["fetch", "--store", domain], ["prewarm", "--domain", domain], ["migrate", "--from", "/nonexistent/old.lmdb"],
    ])
    func garbageRefused(arguments: [String]) throws {
        let world = try Self.world()
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try RobustConfig(world: world, directory: directory)
        let garbage = Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        try garbage.write(to: URL(fileURLWithPath: config.cachePath))

        let result = try Child.mtasts(arguments + ["--config", config.path])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stderr.contains("not an LMDB cache"), "\(result.stderr)")
        #expect(result.stderr.contains("--rebuild"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: config.cachePath)) == garbage)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!siblings.contains { $0.contains(".corrupt-") })
    }

    @Test("--rebuild moves the garbage aside, never deletes it, and starts a fresh cache", arguments: [
        ["fetch", "--store", "--rebuild", domain], ["prewarm", "--rebuild", "--domain", domain],
    ])
    func rebuild(arguments: [String]) throws {
        let world = try Self.world()
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try RobustConfig(world: world, directory: directory)
        let garbage = Data("this is not an LMDB file\n".utf8 + Array(repeating: 0x41, count: 9000))
        try garbage.write(to: URL(fileURLWithPath: config.cachePath))

        let result = try Child.mtasts(arguments + ["--config", config.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stderr.contains("moved it aside"), "\(result.stderr)")
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("cache.lmdb.corrupt-") && !$0.hasSuffix("-lock") }
        #expect(aside.count == 1, "\(aside)")
        if let name = aside.first {
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file(name))) == garbage)
        }
        let keys = try MDBTools.dump(config.cachePath)
        #expect(keys["\(Self.domain):mode"] == "enforce")
        #expect(keys["\(Self.domain):id"] == "f1")
    }

    @Test("migrate --rebuild starts a fresh cache and keeps the garbage aside")
    func migrateRebuild() throws {
        let world = try Self.world()
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try RobustConfig(world: world, directory: directory)
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: config.cachePath))
        let source = directory.file("old.lmdb")
        _ = try LMDBPolicyStore(path: source, access: .readWrite)
        let result = try Child.mtasts(["migrate", "--rebuild", "--from", source, "--config", config.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(try MDBTools.statOK(config.cachePath))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).contains { $0.hasPrefix("cache.lmdb.corrupt-") })
    }

    /// A cache on a file system remounted read-only: `show` still reads it; the writers exit 2
    /// with a sentence naming the problem.
    @Test("a cache on a read-only file system: show reads, writers exit 2 clearly",
          .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/mount")))
    func readOnlyFileSystem() throws {
        let world = try Self.world()
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let mountPoint = directory.file("ro")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = try Child.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", mountPoint])
        try #require(mounted.status == 0, "cannot mount a tmpfs here: \(mounted.output)")
        defer { _ = try? Child.run("/usr/bin/umount", [mountPoint]) }
        let config = try RobustConfig(world: world, directory: directory, cachePath: mountPoint + "/cache.lmdb")

        let stored = try Child.mtasts(["fetch", "--store", Self.domain, "--config", config.path])
        #expect(stored.status == 0, "\(stored.output)")
        let remount = try Child.run("/usr/bin/mount", ["-o", "remount,ro", mountPoint])
        try #require(remount.status == 0, "\(remount.output)")

        let show = try Child.mtasts(["show", Self.domain, "--config", config.path])
        #expect(show.status == 0, "\(show.output)")
        #expect(show.stdout.contains("enforce"), "\(show.stdout)")
        let helper = try Child.run(Child.helper, ["--cache", config.cachePath, "--on-miss", "none", "policy", Self.domain])
        #expect(helper.stdout == "enforce", "\(helper.output)")

        for arguments in [["fetch", "--store", "--force", Self.domain], ["prewarm", "--force", "--domain", Self.domain]] {
            let result = try Child.mtasts(arguments + ["--config", config.path])
            #expect(result.status == 2, "\(arguments): \(result.output)")
            #expect(result.stderr.lowercased().contains("read-only"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count <= 2, "\(result.stderr)")
        }
    }
}
