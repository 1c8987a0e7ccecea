import ArgumentParser
import Discovery
import Foundation
import HTTPSFetch
import JSONText
import Logging
import MTASTSConfig
import MTASTSPolicy
import PolicyStore
import ReportSender
import TLSReport
import TLSSessions

/// `mtasts report [--date D] [--dry-run DIR] [--force] [--sessions FILE]`: builds the daily
/// TLS reports (RFC 8460) and sends those whose time has come, each exactly once.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Send the daily TLS reports (RFC 8460) to the recipient domains that ask for them.",
        discussion: """
            Without --date, the last report.catch_up_days days (not today) are handled. Each report goes \
            to every rua of the domain's _smtp._tls record once; a journal in state.directory remembers \
            what was sent. Exit 0: done (or nothing due); 4: a send failed and is retried later; \
            2: usage or configuration error.
            """)

    @Option(name: .long, help: ArgumentHelp("Report only this UTC day.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .customLong("dry-run"), help: ArgumentHelp(
        "Write each report (.json.gz) and each would-be mail (.eml) to this directory; send nothing.",
        valueName: "dir"))
    var dryRun: String?

    @Flag(name: .long, help: "Send again reports already sent or given up, without waiting for their slot.")
    var force = false

    @Option(name: .long, help: ArgumentHelp(
        "Take the sessions from this JSON file instead of Exim's logs (see docs/tlsrpt.md).", valueName: "file"))
    var sessions: String?

    @Option(name: .long, help: .hidden)
    var now: Int64?

    @OptionGroup var options: GlobalOptions

    @OptionGroup var writer: WriterOptions

    func run() throws {
        try writer.begin(command: "report")
        let configuration = try options.loadConfiguration()
        let now = self.now ?? SystemWallClock().now()
        let job = try ReportJob(configuration: configuration, sessionsFile: sessions)
        let days: [UTCDay]
        if let date {
            guard let day = UTCDay(date) else { throw CommandFailure("--date \(date) is not a date (YYYY-MM-DD)") }
            days = [day]
        } else {
            days = ReportRun.days(now: now, catchUpDays: configuration.report.catchUpDays)
        }
        let clock = ContinuousClock.now
        let actions = try job.run(days: days, now: now, force: force, dryRun: dryRun)
        if dryRun == nil {
            JobMetrics(configuration: configuration).record(
                JobRun(job: "report", succeeded: !ReportJob.anyFailed(actions), started: now,
                       seconds: Log.elapsed(since: clock), counts: Self.counts(actions)), now: SystemWallClock().now())
        }
        Self.log(actions)
        writeStandardOutput(options.json ? Self.json(actions).rendered : Self.text(actions))
        if ReportJob.anyFailed(actions) { throw ExitCode(ExitStatus.failure) }
    }

    /// Reports sent and failed, for the metrics.
    static func counts(_ actions: [ReportAction]) -> [(String, Int)] {
        [("sent", actions.filter { $0.kind == .sent }.count), ("failed", actions.filter { ReportJob.anyFailed([$0]) }.count)]
    }

    /// One log line per send: failures at warning, the rest at info.
    static func log(_ actions: [ReportAction]) {
        let logger = Log.shared
        for action in actions {
            var metadata: Logger.Metadata = ["domain": .string(action.domain), "day": .string(action.day),
                                             "outcome": .string(action.kind.rawValue)]
            if !action.rua.isEmpty { metadata["rua"] = .string(action.rua) }
            if let message = action.message { metadata["reason"] = .string(message) }
            if ReportJob.anyFailed([action]) {
                logger.warning("report: send failed", metadata: metadata)
            } else {
                logger.info("report: send", metadata: metadata)
            }
        }
    }

    static func text(_ actions: [ReportAction]) -> String {
        if actions.isEmpty { return "no sessions to report\n" }
        return actions.map { action in
            var line = "\(action.day) \(action.domain)"
            if !action.rua.isEmpty { line += " \(action.rua)" }
            line += ": \(action.kind.rawValue)"
            if let at = action.at { line += " (\(Rendering.timestamp(at)))" }
            if let message = action.message { line += " — \(message)" }
            return line + "\n"
        }.joined()
    }

    static func json(_ actions: [ReportAction]) -> JSONValue {
        .object([("actions", .array(actions.map { action in
            .object([
                ("day", .string(action.day)),
                ("domain", .string(action.domain)),
                ("rua", action.rua.isEmpty ? .null : .string(action.rua)),
                ("action", .string(action.kind.rawValue)),
                ("report_id", .optional(action.reportID)),
                ("at", action.at.map { .string(Rendering.timestamp($0)) } ?? .null),
                ("message", .optional(action.message)),
            ])
        }))])
    }
}
