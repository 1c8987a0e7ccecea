import Foundation
import MTASTSPolicy
import Testing
import TestWorld
@testable import TLSSessions

/// UTC conversion (a zone in the line wins over the configured one) and the day's files:
/// rotated generations, compressed ones, lines on both sides of midnight.
@Suite("Time zones, day boundaries and rotated logs")
struct TimeAndRotationTests {
    /// Written by the real Exim 4.96 without log_timezone (local times, no offset) at 09:24 UTC.
    static var zonelessLog: String {
        Fixture.directory + "/../EximLog/exim-default.log"
    }

    func read(_ logs: [String], _ zone: SessionTimeZone, day: UTCDay, ignore: [String] = []) throws -> DailySessions {
        try SessionReader(logs: logs, timezone: zone, ignoreSenders: ignore, hadPolicy: { _, _ in false }).read(day: day)
    }

    @Test func aZoneInTheLineWinsOverTheConfiguredOne() throws {
        let log = Fixture.path("exim-tls.log") // every line carries +0000
        let utc = try read([log], .fixedOffset(seconds: 0), day: Fixture.day)
        let far = try read([log], .fixedOffset(seconds: 14 * 3_600), day: Fixture.day)
        #expect(utc == far)
        #expect(!utc.tallies.isEmpty)
    }

    @Test(arguments: [
        // (configured zone, UTC day holding the 09:24 local-time lines)
        (SessionTimeZone.fixedOffset(seconds: 0), "2026-11-25"),
        (.fixedOffset(seconds: 10 * 3_600), "2026-11-24"),     // 09:24+10:00 = 23:24Z the day before
        (.fixedOffset(seconds: -15 * 3_600), "2026-11-26"),    // 09:24-15:00 = 00:24Z the day after
        (.named("Pacific/Auckland"), "2026-11-24"),            // NZDT, +13:00 in November
        (.named("America/New_York"), "2026-11-25"),            // EST, -05:00
    ])
    func theConfiguredZoneInterpretsZonelessLines(_ zone: SessionTimeZone, _ expected: String) throws {
        let day = try #require(UTCDay(expected))
        let sessions = try read([Self.zonelessLog], zone, day: day)
        // bob@example.com and one@example.org (its two further recipients are the same session).
        #expect(sessions.successes("example.com") == 1)
        #expect(sessions.successes("example.org") == 1)
        #expect(try read([Self.zonelessLog], zone, day: day.adding(days: 1)).tallies.isEmpty)
        #expect(try read([Self.zonelessLog], zone, day: day.adding(days: -1)).tallies.isEmpty)
    }

    @Test(arguments: [
        ("UTC", SessionTimeZone.fixedOffset(seconds: 0)), ("+02:00", .fixedOffset(seconds: 7_200)),
        ("-0530", .fixedOffset(seconds: -19_800)), ("system", .system), ("Europe/Berlin", .named("Europe/Berlin")),
    ])
    func configuredZonesParse(_ text: String, _ expected: SessionTimeZone) {
        #expect(SessionTimeZone(configured: text) == expected)
    }

    @Test(arguments: ["Mars/Olympus", "+25:00", "+1", "utc+1"])
    func badZonesAreRefused(_ text: String) {
        #expect(SessionTimeZone(configured: text) == nil)
    }

    /// Real Exim lines (exim-tls.log) with their date and time rewritten by this test, spread
    /// over three generations: `mainlog.2.gz` (day before and midnight), `mainlog.1`, `mainlog`.
    @Test func aDayIsReadAcrossRotatedAndCompressedGenerations() throws {
        let scratch = ScratchDirectory()
        let real = try String(contentsOfFile: Fixture.path("exim-tls.log"), encoding: .utf8)
            .split(separator: "\n").map { String($0.dropFirst(19)) } // without "YYYY-MM-DD HH:MM:SS"
        func lines(_ stamp: String, _ range: Range<Int>) -> String {
            real[range].map { stamp + $0 + "\n" }.joined()
        }
        let good = real.indices.filter { real[$0].contains("=> a@good.enforce") }
        let arrival = try #require(good.first) - 1 // its "<=" line
        let delivery = try #require(good.first)
        // Days 22 and 23: deliveries that must not count for day 24.
        var old = lines("2026-11-22 10:00:00", arrival..<delivery + 1)
        old += lines("2026-11-23 23:59:59", arrival..<delivery + 1)
        // Day 24 right after midnight, still in the oldest (compressed) generation.
        old += lines("2026-11-24 00:00:00", arrival..<delivery + 1)
        let middle = lines("2026-11-24 12:00:00", arrival..<delivery + 1)
        // The current log: the last day-24 delivery, then day 25.
        let current = lines("2026-11-24 23:59:59", arrival..<delivery + 1) + lines("2026-11-25 00:00:00", arrival..<delivery + 1)
        let log = scratch.path + "/mainlog"
        _ = scratch.write("mainlog.2", old)
        try gzip(log + ".2")
        _ = scratch.write("mainlog.1", middle)
        _ = scratch.write("mainlog", current)
        // An older generation, entirely before the window: only its first line is looked at.
        _ = scratch.write("mainlog.3", lines("2026-11-01 00:00:00", arrival..<delivery + 1))
        try gzip(log + ".3")

        let day24 = try #require(UTCDay("2026-11-24"))
        let sessions = try read([log], .fixedOffset(seconds: 0), day: day24)
        #expect(sessions.successes("good.enforce") == 3)
        let reader = SessionReader(logs: [log], hadPolicy: { _, _ in false })
        #expect(try reader.files(from: day24.start - 86_400, to: day24.end) == [log + ".2.gz", log + ".1", log])
        #expect(try reader.files(from: day24.start + 86_400, to: day24.end + 86_400) == [log])
        #expect(try read([log], .fixedOffset(seconds: 0), day: day24.adding(days: 1)).successes("good.enforce") == 1)
    }

    /// An ignored sender's message that arrived the day before is still recognised.
    @Test func ignoredSendersArrivalTheDayBefore() throws {
        let scratch = ScratchDirectory()
        let text = """
        2026-11-24 23:59:58 +0000 1xWaaa-000001-AA <= tlsrpt-noreply@sender.test U=root P=local S=300
        2026-11-24 23:59:59 +0000 1xWaaa-000001-AA == r@wronghost.enforce R=enforce T=remote_smtp_mtasts_enforce defer (-37) H=mx.wronghost.test [127.93.0.3]:25: TLS session: (certificate verification failed)
        2026-11-25 00:30:00 +0000 1xWaaa-000001-AA == r@wronghost.enforce R=enforce T=remote_smtp_mtasts_enforce defer (-37) H=mx.wronghost.test [127.93.0.3]:25: TLS session: (certificate verification failed)
        2026-11-25 00:30:00 +0000 1xWaab-000002-BB == s@wronghost.enforce R=enforce T=remote_smtp_mtasts_enforce defer (-37) H=mx.wronghost.test [127.93.0.3]:25: TLS session: (certificate verification failed)

        """
        let log = scratch.write("mainlog", text)
        let ignoring = try read([log], .system, day: Fixture.day, ignore: ["tlsrpt-noreply@sender.test"])
        #expect(ignoring.failures("wronghost.enforce", .certificateHostMismatch) == 1)
        let counting = try read([log], .system, day: Fixture.day)
        #expect(counting.failures("wronghost.enforce", .certificateHostMismatch) == 2)
    }

    func gzip(_ path: String) throws {
        let gzip = try ChildProcess("/bin/gzip", ["-n", path]).run()
        #expect(gzip.status == 0, "\(gzip.stderr)")
    }
}
