import Foundation
import Gzip
import HTTPSFetch
import ReportSender
import TLSReport
import TLSSessions
import TestWorld
import Testing

@Suite("https reports (RFC 8460 §5.4, §5.5)", .serialized)
struct HTTPSPostTests {
    static let day = ReportTestBed.day
    static let afterDay = day.end + 3_600
    static let host = "reports.example.com"
    static let record = "v=TLSRPTv1; rua=https://reports.example.com/v1/tlsrpt"

    @Test("200 and 202 are success: one POST of application/tlsrpt+gzip, verified against the test CA", arguments: [200, 202])
    func accepted(_ status: Int) throws {
        let bed = try ReportTestBed(rua: ["example.com": Self.record], httpsStatus: [Self.host: status])
        let run = bed.run(sessions: [Self.day: [ReportTestBed.tally("example.com")]],
                          mail: SMTPSubmission(url: "smtp://127.0.0.1:9", uploader: bed.uploader))
        let actions = try run.send(days: [Self.day], now: Self.afterDay, force: false, journal: try bed.journal())
        #expect(actions.map(\.kind) == [.sent])
        #expect(try bed.world.stats().httpsPosts == [Self.host: 1])
        let post = try #require(bed.post(Self.host, 1))
        #expect(post.type == "application/tlsrpt+gzip")
        let json = try JSONSerialization.jsonObject(with: Data(try Gzip.decompress(post.body))) as? [String: Any]
        #expect(json?["report-id"] as? String == "2026-11-24_example.com@mail.example.net")
        let again = try run.send(days: [Self.day], now: Self.afterDay + 600, force: false, journal: try bed.journal())
        #expect(again.map(\.kind) == [.alreadyDone])
        #expect(try bed.world.stats().httpsPosts == [Self.host: 1])
    }

    @Test("500 is retried with backoff across runs and given up after 24 hours")
    func retriedThenGivenUp() throws {
        let bed = try ReportTestBed(rua: ["example.com": Self.record], httpsStatus: [Self.host: 500])
        let run = bed.run(sessions: [Self.day: [ReportTestBed.tally("example.com")]],
                          mail: SMTPSubmission(url: "smtp://127.0.0.1:9", uploader: bed.uploader))
        let start = Self.afterDay
        func send(at now: Int64) throws -> ReportAction {
            try #require(try run.send(days: [Self.day], now: now, force: false, journal: try bed.journal()).first)
        }
        let first = try send(at: start)
        #expect(first.kind == .retrying)
        #expect(first.at == start + 300)
        #expect(first.message?.contains("500") == true)
        #expect(try send(at: start + 299).kind == .waitingForRetry)
        #expect(try bed.world.stats().httpsPosts[Self.host] == 1)
        let second = try send(at: start + 300)
        #expect(second.kind == .retrying)
        #expect(second.at == start + 300 + 600, "the wait doubles")
        #expect(try bed.world.stats().httpsPosts[Self.host] == 2)
        let late = try send(at: start + 86_399)
        #expect(late.kind == .retrying)
        #expect(late.at == start + 86_400, "the last attempt falls on the 24-hour mark")
        #expect(try send(at: start + 86_400).kind == .gaveUp)
        #expect(try send(at: start + 90_000).kind == .alreadyDone)
        #expect(try bed.world.stats().httpsPosts[Self.host] == 4)
        let entry = try #require(try bed.journal().all.first)
        #expect(entry.state == .gaveUp)
        #expect(entry.attempts == 4)
    }

    @Test("a network error (nothing listening) is retried like an error answer")
    func networkError() throws {
        let bed = try ReportTestBed(rua: ["example.com": "v=TLSRPTv1; rua=https://127.0.0.1:9/tlsrpt"])
        let run = bed.run(sessions: [Self.day: [ReportTestBed.tally("example.com")]],
                          mail: SMTPSubmission(url: "smtp://127.0.0.1:9", uploader: bed.uploader))
        let actions = try run.send(days: [Self.day], now: Self.afterDay, force: false, journal: try bed.journal())
        #expect(actions.map(\.kind) == [.retrying])
        #expect(actions.first?.message?.contains("failed") == true)
    }

    @Test("a certificate that does not verify is a failure (retried), and no body reaches the host",
          arguments: ["self-signed", "expired", "wrong-host"])
    func certificateChecked(_ certificate: String) throws {
        let bed = try ReportTestBed(rua: ["example.com": Self.record], httpsStatus: [Self.host: 200], certificate: certificate)
        let run = bed.run(sessions: [Self.day: [ReportTestBed.tally("example.com")]],
                          mail: SMTPSubmission(url: "smtp://127.0.0.1:9", uploader: bed.uploader))
        let actions = try run.send(days: [Self.day], now: Self.afterDay, force: false, journal: try bed.journal())
        #expect(actions.map(\.kind) == [.retrying])
        #expect(try bed.world.stats().httpsPosts[Self.host] == nil)
    }

    @Test("https rua URLs: host and port for our own resolver; anything else is refused", arguments: [
        ("https://reports.example.com/v1/tlsrpt", "reports.example.com", 443),
        ("HTTPS://Reports.Example.COM:8443", "reports.example.com", 8443),
        ("https://[2001:db8::1]:444/r", "2001:db8::1", 444),
        ("https://192.0.2.1/r?x=1", "192.0.2.1", 443),
    ])
    func endpoints(_ sample: (String, String, Int)) {
        let endpoint = ReportUploader.endpoint(of: sample.0)
        #expect(endpoint?.host == sample.1)
        #expect(endpoint?.port == sample.2)
    }

    @Test("malformed https rua URLs are refused", arguments: [
        "http://reports.example.com/", "https://", "https://user@host.example/", "https://host.example:0/",
        "https://host.example:99999/", "https://[2001:db8::1/", "https://host.example:port/",
    ])
    func badEndpoints(_ url: String) {
        #expect(ReportUploader.endpoint(of: url) == nil)
    }
}
