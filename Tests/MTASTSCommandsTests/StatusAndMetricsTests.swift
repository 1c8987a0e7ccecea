import Foundation
import Testing
import TestWorld

/// `mtasts status`, the metrics file and the log lines, after real passes against the loopback world.
@Suite("status, metrics and logs")
struct StatusAndMetricsTests {
    @Test func prewarmThenStatusShowsEveryState() throws {
        let setup = try OperatorWorld()
        defer { setup.stop() }
        let prewarm = try setup.mtasts(["prewarm"])
        #expect(prewarm.status == 0, "\(prewarm.stdout) \(prewarm.stderr)")

        // Default level: the failure is logged, one key=value line; successes are not.
        let warnings = prewarm.stderr.split(separator: "\n").filter { $0.hasPrefix("level=warning") }
        #expect(warnings.count == 1, "\(prewarm.stderr)")
        #expect(warnings.first?.contains("domain=\(OperatorWorld.expired)") == true)
        #expect(warnings.first?.contains("outcome=failure") == true)
        #expect(warnings.first?.contains(" duration=") == true)
        #expect(!prewarm.stderr.contains("domain=\(OperatorWorld.good)"))

        let status = try setup.mtasts(["status", "--json"])
        #expect(status.status == 0, "\(status.stderr)")
        let json = try status.json()
        let byState = try #require(json["by_state"] as? [String: Int])
        #expect(byState["enforce"] == 1)
        #expect(byState["failing"] == 1)
        #expect(byState["no_policy"] == 1)
        #expect((json["by_source"] as? [String: Int])?["config"] == 3)
        #expect(json["tracked"] as? Int == 3)
        let failures = try #require(json["failures"] as? [[String: Any]])
        #expect(failures.map { $0["domain"] as? String } == [OperatorWorld.expired])
        #expect(failures.first?["type"] as? String == "sts-webpki-invalid")
        let journal = try #require(json["journal_failures"] as? [[String: Any]])
        #expect(journal.contains { $0["domain"] as? String == OperatorWorld.expired })

        // Text: no escape codes when standard output is not a terminal.
        let text = try setup.mtasts(["status"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("enforce 1"))
        #expect(text.stdout.contains(OperatorWorld.expired))
        #expect(!text.stdout.contains("\u{1B}["))
    }

    @Test func metricsAreWrittenAfterEachRunAndAccumulate() throws {
        let setup = try OperatorWorld()
        defer { setup.stop() }
        #expect(try setup.mtasts(["prewarm"]).status == 0)
        var text = try String(contentsOfFile: setup.metricsPath, encoding: .utf8)
        #expect(text.contains("# TYPE mtasts_domains gauge"))
        #expect(text.contains(#"mtasts_domains{state="enforce"} 1"#))
        #expect(text.contains(#"mtasts_domains{state="failing"} 1"#))
        #expect(text.contains(#"mtasts_job_outcomes_total{job="prewarm",outcome="fetched"} 1"#))
        #expect(text.contains(#"mtasts_job_runs_total{job="prewarm",result="success"} 1"#))
        #expect(text.contains("mtasts_job_last_success_timestamp_seconds{job=\"prewarm\"} "))
        #expect(text.contains(#"mtasts_job_failures_total{job="prewarm",result_type="sts-webpki-invalid"} 1"#))

        #expect(try setup.mtasts(["prewarm", "--force"]).status == 0)
        text = try String(contentsOfFile: setup.metricsPath, encoding: .utf8)
        #expect(text.contains(#"mtasts_job_outcomes_total{job="prewarm",outcome="fetched"} 2"#))
        #expect(text.contains(#"mtasts_job_last_outcomes{job="prewarm",outcome="fetched"} 1"#))
        #expect(text.contains(#"mtasts_job_runs_total{job="prewarm",result="success"} 2"#))
        // Only the metrics file and no temporary file beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.directory.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
        if let promtool = ["/usr/bin/promtool"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            let metrics = try Data(contentsOf: URL(fileURLWithPath: setup.metricsPath))
            let check = try ChildProcess(promtool, ["check", "metrics"], stdin: metrics).run()
            #expect(check.status == 0 && check.output.isEmpty, "promtool: \(check.output)")
        }
    }

    @Test func tickRecordsEachJobsResultForStatus() throws {
        let setup = try OperatorWorld()
        defer { setup.stop() }
        let tick = try setup.mtasts(["tick"])
        #expect(tick.status == 0, "\(tick.stdout) \(tick.stderr)")
        let state = try String(contentsOfFile: setup.stateDirectory + "/schedule", encoding: .utf8)
        #expect(state.contains(" ok prewarm: 3 domains"), "\(state)")
        let json = try setup.mtasts(["status", "--json"]).json()
        let jobs = try #require(json["jobs"] as? [String: [String: Any]])
        #expect(jobs["prewarm"]?["succeeded"] as? Bool == true)
        #expect((jobs["prewarm"]?["result"] as? String)?.hasPrefix("prewarm: 3 domains") == true)
        #expect(jobs["report"]?["succeeded"] as? Bool == true)
        let metrics = try String(contentsOfFile: setup.metricsPath, encoding: .utf8)
        #expect(metrics.contains(#"mtasts_job_runs_total{job="learn",result="success"} 1"#))
        #expect(metrics.contains(#"mtasts_job_runs_total{job="report",result="success"} 1"#))
    }

    @Test func verboseLogsEveryDomainAndQuietNone() throws {
        let setup = try OperatorWorld()
        defer { setup.stop() }
        let verbose = try setup.mtasts(["prewarm", "--verbose"])
        #expect(verbose.status == 0)
        #expect(verbose.stderr.contains("level=debug"))
        #expect(verbose.stderr.contains("domain=\(OperatorWorld.good) duration="))
        let quiet = try setup.mtasts(["prewarm", "--all", "--quiet"])
        #expect(quiet.status == 0)
        #expect(!quiet.stderr.contains("level="), "\(quiet.stderr)")
        let both = try setup.mtasts(["prewarm", "--verbose", "--quiet"])
        #expect(both.status == 2)
    }

    @Test func learnLogsNewDomainsWhenVerboseAndCountsThemInMetricsAndStatus() throws {
        let setup = try OperatorWorld()
        defer { setup.stop() }
        let now = Date()
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let line = "\(formatter.string(from: now)) 1xW9EQ-0006Xv-2L => bob@learned.example.test R=remote T=remote_smtp "
            + "H=127.0.0.1 [127.0.0.1] X=TLS1.3:ECDHE_SECP256R1__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 CV=yes C=\"250 OK\"\n"
        try line.write(toFile: setup.directory.path + "/mainlog", atomically: true, encoding: .utf8)
        let learn = try setup.mtasts(["learn", "--verbose"])
        #expect(learn.status == 0, "\(learn.stdout) \(learn.stderr)")
        #expect(learn.stderr.contains(#"level=debug msg="learn: new domain" domain=learned.example.test"#), "\(learn.stderr)")
        let metrics = try String(contentsOfFile: setup.metricsPath, encoding: .utf8)
        #expect(metrics.contains(#"mtasts_job_last_outcomes{job="learn",outcome="domains_new"} 1"#))
        #expect(metrics.contains(#"mtasts_domains_by_source{source="learned"} 1"#))
        let status = try setup.mtasts(["status", "--json"]).json()
        #expect((status["by_source"] as? [String: Int])?["learned"] == 1)
        #expect((status["by_state"] as? [String: Int])?["not_fetched"] == 4)
    }
}
