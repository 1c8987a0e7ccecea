import Foundation
import Gzip
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
}
