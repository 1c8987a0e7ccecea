import ArgumentParser
import Discovery
import Foundation
import HTTPSFetch
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

    func run() throws {
        let configuration = try options.loadConfiguration()
        let settings = configuration.report
        guard let organization = settings.organization, let contact = settings.contact else {
            throw CommandFailure("report.organization and report.contact must be set in the configuration to send TLS reports",
                                 status: ExitStatus.usage)
        }
        let now = self.now ?? SystemWallClock().now()
        let days: [UTCDay]
        if let date {
            guard let day = UTCDay(date) else { throw CommandFailure("--date \(date) is not a date (YYYY-MM-DD)") }
            days = [day]
        } else {
            days = ReportRun.days(now: now, catchUpDays: settings.catchUpDays)
        }
        let services = Services(configuration: configuration)
        let store: any PolicyStore = FileManager.default.fileExists(atPath: configuration.cache.path)
            ? try services.store(.readOnly) : MemoryPolicyStore()
        let source = try sessionSource(configuration, store: store)
        let discoveryFailures = JournalDiscoveryFailures(
            journal: FileDiscoveryFailureJournal(directory: configuration.state.directory), store: store)
        let dns = ResolverReportDNS(resolver: try services.resolver())
        let uploader = ReportUploader(caFile: configuration.https.caFile, connectTimeout: configuration.https.connectTimeout,
                                      timeout: configuration.https.timeout,
                                      userAgent: "mtasts/\(MTASTSCommand.configuration.version)")
        let mail: any MailSubmission = settings.smtp.map { SMTPSubmission(url: $0, uploader: uploader) }
            ?? SendmailSubmission(program: settings.sendmail, spoolDirectory: configuration.state.directory)
        let identity = ReportIdentity(organization: organization, contact: contact, submitter: settings.submitter)
        let run = ReportRun(
            builder: ReportBuilder(identity: identity), from: settings.from ?? contact, bcc: settings.bcc,
            ignoredDomains: settings.ignoreDomains,
            schedule: ReportSchedule(spreadSeconds: settings.spread.components.seconds),
            sessions: source, policies: store, discoveryFailures: discoveryFailures,
            dns: dns, mail: mail, poster: CurlReportPoster(uploader: uploader, dns: dns))

        let actions: [ReportAction]
        do {
            if let dryRun {
                actions = try run.write(days: days, now: now, to: dryRun)
            } else {
                let journal = try ReportJournal(directory: configuration.state.directory)
                actions = try run.send(days: days, now: now, force: force, journal: journal)
                let keepFrom = UTCDay(containing: now).adding(days: -(settings.catchUpDays + 7))
                try journal.prune(before: "\(keepFrom)")
            }
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        writeStandardOutput(options.json ? Self.json(actions).rendered() : Self.text(actions))
        if actions.contains(where: { [.retrying, .gaveUp, .lookupFailed].contains($0.kind) }) {
            throw ExitCode(ExitStatus.failure)
        }
    }

    /// `--sessions FILE`, else Exim's main logs (`learn.exim_logs`) read by ``SessionReader``.
    private func sessionSource(_ configuration: Configuration, store: any PolicyStore) throws -> any SessionSource {
        guard let sessions else {
            let settings = configuration.report
            guard let timezone = SessionTimeZone(configured: settings.timezone) else {
                throw CommandFailure("report.timezone \"\(settings.timezone)\" is not UTC, local, an offset or a time zone name",
                                     status: ExitStatus.usage)
            }
            // Our own report mail (sent from report.from) is never counted (RFC 8460 §5.3).
            let ignored = settings.ignoreSenders + [settings.from ?? settings.contact].compactMap { $0 }
            return SessionReader(logs: configuration.learn.eximLogs, timezone: timezone, ignoreSenders: ignored,
                                 hadPolicy: { domain, day in Self.hadPolicy(domain, on: day, in: store) })
        }
        do {
            return try SessionsFile(path: sessions)
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
    }

    /// Whether `domain` had an MTA-STS policy in mode enforce or testing in force during `day`
    /// (RFC 8461 §5): then a `CV=no` or clear-text delivery to it is a failed session.
    static func hadPolicy(_ domain: DomainName, on day: UTCDay, in store: any PolicyStore) -> Bool {
        guard let policy = (try? store.entry(for: domain))??.policy, policy.mode != .none else { return false }
        return ReportBuilder.applied(policy, on: day)
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
