import ArgumentParser
import Discovery
import DomainSet
import JSONText
import Prewarm

/// `mtasts status [--json]`: the prewarmer, the cache and the reports on one screen, read-only.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the cache, the tracked domains, the scheduled jobs and recent failures (read-only).",
        discussion: """
            One read pass over the cache. Domains by source (config, file, learned, miss) and by \
            state (enforce, testing, none, dane, no_policy, failing, not_fetched); policies \
            expiring within 24 hours; the oldest renewal lag; the last learn, prewarm and report \
            runs of `mtasts tick`/`run` with their results; recent failures (the cache's last \
            checks and the discovery-failure journal); the report journal per day. Colours only \
            on a terminal (NO_COLOR honoured). Exit 0; 2 for a configuration or cache error.
            """)

    @OptionGroup var options: GlobalOptions

    /// How many failures the text shows.
    static let failuresShown = 10
    /// The longest lists in the JSON (their full lengths are given beside them).
    static let jsonListLimit = 100

    func run() throws {
        let configuration = try options.loadConfiguration()
        let snapshot = try StatusSnapshot.gather(configuration: configuration, now: SystemWallClock().now())
        writeStandardOutput(options.json ? Self.json(snapshot).rendered
                                         : Self.text(snapshot, style: .forStandardOutput()))
    }

    static func text(_ status: StatusSnapshot, style: TerminalStyle) -> String {
        let census = status.census
        let now = status.now
        var lines: [String] = []
        let size = status.cacheBytes.map { "\($0) bytes" } ?? "missing"
        lines.append(style.bold("cache") + " \(status.cachePath) (\(size)): \(census.cachedDomains) domain(s)")
        lines.append(style.bold("tracked") + " \(census.trackedDomains) domain(s); by source: "
                     + DomainSource.allCases.map { "\($0.rawValue) \(census.bySource[$0] ?? 0)" }.joined(separator: ", "))
        lines.append("  by state: " + CacheCensus.State.allCases.map { state in
            let text = "\(state.rawValue) \(census.byState[state] ?? 0)"
            return state == .failing && (census.byState[state] ?? 0) > 0 ? style.bad(text) : text
        }.joined(separator: ", "))
        lines.append("  expiring within 24h: \(census.expiringSoon.count)"
                     + census.expiringSoon.prefix(5).map { " \($0.domain) (\(Rendering.timestamp($0.expire)))" }.joined(separator: ","))
        if let lag = census.oldestLag, lag.seconds > 0 {
            lines.append("  oldest renewal lag: " + style.warn("\(Rendering.duration(lag.seconds)) (\(lag.domain))"))
        } else {
            lines.append("  oldest renewal lag: " + style.good("none (nothing overdue)"))
        }
        lines.append("  lookup misses since the last prewarm: \(census.recentMisses)")
        lines.append(style.bold("jobs") + " (mtasts tick / run):")
        for job in ScheduledJob.allCases {
            guard let last = status.schedule.lastRun[job] else {
                lines.append("  \(job.rawValue): never ran")
                continue
            }
            var line = "  \(job.rawValue): \(Rendering.timestamp(last)) (\(Rendering.duration(now - last)) ago)"
            if let result = status.schedule.results[job] {
                line += " " + (result.succeeded ? style.good("ok") : style.bad("failed")) + (result.line.isEmpty ? "" : ": \(result.line)")
            }
            lines.append(line)
        }
        lines.append(style.bold("failures") + ": \(census.failures.count) domain(s) failing")
        for failure in census.failures.prefix(failuresShown) {
            lines.append("  " + style.bad(failure.domain) + " \(Rendering.timestamp(failure.at)) \(failure.type)"
                         + (failure.consecutive > 1 ? " ×\(failure.consecutive)" : "") + ": \(failure.reason)")
        }
        if !status.journalFailures.isEmpty {
            lines.append("  discovery-failure journal (today and yesterday): \(status.journalFailures.count) record(s)")
            for record in status.journalFailures.prefix(failuresShown) {
                lines.append("    \(Rendering.timestamp(record.time)) \(record.domain) \(record.resultType): \(record.detail)")
            }
        }
        lines.append(style.bold("reports") + (status.reportDays.isEmpty ? ": none journaled" : " (per day: sent / pending / failed):"))
        for day in status.reportDays.prefix(7) {
            let failed = day.failed > 0 ? style.bad("\(day.failed) failed") : "0 failed"
            lines.append("  \(day.day): \(day.sent) sent, \(day.pending) pending, \(failed)")
        }
        lines += status.problems.map { style.warn("problem: \($0)") }
        return lines.joined(separator: "\n")
    }

    static func json(_ status: StatusSnapshot) -> JSONValue {
        let census = status.census
        func count(_ value: Int?) -> JSONValue { .int(Int64(value ?? 0)) }
        let jobs: [(String, JSONValue)] = ScheduledJob.allCases.map { job in
            let result = status.schedule.results[job]
            return (job.rawValue, .object([
                ("last_run", status.schedule.lastRun[job].map { .int($0) } ?? .null),
                ("succeeded", result.map { .bool($0.succeeded) } ?? .null),
                ("result", .optional(result?.line)),
            ]))
        }
        return .object([
            ("now", .int(status.now)),
            ("cache", .object([("path", .string(status.cachePath)), ("bytes", status.cacheBytes.map { .int($0) } ?? .null),
                               ("domains", count(census.cachedDomains))])),
            ("tracked", count(census.trackedDomains)),
            ("by_source", .object(DomainSource.allCases.map { ($0.rawValue, count(census.bySource[$0])) })),
            ("by_state", .object(CacheCensus.State.allCases.map { ($0.rawValue, count(census.byState[$0])) })),
            ("expiring_24h_count", count(census.expiringSoon.count)),
            ("expiring_24h", .array(census.expiringSoon.prefix(jsonListLimit).map { .object([("domain", .string($0.domain)), ("expire", .int($0.expire))]) })),
            ("oldest_renewal_lag", census.oldestLag.map { .object([("domain", .string($0.domain)), ("seconds", .int($0.seconds))]) } ?? .null),
            ("lookup_misses_since_prewarm", count(census.recentMisses)),
            ("jobs", .object(jobs)),
            ("failing_count", count(census.failures.count)),
            ("failures", .array(census.failures.prefix(jsonListLimit).map { failure in
                .object([("domain", .string(failure.domain)), ("checked", .int(failure.at)), ("type", .string(failure.type)),
                         ("reason", .string(failure.reason)), ("consecutive", .int(Int64(failure.consecutive)))])
            })),
            ("journal_failures", .array(status.journalFailures.prefix(jsonListLimit).map { record in
                .object([("time", .int(record.time)), ("domain", .string(record.domain.value)),
                         ("result_type", .string(record.resultType)), ("detail", .string(record.detail))])
            })),
            ("reports", .array(status.reportDays.map { day in
                .object([("day", .string(day.day)), ("sent", count(day.sent)), ("pending", count(day.pending)), ("failed", count(day.failed))])
            })),
            ("problems", .array(status.problems.map(JSONValue.string))),
        ])
    }
}
