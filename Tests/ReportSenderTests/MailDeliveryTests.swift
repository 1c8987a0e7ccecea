import Foundation
import ReportSender
import TLSReport
import TLSSessions
import TestWorld
import Testing

@Suite("mailto reports (RFC 8460 §5.3)", .serialized)
struct MailDeliveryTests {
    static let day = ReportTestBed.day
    static let afterDay = day.end + 3_600

    @Test("over SMTP with libcurl: one mail with the RFC 8460 headers, accepted by parsedmarc; a second run sends nothing, --force resends")
    func smtpDelivery() throws {
        let bed = try ReportTestBed(rua: ["example.com": "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"])
        let sink = try ReportSink()
        defer { sink.stop() }
        let run = bed.run(sessions: [Self.day: [ReportTestBed.tally("example.com")]],
                          mail: SMTPSubmission(url: sink.url, uploader: bed.uploader), bcc: "archive@example.net")
        let first = try run.send(days: [Self.day], now: Self.afterDay, force: false, journal: try bed.journal())
        #expect(first.map(\.kind) == [.sent])
        #expect(try sink.stats().messages == 1)
        let envelope = try sink.envelope(1)
        #expect(envelope["from"] as? String == "tlsrpt@example.net")
        #expect(envelope["to"] as? [String] == ["tlsrpt@example.com", "archive@example.net"])
        let message = try #require(sink.message(1))
        for header in [
            "Subject: Report Domain: example.com Submitter: mail.example.net Report-ID: <2026-11-24_example.com@mail.example.net>",
            "TLS-Report-Domain: example.com", "TLS-Report-Submitter: mail.example.net", "TLS-Required: No",
            "From: tlsrpt@example.net", "To: tlsrpt@example.com", "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=\"tlsrpt\";", "Content-Type: application/tlsrpt+gzip;",
            "Content-Transfer-Encoding: base64",
            "\tfilename=\"mail.example.net!example.com!1795478400!1795564799!2026-11-24_example.com@mail.example.net.json.gz\"",
            "Date: Wed, 25 Nov 2026 00:59:59 +0000",
        ] {
            #expect(message.contains(header + "\r\n"), "missing \(header)")
        }
        #expect(message.contains("Message-ID: <tlsrpt.2026-11-24.example.com."))
        #expect(!message.contains("Bcc:"), "SMTP puts the Bcc in the envelope only")
        let parsed = try parsedmarcCheck([sink.messagePath(1)])
        #expect(parsed.first?["report_type"] as? String == "smtp_tls")
        #expect(parsed.first?["report_id"] as? String == "2026-11-24_example.com@mail.example.net")

        let second = try run.send(days: [Self.day], now: Self.afterDay + 60, force: false, journal: try bed.journal())
        #expect(second.map(\.kind) == [.alreadyDone])
        #expect(try sink.stats().messages == 1)

        let forced = try run.send(days: [Self.day], now: Self.afterDay + 120, force: true, journal: try bed.journal())
        #expect(forced.map(\.kind) == [.sent])
        #expect(try sink.stats().messages == 2)
        #expect(sink.message(2)?.contains("Report-ID: <2026-11-24_example.com@mail.example.net>") == true,
                "a resend keeps its report-id")
    }

    @Test("through a sendmail stand-in: -oi -t -f <from>, the whole mail on standard input, Bcc as a header")
    func sendmailDelivery() throws {
        let bed = try ReportTestBed(rua: ["example.com": "v=TLSRPTv1;rua=mailto:tlsrpt@example.com, mailto:other@example.org"])
        let script = try StandInSendmail(in: bed.state, exitStatus: 0)
        let run = bed.run(sessions: [Self.day: [ReportTestBed.tally("example.com")]],
                          mail: SendmailSubmission(program: script.path, spoolDirectory: bed.state.path),
                          bcc: "archive@example.net")
        let actions = try run.send(days: [Self.day], now: Self.afterDay, force: false, journal: try bed.journal())
        #expect(actions.map(\.kind) == [.sent, .sent])
        #expect(actions.map(\.rua) == ["mailto:other@example.org", "mailto:tlsrpt@example.com"])
        let calls = script.calls()
        #expect(calls.count == 2)
        for call in calls {
            #expect(call.arguments == ["-oi", "-t", "-f", "tlsrpt@example.net"])
            #expect(call.input.contains("Bcc: archive@example.net\r\n"))
            #expect(call.input.hasSuffix("--\r\n"), "the complete mail, up to the closing boundary")
        }
        #expect(try bed.journal().all.map(\.state) == [.sent, .sent])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: bed.state.path).filter { $0.hasSuffix(".eml") }
        #expect(leftovers.isEmpty, "spool files are removed")
    }

    @Test("through the real Exim (exim -C cfg -odf as sendmail): delivered to the sink, Bcc stripped, parsedmarc accepts it")
    func throughExim() throws {
        let bed = try ReportTestBed(rua: ["example.com": "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"])
        let sink = try ReportSink()
        defer { sink.stop() }
        let exim = try EximSubmitter(in: bed.state, sinkPort: sink.port)
        let run = bed.run(sessions: [Self.day: [ReportTestBed.tally("example.com")]],
                          mail: SendmailSubmission(program: exim.wrapper, spoolDirectory: bed.state.path),
                          bcc: "archive@example.net")
        let actions = try run.send(days: [Self.day], now: Self.afterDay, force: false, journal: try bed.journal())
        #expect(actions.map(\.kind) == [.sent], "\(actions.map(\.message)) \(exim.log)")
        // -odf: Exim has delivered before sendmail returns; one SMTP transaction for both recipients.
        #expect(try sink.stats().messages == 1)
        let recipients = (try sink.envelope(1)["to"] as? [String] ?? []).sorted()
        #expect(recipients == ["archive@example.net", "tlsrpt@example.com"], "the report and its blind copy")
        #expect(try sink.envelope(1)["from"] as? String == "tlsrpt@example.net")
        let message = try #require(sink.message(1))
        #expect(!message.contains("Bcc:"))
        #expect(message.contains("TLS-Required: No"))
        let parsed = try parsedmarcCheck([sink.messagePath(1)])
        #expect(parsed.first?["report_type"] as? String == "smtp_tls")
    }

    @Test("a sendmail failure is retried later, not lost")
    func sendmailFailure() throws {
        let bed = try ReportTestBed(rua: ["example.com": "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"])
        let script = try StandInSendmail(in: bed.state, exitStatus: 75)
        let run = bed.run(sessions: [Self.day: [ReportTestBed.tally("example.com")]],
                          mail: SendmailSubmission(program: script.path, spoolDirectory: bed.state.path))
        let actions = try run.send(days: [Self.day], now: Self.afterDay, force: false, journal: try bed.journal())
        #expect(actions.map(\.kind) == [.retrying])
        #expect(actions.first?.at == Self.afterDay + 300)
        #expect(actions.first?.message?.contains("exited with status 75") == true)
        #expect(try bed.journal().all.first?.state == .retrying)
    }
}

/// A `sendmail` stand-in: a shell script (run directly, never through a shell by mtasts)
/// that stores its arguments and standard input, one numbered pair of files per call.
struct StandInSendmail {
    let path: String
    let directory: String

    init(in state: TemporaryDirectory, exitStatus: Int) throws {
        directory = state.file("sendmail-calls")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = state.file("sendmail")
        let script = """
            #!/bin/sh
            n=$(ls '\(directory)' | grep -c '\\.in$')
            n=$((n + 1))
            printf '%s\\n' "$@" > '\(directory)'/$n.args
            cat > '\(directory)'/$n.in
            exit \(exitStatus)

            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
    }

    func calls() -> [(arguments: [String], input: String)] {
        var result: [(arguments: [String], input: String)] = []
        var number = 1
        while let input = FileManager.default.contents(atPath: "\(directory)/\(number).in"),
              let arguments = FileManager.default.contents(atPath: "\(directory)/\(number).args") {
            result.append((String(decoding: arguments, as: UTF8.self).split(separator: "\n").map(String.init),
                           String(decoding: input, as: UTF8.self)))
            number += 1
        }
        return result
    }
}

/// A private Exim (its own configuration, spool and logs) that delivers everything to the
/// report sink, wrapped as a `sendmail` program: `exim -C <cfg> -odf <mtasts' arguments>`.
struct EximSubmitter {
    let wrapper: String
    let spool: String

    init(in state: TemporaryDirectory, sinkPort: Int) throws {
        chmod(state.path, 0o755)
        spool = state.file("exim-spool")
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        let user = getpwnam("Debian-exim")
        if let user { chown(spool, user.pointee.pw_uid, user.pointee.pw_gid) }
        let configuration = state.file("exim.conf")
        try """
            spool_directory = \(spool)
            log_file_path = \(spool)/%slog
            primary_hostname = mail.example.net
            qualify_domain = example.net
            exim_user = Debian-exim
            exim_group = Debian-exim
            trusted_users = root
            keep_environment =
            begin routers
            to_sink:
              driver = manualroute
              route_list = * 127.0.0.1::\(sinkPort) byname
              self = send
              transport = sink_smtp
            begin transports
            sink_smtp:
              driver = smtp
              hosts_avoid_tls = *
              allow_localhost
            begin retry
            * * F,1m,1m

            """.write(toFile: configuration, atomically: true, encoding: .utf8)
        wrapper = state.file("exim-sendmail")
        try "#!/bin/sh\nexec /usr/sbin/exim -C '\(configuration)' -odf \"$@\"\n"
            .write(toFile: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper, 0o755)
    }

    /// Exim's main log, for failure messages.
    var log: String {
        (try? String(contentsOfFile: spool + "/mainlog", encoding: .utf8)) ?? "(no mainlog)"
    }
}
