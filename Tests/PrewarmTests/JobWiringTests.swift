import Foundation
import Testing
import TestWorld

/// What the scheduler's jobs hand on: failed discoveries to the report's dated journal
/// (RFC 8460 §4.3.2.2), and the `report` job to `mtasts report`.
@Suite("prewarm and tick feed the TLS report")
struct JobWiringTests {
    @Test("a failed discovery in a prewarm pass lands in the dated failure journal")
    func prewarmRecordsFailures() throws {
        let broken = PassFixture.name("broken")
        var scenario = PassFixture.scenario("good")
        scenario.add(PassFixture.scenario("broken"))
        scenario.https["mta-sts.\(broken)"]?.certificate = "expired"
        let world = try World(scenario)
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try CommandConfig(world: world, directory: directory, domains: [PassFixture.name("good"), broken])

        let pass = try ChildProcess.mtasts(["prewarm", "--json", "--config", config.path]).run()
        #expect(pass.status == 0, "\(pass.stderr)")
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let journal = config.stateDirectory + "/discovery-failures-\(formatter.string(from: Date())).jsonl"
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(broken) == true)
        #expect(lines.first?.contains("sts-webpki-invalid") == true)
    }

    @Test("tick's report job runs mtasts report once the sender is configured")
    func tickRunsTheReport() throws {
        let world = try World(PassFixture.scenario("good"))
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let log = directory.file("mainlog")
        try "".write(toFile: log, atomically: true, encoding: .utf8)
        let config = try CommandConfig(world: world, directory: directory, domains: [PassFixture.name("good")],
                                       eximLogs: [log],
                                       extra: "report:\n  organization: Test Relay\n  contact: tlsrpt@relay.test\n")
        let tick = try ChildProcess.mtasts(["tick", "--config", config.path]).run()
        #expect(tick.status == 0, "\(tick.stdout) \(tick.stderr)")
        #expect(tick.stdout.contains("report: 0 action(s), 0 sent, 0 to retry or given up"), "\(tick.stdout)")
    }
}
