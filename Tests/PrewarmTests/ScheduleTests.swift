import MTASTSConfig
@testable import Prewarm
import Testing

/// `schedule:` parsing (strict, with line numbers) and due times.
@Suite("Schedules")
struct ScheduleTests {
    static let parsed: [(String, JobSchedule)] = [
        ("every 5m", .every(.seconds(300))),
        ("every 1m", .every(.seconds(60))),
        ("every 2h", .every(.seconds(7_200))),
        ("daily 02:30 UTC", .daily(minuteOfDay: 150)),
        ("daily 00:00 UTC", .daily(minuteOfDay: 0)),
        ("daily 23:59 UTC", .daily(minuteOfDay: 1_439)),
        ("off", .off),
    ]

    @Test("accepted forms", arguments: parsed)
    func accepts(_ row: (String, JobSchedule)) throws {
        #expect(try JobSchedule.parse(row.0).get() == row.1)
        #expect(row.1.description == row.0)
    }

    static let refused: [(yaml: String, message: String)] = [
        ("schedule:\n  learn: every 30s\n", #"c.yaml line 2: schedule.learn: "every 30s" is too frequent (at least every 1m)"#),
        ("schedule:\n  prewarm: every 15\n", #"c.yaml line 2: schedule.prewarm: "every 15" has an invalid interval (write "every 15m", "daily 02:30 UTC" or "off")"#),
        ("schedule:\n  prewarm: every  15m\n", #"c.yaml line 2: schedule.prewarm: "every  15m" is not a schedule (write "every 15m", "daily 02:30 UTC" or "off")"#),
        ("schedule:\n  report: daily 2:30 UTC\n", #"c.yaml line 2: schedule.report: "daily 2:30 UTC" has an invalid time of day (write HH:MM from 00:00 to 23:59)"#),
        ("schedule:\n  report: daily 24:00 UTC\n", #"c.yaml line 2: schedule.report: "daily 24:00 UTC" has an invalid time of day (write HH:MM from 00:00 to 23:59)"#),
        ("schedule:\n  report: daily 02:30\n", #"c.yaml line 2: schedule.report: "daily 02:30" is not a schedule (write "every 15m", "daily 02:30 UTC" or "off")"#),
        ("schedule:\n  report: daily 02:30 CET\n", #"c.yaml line 2: schedule.report: "daily 02:30 CET" must name the time zone UTC (write "every 15m", "daily 02:30 UTC" or "off")"#),
        ("schedule:\n\n  report: hourly\n", #"c.yaml line 3: schedule.report: "hourly" is not a schedule (write "every 15m", "daily 02:30 UTC" or "off")"#),
        ("schedule:\n  report: 5\n", "c.yaml line 2: schedule.report must be a string, not a number"),
        ("schedule:\n  tick: every 5m\n", #"c.yaml line 2: unknown key "tick" in "schedule" (known: learn, prewarm, report)"#),
        ("prewarm:\n  renew_before: 95%\n", #"c.yaml line 2: prewarm.renew_before: "95%" is out of range (write a percentage from 1% to 90%)"#),
        ("prewarm:\n  renew_before: 25\n", "c.yaml line 2: prewarm.renew_before: 25 has no unit (write 25% or a duration such as 25d)"),
        ("prewarm:\n  renew_before: 2x\n", #"c.yaml line 2: prewarm.renew_before: "2x" is neither a percentage of max_age (25%) nor a duration (2d)"#),
        ("prewarm:\n  concurrency: 0\n", "c.yaml line 2: prewarm.concurrency: 0 is out of range (write a whole number from 1 to 1024)"),
        ("prewarm:\n  domain_deadline: 1s\n", #"c.yaml line 2: prewarm.domain_deadline: "1s" is too short (at least 5s)"#),
    ]

    @Test("refused values name the line and key", arguments: refused)
    func refuses(_ row: (yaml: String, message: String)) throws {
        let error = try #require(throws: ConfigError.self) { try Configuration.parse(yaml: row.yaml, source: "c.yaml") }
        #expect(error.description == row.message)
    }

    @Test("prewarm and schedule sections decode")
    func decodes() throws {
        let configuration = try Configuration.parse(yaml: """
            prewarm:
              recheck_every: 1h
              renew_before: 2d
              no_policy_recheck: 12h
              failure_backoff_min: 1m
              failure_backoff_max: 1h
              concurrency: 8
              domain_deadline: 30s
            schedule:
              learn: "off"
              prewarm: every 10m
              report: daily 04:15 UTC
            """, source: "c.yaml")
        #expect(configuration.prewarm == PrewarmSettings(
            recheckEvery: .seconds(3_600), renewBefore: .duration(.seconds(172_800)), noPolicyRecheck: .seconds(43_200),
            failureBackoffMin: .seconds(60), failureBackoffMax: .seconds(3_600), concurrency: 8, domainDeadline: .seconds(30)))
        #expect(configuration.schedule == ScheduleSettings(learn: .off, prewarm: .every(.seconds(600)),
                                                           report: .daily(minuteOfDay: 255)))
        #expect(Configuration().prewarm.renewBefore == .percent(25))
    }

    static let day: Int64 = 86_400
    static let midnight: Int64 = 1_800_000_000 - 1_800_000_000 % 86_400

    static let dueTimes: [(JobSchedule, Int64?, Int64?)] = [
        (.every(.seconds(300)), nil, midnight),
        (.every(.seconds(300)), midnight - 10, midnight + 290),
        (.daily(minuteOfDay: 150), nil, midnight),
        (.daily(minuteOfDay: 150), midnight + 100, midnight + 9_000),            // later today
        (.daily(minuteOfDay: 150), midnight + 9_000, midnight + day + 9_000),    // ran at 02:30: tomorrow
        (.daily(minuteOfDay: 150), midnight - 3_600, midnight + 9_000),
        (.off, nil, nil),
    ]

    @Test("next due", arguments: dueTimes)
    func nextDue(_ row: (JobSchedule, Int64?, Int64?)) {
        #expect(row.0.nextDue(lastRun: row.1, now: Self.midnight) == row.2)
    }

    @Test("due jobs and the state file")
    func dueJobs() throws {
        let settings = ScheduleSettings()
        var state = ScheduleState()
        #expect(JobScheduler.due(settings, runs: state, now: Self.midnight) == [.learn, .prewarm, .report])
        for job in ScheduledJob.allCases { state.lastRun[job] = Self.midnight }
        #expect(JobScheduler.due(settings, runs: state, now: Self.midnight + 60).isEmpty)
        #expect(JobScheduler.due(settings, runs: state, now: Self.midnight + 300) == [.learn])
        #expect(JobScheduler.nextDue(settings, runs: state, now: Self.midnight + 60) == Self.midnight + 300)
        #expect(try ScheduleState.parse(state.text, path: "s") == state)
        let error = try #require(throws: PrewarmError.self) { try ScheduleState.parse("learn x\n", path: "/s/schedule") }
        #expect(error.description == #"/s/schedule line 1 is not "<job> <unix seconds>"; delete the file to reset the schedule"#)
    }
}
