import Foundation
import TLSSessions
import TestWorld
import Testing

/// `mtasts report` run as the built executable.
@Suite("mtasts report command", .serialized)
struct ReportCommandTests {
    static let sessionsJSON = """
        {"days": [{"day": "2026-11-24", "domains": [
          {"domain": "example.com", "successful": 7, "mx_hosts": ["mx.example.com"],
           "failures": [{"result-type": "certificate-expired", "sending-mta-ip": "198.51.100.7",
                         "receiving-mx-hostname": "mx.example.com", "receiving-ip": "192.0.2.1", "count": 2}]},
          {"domain": "example.org", "successful": 1}]}]}
        """

    /// The built `mtasts` with the test's environment as it is.
    static func mtasts(_ arguments: [String]) -> ChildProcess {
        ChildProcess.mtasts(arguments, environment: .inherited())
    }

    static func run(_ arguments: [String]) throws -> RunResult { try mtasts(arguments).run() }

    static func configuration(bed: ReportTestBed, smtp: String?) throws -> String {
        let path = bed.state.file("mtasts.yaml")
        try """
            cache:
              path: \(bed.state.file("absent.lmdb"))
            resolver:
              nameservers: ["\(bed.world.nameserver)"]
              timeout: 2s
            https:
              ca_file: \(bed.world.caFile)
              timeout: 60s
            state:
              directory: \(bed.state.file("state"))
            report:
              organization: Example Mail
              contact: postmaster@example.net
              submitter: mail.example.net
              from: tlsrpt@example.net
              spread: 0s
            \(smtp.map { "  smtp: \($0)" } ?? "")
            """.write(toFile: path, atomically: true, encoding: .utf8)
        try sessionsJSON.write(toFile: bed.state.file("sessions.json"), atomically: true, encoding: .utf8)
        return path
    }

    @Test("without --sessions: the sessions come from Exim's logs (learn.exim_logs); ignored senders are not counted")
    func sessionsFromEximLogs() throws {
        let bed = try ReportTestBed(rua: ["wronghost.enforce": "v=TLSRPTv1; rua=mailto:tlsrpt@wronghost.enforce",
                                          "good.enforce": "v=TLSRPTv1; rua=mailto:tlsrpt@good.enforce"])
        let config = try Self.configuration(bed: bed, smtp: nil)
        // The real Exim 4.96 log of scripts/make-tls-session-fixtures (lines dated 2026-11-25, +0000).
        var text = try String(contentsOfFile: config, encoding: .utf8)
        text += "  ignore_senders: [tlsrpt-noreply@sender.test, dmarc-noreply@sender.test]\n"
        text += "learn:\n  exim_logs: [\(TestPaths.fixture("TLSSessions/exim-tls.log"))]\n"
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let directory = bed.state.file("dry")
        let result = try Self.run(["report", "--config", config, "--date", "2026-11-25", "--dry-run", directory])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json.gz") }
        func report(_ domain: String) throws -> String {
            let name = try #require(files.first { $0.contains("!\(domain)!") }, "no report for \(domain) in \(files)")
            let gunzip = try ChildProcess("/bin/gzip", ["-dc", directory + "/" + name]).run()
            return gunzip.stdout.filter { !$0.isWhitespace }
        }
        // b@ tried twice; dmarc-noreply's two attempts are left out.
        let wronghost = try report("wronghost.enforce")
        #expect(wronghost.contains("\"result-type\":\"certificate-host-mismatch\""))
        #expect(wronghost.contains("\"total-failure-session-count\":2"))
        #expect(wronghost.contains("\"receiving-ip\":\"127.93.0.3\""))
        // Five sessions (one a reused connection's, not counted) minus the ignored report mail.
        #expect(try report("good.enforce").contains("\"total-successful-session-count\":4"))
    }

    @Test("--dry-run writes each report and each would-be mail; parsedmarc accepts every file; nothing is sent")
    func dryRun() throws {
        let bed = try ReportTestBed(rua: [
            "example.com": "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://reports.example.com/r",
            "example.org": "v=TLSRPTv1;  rua=mailto:a@example.org , mailto:b@example.org"])
        let config = try Self.configuration(bed: bed, smtp: "smtp://127.0.0.1:9")
        let directory = bed.state.file("dry")
        let result = try Self.run(["report", "--config", config, "--date", "2026-11-24", "--sessions",
                                   bed.state.file("sessions.json"), "--dry-run", directory])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files.filter { $0.hasSuffix(".json.gz") }.count == 2)
        #expect(files.filter { $0.hasSuffix(".eml") }.count == 3)
        #expect(files.contains("mail.example.net!example.com!1795478400!1795564799!2026-11-24_example.com@mail.example.net.json.gz"))
        let parsed = try parsedmarcCheck(files.map { directory + "/" + $0 })
        #expect(parsed.count == 5)
        #expect(parsed.allSatisfy { $0["report_type"] as? String == "smtp_tls" })
        let policies = parsed.compactMap { ($0["policies"] as? [[String: Any]])?.first }
        #expect(policies.allSatisfy { $0["policy_type"] as? String == "no-policy-found" && $0["policy_domain"] != nil })
        #expect(!FileManager.default.fileExists(atPath: bed.state.file("state/tlsrpt-journal.json")))
    }

    @Test("a run killed while the SMTP server holds the message neither loses nor duplicates the report")
    func killedMidSend() throws {
        let bed = try ReportTestBed(rua: ["example.com": "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"])
        let sink = try ReportSink()
        defer { sink.stop() }
        try sink.setMode("hang")
        let config = try Self.configuration(bed: bed, smtp: sink.url)
        let arguments = ["report", "--config", config, "--date", "2026-11-24", "--sessions", bed.state.file("sessions.json")]
        let sender = try Self.mtasts(arguments).start()
        #expect(try sink.wait { $0.hung == 1 }, "the sender reached the end of DATA")
        sender.signal(SIGKILL)
        let killed = try sender.finish()
        #expect(killed.signal == SIGKILL)
        #expect(try sink.stats().messages == 0)
        let journal = try String(contentsOfFile: bed.state.file("state/tlsrpt-journal.json"), encoding: .utf8)
        #expect(journal.contains("\"sending\""))

        try sink.setMode("normal")
        let second = try Self.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("2026-11-24 example.com mailto:tlsrpt@example.com: sent"))
        #expect(try sink.stats().messages == 1)
        let third = try Self.run(arguments + ["--json"])
        #expect(third.stdout.contains("\"action\":\"already-done\""))
        #expect(try sink.stats().messages == 1)
        #expect(sink.message(1)?.contains("Report-ID: <2026-11-24_example.com@mail.example.net>") == true)
    }
}
