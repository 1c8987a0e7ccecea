import Foundation
import Testing
import TestWorld

/// Item 4: two ticks at once, a tick during `run`, SIGHUP during a pass: one writer at a time
/// (the world's peak of simultaneous HTTPS connections never exceeds one pass's concurrency),
/// no lost updates, nothing hangs.
@Suite("Concurrent writers", .serialized)
struct ConcurrencyTests {
    static let concurrency = 2
    static let schedule = "schedule:\n  learn: \"off\"\n  prewarm: every 15m\n  report: \"off\"\n"

    struct Bed {
        let versioned = VersionedWorld(count: 120, zone: "conc.test")
        let world: World
        let directory: TemporaryDirectory
        let config: RobustConfig

        init() throws {
            world = try World(versioned.scenario(version: 0))
            directory = try TemporaryDirectory()
            config = try RobustConfig(world: world, directory: directory, domains: versioned.domains,
                                      concurrency: ConcurrencyTests.concurrency, extra: ConcurrencyTests.schedule)
        }

        /// Every domain holds the version-0 policy.
        func allFetched() throws -> Bool {
            guard FileManager.default.fileExists(atPath: config.cachePath) else { return false }
            let keys = try MDBTools.dump(config.cachePath)
            return versioned.domains.allSatisfy { keys["\($0):id"] == "v0" }
        }
    }

    @Test("two ticks started at once: one writer, every domain fetched")
    func twoTicks() throws {
        let bed = try Bed()
        defer { bed.world.stop() }
        let results = Recorder<RunResult>()
        let group = DispatchGroup()
        for _ in 0..<2 {
            group.enter()
            Thread {
                if let result = try? Child.mtasts(["tick", "--config", bed.config.path]) { results.append(result) }
                group.leave()
            }.start()
        }
        #expect(group.wait(timeout: .now() + 120) == .success, "a tick hung")
        let both = results.all
        #expect(both.count == 2)
        #expect(both.allSatisfy { $0.status == 0 }, "\(both.map(\.output))")
        let stats = try bed.world.stats()
        #expect(stats.httpsMaxConcurrent <= Self.concurrency, "peak \(stats.httpsMaxConcurrent) connections")
        #expect(stats.totalHTTPSRequests == bed.versioned.domains.count, "\(stats.totalHTTPSRequests) fetches")
        #expect(try bed.allFetched())
        print("robustness: two ticks: \(both.map { $0.stdout.split(separator: "\n").last ?? "" })")
    }

    @Test("a tick during run skips its round; SIGHUP during the pass reloads; SIGTERM ends run")
    func tickDuringRunAndReload() throws {
        let bed = try Bed()
        defer { bed.world.stop() }
        let run = try Child.start(mtasts: ["run", "--config", bed.config.path])
        defer { run.kill() }

        // Once the pass is under way: a tick and a reload.
        #expect(try eventually(timeout: 30) { try bed.world.stats().totalHTTPSRequests > 0 })
        let tick = try Child.mtasts(["tick", "--config", bed.config.path])
        #expect(tick.status == 0, "\(tick.output)")
        run.signal(SIGHUP)

        #expect(try eventually(timeout: 60) { try bed.allFetched() }, "run did not fetch every domain")
        run.signal(SIGTERM)
        let stopped = run.waitForExit(timeout: 30)
        #expect(stopped != nil, "run did not stop")
        let out = stopped?.stdout ?? run.stdout
        let stats = try bed.world.stats()
        #expect(stats.httpsMaxConcurrent <= Self.concurrency, "peak \(stats.httpsMaxConcurrent) connections")
        #expect(stats.totalHTTPSRequests == bed.versioned.domains.count, "\(stats.totalHTTPSRequests) fetches")
        #expect(tick.stdout.contains("skipped") || tick.stdout.contains("nothing due"), "\(tick.stdout)")
        #expect(out.contains("configuration reloaded"), "\(out)")
        #expect(stopped?.status == 0)
        print("robustness: tick during run: \(tick.stdout.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    @Test("a prewarm started during a tick waits for the lock, then runs: no overlap, no lost work")
    func prewarmWaitsForTick() throws {
        let bed = try Bed()
        defer { bed.world.stop() }
        let tick = try Child.start(mtasts: ["tick", "--config", bed.config.path])
        #expect(try eventually(timeout: 30) { try bed.world.stats().totalHTTPSRequests > 0 })
        let prewarm = try Child.mtasts(["prewarm", "--force", "--json", "--config", bed.config.path])
        let ticked = try tick.finish()
        #expect(ticked.status == 0, "\(ticked.output)")
        #expect(prewarm.status == 0, "\(prewarm.output)")
        #expect(prewarm.stderr.contains("waiting for another prewarm"), "\(prewarm.stderr)")
        let stats = try bed.world.stats()
        #expect(stats.httpsMaxConcurrent <= Self.concurrency, "peak \(stats.httpsMaxConcurrent) connections")
        #expect(stats.totalHTTPSRequests == 2 * bed.versioned.domains.count, "\(stats.totalHTTPSRequests) fetches")
        #expect(try bed.allFetched())
    }
}
