import Foundation
import MTASTSPolicy
import ReportSender
import TLSReport
import TLSSessions
import TestWorld
import Testing

@Suite("journal, catch-up, spread and loop safety", .serialized)
struct ScheduleTests {
    static let day = ReportTestBed.day
    static let host = "reports.example.com"

    @Test("missed days are caught up: one run sends the reports of the last catch_up_days days")
    func catchUp() throws {
        let bed = try ReportTestBed(rua: ["example.com": "v=TLSRPTv1; rua=https://reports.example.com/r"],
                                    httpsStatus: [Self.host: 200])
        let days = [Self.day, Self.day.adding(days: 1), Self.day.adding(days: 2)]
        let now = Self.day.adding(days: 3).start + 36_000
        #expect(ReportRun.days(now: now, catchUpDays: 3) == days)
        #expect(ReportRun.days(now: now, catchUpDays: 1) == [Self.day.adding(days: 2)])
        let run = bed.run(sessions: Dictionary(uniqueKeysWithValues: days.map { ($0, [ReportTestBed.tally("example.com")]) }),
                          mail: SMTPSubmission(url: "smtp://127.0.0.1:9", uploader: bed.uploader), spread: 7_200)
        let actions = try run.send(days: ReportRun.days(now: now, catchUpDays: 3), now: now, force: false, journal: try bed.journal())
        #expect(actions.map(\.kind) == [.sent, .sent, .sent])
        #expect(actions.map(\.day) == ["2026-11-24", "2026-11-25", "2026-11-26"])
        #expect(try bed.world.stats().httpsPosts[Self.host] == 3)
    }

    @Test("spread: a (domain, day) waits for its fixed slot in the window; the next run after it sends")
    func spread() throws {
        let bed = try ReportTestBed(rua: ["example.com": "v=TLSRPTv1; rua=https://reports.example.com/r"],
                                    httpsStatus: [Self.host: 200])
        let schedule = ReportSchedule(spreadSeconds: 7_200)
        let domain = ReportTestBed.domain("example.com")
        let due = schedule.due(domain: domain, day: Self.day)
        #expect(due == Self.day.end + 1 + schedule.offset(domain: domain, day: Self.day))
        let run = bed.run(sessions: [Self.day: [ReportTestBed.tally("example.com")]],
                          mail: SMTPSubmission(url: "smtp://127.0.0.1:9", uploader: bed.uploader), spread: 7_200)
        let early = try run.send(days: [Self.day], now: due - 1, force: false, journal: try bed.journal())
        #expect(early.map(\.kind) == [.notDue])
        #expect(early.first?.at == due)
        #expect(try bed.world.stats().httpsPosts[Self.host] == nil)
        let onTime = try run.send(days: [Self.day], now: due, force: false, journal: try bed.journal())
        #expect(onTime.map(\.kind) == [.sent])
    }

    @Test("spread offsets are stable, inside the window, and differ between domains and days")
    func spreadOffsets() throws {
        let schedule = ReportSchedule(spreadSeconds: 7_200)
        let domains = try (1...50).map { try DomainName(validating: "d\($0).example") }
        let offsets = domains.map { schedule.offset(domain: $0, day: Self.day) }
        #expect(offsets.allSatisfy { (0..<7_200).contains($0) })
        #expect(Set(offsets).count > 40)
        #expect(offsets == domains.map { schedule.offset(domain: $0, day: Self.day) })
        #expect(offsets != domains.map { schedule.offset(domain: $0, day: Self.day.adding(days: 1)) })
        #expect(ReportSchedule(spreadSeconds: 0).offset(domain: domains[0], day: Self.day) == 0)
    }

    @Test("ignored domains are never reported to, and domains without a valid record get no report")
    func ignoredAndWithoutRecord() throws {
        let bed = try ReportTestBed(rua: ["example.com": "v=TLSRPTv1; rua=https://reports.example.com/r",
                                          "bad.example": "v=TLSRPTv1; rua=postmaster@bad.example"],
                                    httpsStatus: [Self.host: 200])
        let tallies = ["example.com", "none.example", "bad.example"].map { ReportTestBed.tally($0) }
        let run = bed.run(sessions: [Self.day: tallies], mail: SMTPSubmission(url: "smtp://127.0.0.1:9", uploader: bed.uploader),
                          ignoredDomains: ["Example.COM."])
        let actions = try run.send(days: [Self.day], now: Self.day.end + 60, force: false, journal: try bed.journal())
        #expect(actions.map(\.kind) == [.noDestination, .ignored, .noDestination])
        #expect(actions.map(\.domain) == ["bad.example", "example.com", "none.example"])
        #expect(try bed.world.stats().httpsPosts[Self.host] == nil)
        let again = try run.send(days: [Self.day], now: Self.day.end + 120, force: false, journal: try bed.journal())
        #expect(again.map(\.kind) == [.alreadyDone, .ignored, .alreadyDone], "no-destination is remembered for the day")
    }

    @Test("after a crash: a 'sending' entry is sent again, a 'handed-over' one (sendmail had the whole mail) is not")
    func crashStates() throws {
        let bed = try ReportTestBed(rua: ["a.example": "v=TLSRPTv1; rua=https://reports.example.com/a",
                                          "b.example": "v=TLSRPTv1; rua=https://reports.example.com/b"],
                                    httpsStatus: [Self.host: 200])
        let identity = ReportTestBed.identity
        do {
            let journal = try bed.journal()
            for (name, state) in [("a.example", JournalEntry.State.sending), ("b.example", .handedOver)] {
                try journal.record(JournalEntry(
                    domain: name, day: "\(Self.day)", rua: "https://reports.example.com/\(name.prefix(1))",
                    reportID: identity.reportID(domain: ReportTestBed.domain(name), day: Self.day),
                    state: state, attempts: 1, firstAttempt: Self.day.end + 10))
            }
        }
        let run = bed.run(sessions: [Self.day: [ReportTestBed.tally("a.example"), ReportTestBed.tally("b.example")]],
                          mail: SMTPSubmission(url: "smtp://127.0.0.1:9", uploader: bed.uploader))
        let actions = try run.send(days: [Self.day], now: Self.day.end + 100, force: false, journal: try bed.journal())
        #expect(actions.map(\.kind) == [.sent, .alreadyDone])
        #expect(try bed.world.stats().httpsPosts[Self.host] == 1)
        #expect(try bed.journal().all.first?.attempts == 2)
    }

    @Test("the journal lock keeps a second run out while one is running")
    func lock() throws {
        let state = try TemporaryDirectory()
        let first = try ReportJournal(directory: state.path)
        #expect(throws: JournalError.self) { try ReportJournal(directory: state.path) }
        _ = first
    }

    @Test("a damaged journal is an error naming the file, not a crash or a silent reset")
    func damagedJournal() throws {
        let state = try TemporaryDirectory()
        try "{not json".write(toFile: state.file("tlsrpt-journal.json"), atomically: true, encoding: .utf8)
        let error = try #require(throws: JournalError.self) { try ReportJournal(directory: state.path) }
        #expect(error.description.contains("tlsrpt-journal.json is not a journal"))
    }
}
