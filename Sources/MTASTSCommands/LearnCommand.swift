import ArgumentParser
import Discovery
import DomainSet
import JSONText
import Foundation
import Logging
import PolicyStore
import Prewarm

/// `mtasts learn [--json]`: reads the Exim main log lines added since the last run and records
/// the recipient domains of remote deliveries in the cache (`D:learned`).
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Learn recipient domains from the new lines of Exim's main logs (learn.exim_logs).",
        discussion: """
            Remote deliveries (=>, ->), deferrals (==) and failures (**) naming a host (H=) teach \
            the domain of the routed address; D:learned is the line's time. Read positions are \
            kept in <state.directory>/exim-log-positions. Learned domains not seen for \
            learn.forget_after are forgotten. Exit 0: done; 4: a log could not be read (the \
            others were); 2: usage, configuration, cache or state-file error.
            """)

    @OptionGroup var options: GlobalOptions

    @OptionGroup var writer: WriterOptions

    func run() throws {
        try writer.begin(command: "learn")
        let configuration = try options.loadConfiguration()
        let cache = try Services(configuration: configuration).store(.readWrite)
        let report: LearnReport
        let started = SystemWallClock().now()
        let clock = ContinuousClock.now
        do {
            report = try LogLearner(configuration: configuration, store: cache).learn(now: started)
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        JobMetrics(configuration: configuration).record(
            JobRun(job: "learn", succeeded: report.problems.isEmpty, started: started,
                   seconds: Log.elapsed(since: clock), counts: Self.counts(report)), now: SystemWallClock().now())
        Self.logNewDomains(report)
        for missing in report.missingLogs { writeStandardError("mtasts: warning: \(missing) does not exist\n") }
        for problem in report.problems { writeStandardError("mtasts: \(problem)\n") }
        writeStandardOutput(options.json ? Self.json(report).rendered : Self.text(report))
        if !report.problems.isEmpty { throw ExitCode(ExitStatus.failure) }
    }

    /// One debug line (`--verbose`) per newly learned and per forgotten domain.
    static func logNewDomains(_ report: LearnReport) {
        let logger = Log.shared
        for domain in report.newDomains { logger.debug("learn: new domain", metadata: ["domain": .string(domain.value)]) }
        for domain in report.forgottenDomains { logger.debug("learn: forgotten", metadata: ["domain": .string(domain.value)]) }
    }

    /// What a learn run counted, for the metrics.
    static func counts(_ report: LearnReport) -> [(String, Int)] {
        [("lines_read", report.linesRead), ("domains_seen", report.domainsLearned.count),
         ("domains_new", report.newDomains.count), ("domains_forgotten", report.forgottenDomains.count),
         ("problems", report.problems.count)]
    }

    static func json(_ report: LearnReport) -> JSONValue {
        .object([
            ("lines_read", .int(Int64(report.linesRead))),
            ("lines_parsed", .int(Int64(report.linesParsed))),
            ("lines_skipped", .int(Int64(report.linesSkipped))),
            ("remote_delivery_lines", .int(Int64(report.remoteDeliveryLines))),
            ("domains_learned", .int(Int64(report.domainsLearned.count))),
            ("domains_new", .array(report.newDomains.map { .string($0.value) })),
            ("domains_forgotten", .array(report.forgottenDomains.map { .string($0.value) })),
            ("files", .array(report.files.map {
                .object([("path", .string($0.path)), ("from", .int(Int64($0.fromOffset))),
                         ("to", .int(Int64($0.toOffset))), ("lines", .int(Int64($0.lines)))])
            })),
            ("missing_logs", .array(report.missingLogs.map(JSONValue.string))),
            ("problems", .array(report.problems.map(JSONValue.string))),
        ])
    }

    static func text(_ report: LearnReport) -> String {
        var lines = [
            "read \(report.linesRead) line(s) from \(report.files.count) file(s): \(report.linesParsed) parsed, "
                + "\(report.linesSkipped) skipped, \(report.remoteDeliveryLines) remote deliveries",
            "learned \(report.domainsLearned.count) domain(s), \(report.newDomains.count) new, "
                + "forgot \(report.forgottenDomains.count)",
        ]
        lines += report.files.map { "  \($0.path): bytes \($0.fromOffset)-\($0.toOffset), \($0.lines) line(s)" }
        lines += report.newDomains.map { "  new: \($0)" }
        lines += report.forgottenDomains.map { "  forgotten: \($0)" }
        return lines.joined(separator: "\n")
    }
}
