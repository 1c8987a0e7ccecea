import Foundation
import Prewarm
import Testing
import TestWorld

/// `mtasts prewarm`, `domains`, `tick` and `run` as built executables against the world.
@Suite("prewarm, domains, tick and run commands")
struct CommandTests {
    static let domains = ["a", "b"].map(PassFixture.name)

    static func world() throws -> World {
        var scenario = Scenario()
        for label in ["a", "b"] { scenario.add(PassFixture.scenario(label)) }
        return try World(scenario)
    }

    @Test("tick runs what is due once; a second tick does nothing")
    func tickIsIdempotent() throws {
        let world = try Self.world()
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try CommandConfig(world: world, directory: directory, domains: Self.domains)

        let first = try ChildProcess.mtasts(["tick", "--config", config.path]).run()
        #expect(first.status == 0, "\(first.stdout) \(first.stderr)")
        #expect(first.stdout.contains("prewarm: 2 domains"))
        #expect(first.stdout.contains("2 fetched"))
        #expect(first.stdout.contains("report: skipped (report.organization and report.contact are not set)"))
        #expect(try world.stats().totalHTTPSRequests == 2)
        let state = try #require(config.scheduleText())
        #expect(state.split(separator: "\n").map { $0.split(separator: " ")[0] } == ["learn", "prewarm", "report"])

        let second = try ChildProcess.mtasts(["tick", "--config", config.path]).run()
        #expect(second.status == 0)
        #expect(second.stdout.hasPrefix("tick: nothing due; next: learn at "), "\(second.stdout)")
        #expect(try world.stats().totalHTTPSRequests == 2)
        #expect(try world.stats().dnsQueries["_mta-sts.\(Self.domains[0]) TXT"] == 1)
        #expect(config.scheduleText() == state)
    }

    @Test("tick learns a domain from Exim's log, then prewarms it in the same round")
    func tickLearnsThenPrewarms() throws {
        let world = try Self.world()
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let log = directory.file("mainlog")
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        let stamp = formatter.string(from: Date())
        try "\(stamp) 1xW9EQ-0006Xv-2L => bob@\(Self.domains[1]) R=remote T=remote_smtp H=127.0.0.1 [127.0.0.1] C=\"250 OK\"\n"
            .write(toFile: log, atomically: true, encoding: .utf8)
        let config = try CommandConfig(world: world, directory: directory, domains: [], eximLogs: [log])

        let tick = try ChildProcess.mtasts(["tick", "--config", config.path]).run()
        #expect(tick.status == 0, "\(tick.stdout) \(tick.stderr)")
        #expect(tick.stdout.contains("1 new"), "\(tick.stdout)")
        #expect(tick.stdout.contains("prewarm: 1 domain"), "\(tick.stdout)")
        #expect(try world.stats().httpsRequests["mta-sts.\(Self.domains[1])"] == 1)
        let listing = try ChildProcess.mtasts(["domains", "--config", config.path]).run()
        #expect(listing.stdout.contains("learned"), "\(listing.stdout)")
    }

    @Test("prewarm --json counts outcomes; domains lists the plan")
    func prewarmAndDomains() throws {
        let world = try Self.world()
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try CommandConfig(world: world, directory: directory, domains: Self.domains + ["nothing.prewarm.test"])

        let before = try ChildProcess.mtasts(["domains", "--json", "--config", config.path]).run()
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.contains(#""next_action":"fetch""#))

        let pass = try ChildProcess.mtasts(["prewarm", "--json", "--config", config.path]).run()
        #expect(pass.status == 0, "\(pass.stderr)")
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(pass.stdout.utf8)) as? [String: Any])
        #expect(counts["total"] as? Int == 3)
        #expect(counts["fetched"] as? Int == 2)
        #expect(counts["no_policy"] as? Int == 1)

        let again = try ChildProcess.mtasts(["prewarm", "--json", "--config", config.path]).run()
        #expect(again.stdout.contains(#""total":0"#))
        let all = try ChildProcess.mtasts(["prewarm", "--all", "--json", "--config", config.path]).run()
        #expect(all.stdout.contains(#""unchanged":2"#), "\(all.stdout)")
        #expect(try world.stats().totalHTTPSRequests == 2)
        let forced = try ChildProcess.mtasts(["prewarm", "--force", "--domain", Self.domains[0], "--json", "--config", config.path]).run()
        #expect(forced.stdout.contains(#""fetched":1"#))
        #expect(try world.stats().totalHTTPSRequests == 3)

        let listing = try ChildProcess.mtasts(["domains", "--config", config.path]).run()
        #expect(listing.status == 0)
        let lines = listing.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix(Self.domains[0]) && lines[1].contains("config") && lines[1].contains("recheck"))
        #expect(lines[3].contains("no-policy") && lines[3].contains("look-again"))
    }

    @Test("a broken configuration or cache exits 2")
    func errorsExitTwo() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("bad.yaml")
        try "schedule:\n  prewarm: hourly\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ChildProcess.mtasts(["prewarm", "--config", path]).run()
        #expect(result.status == 2)
        #expect(result.stderr.contains("line 2: schedule.prewarm"))
        try "cache:\n  path: \(directory.path)/no/such/dir/cache.lmdb\nstate:\n  directory: \(directory.path)\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ChildProcess.mtasts(["prewarm", "--config", path]).run().status == 2)
    }

    @Test("one writer: a tick skips while another process holds the lock, even one that crashed later")
    func lockBetweenProcesses() throws {
        let world = try Self.world()
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try CommandConfig(world: world, directory: directory, domains: Self.domains)

        // Another process (flock(1)) holds the lock.
        // -o: only flock itself holds the lock, not the shell it starts.
        let holder = try ChildProcess("/usr/bin/flock", ["-o", config.stateDirectory + "/" + WriterLock.fileName,
                                                         "-c", "echo locked; exec cat"]).start(keepingStdinOpen: true)
        defer { holder.closeStdin() } // ends the shell's cat
        #expect(holder.waitForLine(timeout: 30) { $0 == "locked" }, "\(holder.stderr)")

        let skipped = try ChildProcess.mtasts(["tick", "--config", config.path]).run()
        #expect(skipped.status == 0)
        #expect(skipped.stdout.contains("skipped"), "\(skipped.stdout)")
        #expect(config.scheduleText() == nil)
        #expect(try world.stats().totalHTTPSRequests == 0)

        // prewarm waits for the lock instead, and runs once it is free.
        let waiting = try ChildProcess.mtasts(["prewarm", "--config", config.path]).start()
        defer { waiting.kill() }
        #expect(waiting.waitForStderr(containing: "waiting for another prewarm", timeout: 30))
        #expect(try world.stats().totalHTTPSRequests == 0)

        // The holder dies by SIGKILL: the kernel releases the lock.
        // (Not waited for: the kernel drops the lock as the process dies, before it is reaped.)
        holder.signal(SIGKILL)
        #expect(waiting.waitForExit(timeout: 60)?.status == 0)
        #expect(waiting.stdoutLines.joined().contains("2 fetched"))

        let ticked = try ChildProcess.mtasts(["tick", "--config", config.path]).run()
        #expect(ticked.status == 0)
        #expect(config.scheduleText() != nil)
    }

    @Test("run: works through the schedule, reloads on SIGHUP, stops on SIGTERM")
    func runStopsOnSIGTERM() throws {
        let world = try Self.world()
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try CommandConfig(world: world, directory: directory, domains: Self.domains)
        let service = try ChildProcess.mtasts(["run", "--config", config.path]).start()
        defer { service.kill() }
        #expect(service.waitForLine(timeout: 60) { $0.hasPrefix("prewarm: 2 domains") }, "\(service.stdoutLines) \(service.stderr)")
        #expect(service.waitForLine(timeout: 30) { $0 == "report: skipped (report.organization and report.contact are not set)" })

        service.signal(SIGHUP)
        #expect(service.waitForLine(timeout: 30) { $0 == "run: configuration reloaded" }, "\(service.stdoutLines)")

        let sent = Date()
        service.signal(SIGTERM)
        #expect(service.waitForExit(timeout: 10)?.status == 0)
        #expect(Date().timeIntervalSince(sent) < 10)
        #expect(service.stdoutLines.last == "run: stopped")
        #expect(try world.stats().totalHTTPSRequests == 2)
    }

    @Test("run: SIGTERM during a pass lets the domains in flight finish, then exits")
    func runStopsDuringAPass() throws {
        var scenario = Scenario()
        let labels = (0..<4).map { "slow\($0)" }
        for label in labels {
            scenario.add(PassFixture.scenario(label))
            scenario.https["mta-sts.\(PassFixture.name(label))"]?.behaviour = "hang"
        }
        let world = try World(scenario)
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try CommandConfig(world: world, directory: directory, domains: labels.map(PassFixture.name),
                                       httpsTimeout: "3s", extra: "prewarm:\n  concurrency: 1\n")
        let service = try ChildProcess.mtasts(["run", "--config", config.path]).start()
        defer { service.kill() }
        #expect(service.waitForLine(timeout: 30) { $0.hasPrefix("run: started") })
        // The first domain hangs for 3s (the HTTPS timeout); stop while it does.
        let deadline = Date(timeIntervalSinceNow: 30)
        while try world.stats().httpsConnections == 0 && Date() < deadline { usleep(20_000) }
        #expect(try world.stats().httpsConnections >= 1)
        service.signal(SIGTERM)
        let sent = Date()
        #expect(service.waitForExit(timeout: 20)?.status == 0)
        #expect(Date().timeIntervalSince(sent) < 10)
        let summary = service.stdoutLines.first { $0.hasPrefix("prewarm:") } ?? ""
        #expect(summary.contains("skipped (stopping)"), "\(service.stdoutLines)")
        // An interrupted pass is not recorded as run: the next tick does it again.
        #expect(!(config.scheduleText() ?? "").contains("prewarm"))
    }
}
