import Discovery
import Foundation
import HTTPSFetch
import MTASTSConfig
import MTASTSPolicy
import PolicyStore
import ReportSender
import TLSReport
import TLSSessions

/// The daily TLS report run (RFC 8460) built from the configuration: shared by `mtasts report`
/// and the scheduler's `report` job (`tick`, `run`).
struct ReportJob {
    let configuration: Configuration
    let run: ReportRun

    /// Whether the configuration names who sends reports (RFC 8460 §4.4 `organization-name`,
    /// `contact-info`); without them no report can be built.
    static func isConfigured(_ configuration: Configuration) -> Bool {
        configuration.report.organization != nil && configuration.report.contact != nil
    }

    init(configuration: Configuration, sessionsFile: String? = nil) throws {
        let settings = configuration.report
        guard let organization = settings.organization, let contact = settings.contact else {
            throw CommandFailure("report.organization and report.contact must be set in the configuration to send TLS reports",
                                 status: ExitStatus.usage)
        }
        self.configuration = configuration
        let services = Services(configuration: configuration)
        let store: any PolicyStore = FileManager.default.fileExists(atPath: configuration.cache.path)
            ? try services.store(.readOnly) : MemoryPolicyStore()
        let source = try Self.sessionSource(configuration, file: sessionsFile, store: store)
        let discoveryFailures = JournalDiscoveryFailures(
            journal: FileDiscoveryFailureJournal(directory: configuration.state.directory), store: store)
        let dns = ResolverReportDNS(resolver: try services.resolver())
        let uploader = ReportUploader(caFile: configuration.https.caFile, connectTimeout: configuration.https.connectTimeout,
                                      timeout: configuration.https.timeout,
                                      userAgent: "mtasts/\(MTASTSCommand.configuration.version)")
        let mail: any MailSubmission = settings.smtp.map { SMTPSubmission(url: $0, uploader: uploader) }
            ?? SendmailSubmission(program: settings.sendmail, spoolDirectory: configuration.state.directory)
        let identity = ReportIdentity(organization: organization, contact: contact, submitter: settings.submitter)
        run = ReportRun(
            builder: ReportBuilder(identity: identity), from: settings.from ?? contact, bcc: settings.bcc,
            ignoredDomains: settings.ignoreDomains,
            schedule: ReportSchedule(spreadSeconds: settings.spread.components.seconds),
            sessions: source, policies: store, discoveryFailures: discoveryFailures,
            dns: dns, mail: mail, poster: CurlReportPoster(uploader: uploader, dns: dns))
    }

    /// Sends what is due for `days` (or, with `dryRun`, writes the reports and mails there),
    /// keeping the exactly-once journal in `state.directory`.
    func run(days: [UTCDay], now: Int64, force: Bool, dryRun: String? = nil) throws -> [ReportAction] {
        do {
            if let dryRun { return try run.write(days: days, now: now, to: dryRun) }
            let journal = try ReportJournal(directory: configuration.state.directory)
            let actions = try run.send(days: days, now: now, force: force, journal: journal)
            let keepFrom = UTCDay(containing: now).adding(days: -(configuration.report.catchUpDays + 7))
            try journal.prune(before: "\(keepFrom)")
            return actions
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
    }

    /// Whether any send failed (it is retried on a later run).
    static func anyFailed(_ actions: [ReportAction]) -> Bool {
        actions.contains { [.retrying, .gaveUp, .lookupFailed].contains($0.kind) }
    }

    /// `--sessions FILE`, else Exim's main logs (`learn.exim_logs`) read by ``SessionReader``.
    private static func sessionSource(_ configuration: Configuration, file: String?, store: any PolicyStore) throws -> any SessionSource {
        guard let file else {
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
            return try SessionsFile(path: file)
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
}
