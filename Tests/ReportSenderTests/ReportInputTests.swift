import Foundation
import MTASTSPolicy
import ReportSender
import TLSReport
import TLSSessions
import TestWorld
import Testing

@Suite("report inputs: sessions files and rua URIs")
struct ReportInputTests {
    @Test("a sessions file gives tallies as written")
    func sessionsFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("sessions.json")
        try ReportCommandTests.sessionsJSON.write(toFile: path, atomically: true, encoding: .utf8)
        let file = try SessionsFile(path: path)
        let day = try #require(UTCDay("2026-11-24"))
        let sessions = try file.sessions(for: day)
        let tally = try #require(sessions.tallies[try DomainName(validating: "example.com")])
        #expect(tally.successfulSessions == 7)
        #expect(tally.totalFailedSessions == 2)
        #expect(tally.mxHosts == ["mx.example.com"])
        #expect(try file.sessions(for: day.adding(days: 1)).tallies.isEmpty)
    }

    @Test("a bad sessions file is an error naming the file and what is wrong", arguments: [
        ("{", "is not a sessions file"),
        (#"{"days":[{"day":"2026-13-01","domains":[]}]}"#, "has day \"2026-13-01\", not YYYY-MM-DD"),
        (#"{"days":[{"day":"2026-11-24","domains":[{"domain":"bad domain"}]}]}"#, "has domain \"bad domain\""),
        (#"{"days":[{"day":"2026-11-24","domains":[{"domain":"a.example","failures":[{"result-type":"oops"}]}]}]}"#,
         "has result type \"oops\", not an RFC 8460 one"),
    ])
    func badSessionsFile(_ sample: (String, String)) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("sessions.json")
        try sample.0.write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: SessionsFileError.self) { try SessionsFile(path: path) }
        #expect(error.description.hasPrefix("sessions file \(path) "))
        #expect(error.description.contains(sample.1))
        #expect(throws: SessionsFileError.self) { try SessionsFile(path: directory.file("missing.json")) }
    }

    @Test("rua entries: mailto with query and percent-encoding, https; other schemes ignored", arguments: [
        ("mailto:tlsrpt@example.com", ReportURI.mail("tlsrpt@example.com")),
        ("MAILTO:tls%2Brpt@example.com?subject=x", ReportURI.mail("tls+rpt@example.com")),
        ("https://reports.example.com/r", ReportURI.https("https://reports.example.com/r")),
    ])
    func reportURIs(_ sample: (String, ReportURI)) {
        #expect(ReportURI(sample.0) == sample.1)
    }

    @Test("rua entries that cannot be used safely are refused", arguments: [
        "mailto:", "mailto:no-at-sign", "mailto:a@b@c", "mailto:a%0d%0aBcc:x@example.com", "mailto:a b@example.com",
        "mailto:%zz@example.com", "ftp://example.com/", "postmaster@example.com",
    ])
    func badReportURIs(_ text: String) {
        #expect(ReportURI(text) == nil)
    }
}
