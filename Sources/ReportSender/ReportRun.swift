import Foundation
import HTTPSFetch
import MTASTSPolicy
import PolicyStore
import TLSReport
import TLSSessions

/// One `mtasts report` run: for each day, each domain with sessions gets its report built and
/// sent to every rua whose time has come, with the journal making each send happen once.
/// Time comes in as `now`; nothing here reads the clock.
public struct ReportRun: Sendable {
    public var builder: ReportBuilder
    public var from: String
    public var bcc: String?
    /// Recipient domains never reported to (loop safety), lower case.
    public var ignoredDomains: Set<String>
    public var schedule: ReportSchedule
    public var sessions: any SessionSource
    public var policies: any PolicyStore
    public var discoveryFailures: any DiscoveryFailureJournal
    public var dns: any ReportDNS
    public var mail: any MailSubmission
    public var poster: any ReportPosting

    public init(builder: ReportBuilder, from: String, bcc: String?, ignoredDomains: [String], schedule: ReportSchedule,
                sessions: any SessionSource, policies: any PolicyStore, discoveryFailures: any DiscoveryFailureJournal,
                dns: any ReportDNS, mail: any MailSubmission, poster: any ReportPosting) {
        self.builder = builder
        self.from = from
        self.bcc = bcc
        self.ignoredDomains = Set(ignoredDomains.map { Self.canonical($0) })
        self.schedule = schedule
        self.sessions = sessions
        self.policies = policies
        self.discoveryFailures = discoveryFailures
        self.dns = dns
        self.mail = mail
        self.poster = poster
    }

    /// The days a run looks at: the `catchUpDays` days before today (today is not over).
    public static func days(now: Int64, catchUpDays: Int) -> [UTCDay] {
        let today = UTCDay(containing: now)
        return (1...max(1, catchUpDays)).reversed().map { today.adding(days: -$0) }
    }

    /// Sends what is due for `days` and returns what happened. With `force`, reports already
    /// sent (or given up) are sent again and the spread slot is not waited for.
    public func send(days: [UTCDay], now: Int64, force: Bool, journal: ReportJournal) throws -> [ReportAction] {
        var actions: [ReportAction] = []
        for day in days {
            for tally in try sortedTallies(day) {
                actions += try send(tally, day: day, now: now, force: force, journal: journal)
            }
        }
        return actions
    }

    /// `--dry-run`: writes each report (`.json.gz`) and each would-be mail (`.eml`) to
    /// `directory`, sends nothing and leaves the journal alone.
    public func write(days: [UTCDay], now: Int64, to directory: String) throws -> [ReportAction] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var actions: [ReportAction] = []
        for day in days {
            for tally in try sortedTallies(day) {
                let domain = tally.domain.value
                if ignoredDomains.contains(domain) {
                    actions.append(ReportAction(kind: .ignored, day: "\(day)", domain: domain))
                    continue
                }
                let destinations: [ReportURI]
                switch dns.reportDestinations(for: tally.domain) {
                case .destinations(let list): destinations = list
                case .none(let reason):
                    actions.append(ReportAction(kind: .noDestination, day: "\(day)", domain: domain, message: reason))
                    continue
                case .temporaryFailure(let reason):
                    actions.append(ReportAction(kind: .lookupFailed, day: "\(day)", domain: domain, message: reason))
                    continue
                }
                let report = try build(tally, day: day)
                let gzip = try report.gzipped()
                let base = directory + "/" + report.fileName
                try Data(gzip).write(to: URL(fileURLWithPath: base))
                actions.append(ReportAction(kind: .written, day: "\(day)", domain: domain, reportID: report.reportID,
                                            message: base))
                let stem = String(base.dropLast(".json.gz".count))
                for (index, destination) in destinations.enumerated() {
                    guard case .mail(let address) = destination else { continue }
                    let email = composeMail(report, gzip: gzip, to: address, now: now)
                    let path = "\(stem).\(index + 1).eml"
                    try Data(email.bytes).write(to: URL(fileURLWithPath: path))
                    actions.append(ReportAction(kind: .written, day: "\(day)", domain: domain, rua: "\(destination)",
                                                reportID: report.reportID, message: path))
                }
            }
        }
        return actions
    }

    private func sortedTallies(_ day: UTCDay) throws -> [SessionTally] {
        try sessions.sessions(for: day).tallies.values.sorted { $0.domain < $1.domain }
    }

    private func build(_ tally: SessionTally, day: UTCDay) throws -> DailyReport {
        let cached = try policies.entry(for: tally.domain)?.policy
        let failures = try discoveryFailures.failures(of: tally.domain, on: day)
        return builder.report(for: tally, on: day, cachedPolicy: cached, discoveryFailures: failures)
    }

    private func composeMail(_ report: DailyReport, gzip: [UInt8], to address: String, now: Int64) -> ReportEmail {
        ReportEmail(report: report, gzip: gzip, from: from, to: address, bcc: bcc, bccHeader: mail.bccAsHeader, date: now)
    }

    private func send(_ tally: SessionTally, day: UTCDay, now: Int64, force: Bool,
                      journal: ReportJournal) throws -> [ReportAction] {
        let domain = tally.domain.value
        let dayText = "\(day)"
        if ignoredDomains.contains(domain) {
            return [ReportAction(kind: .ignored, day: dayText, domain: domain)]
        }
        let known = journal.entries(domain: domain, day: dayText)
        if !force, !known.isEmpty, known.allSatisfy(\.isFinished) {
            return known.map { ReportAction(kind: .alreadyDone, day: dayText, domain: domain, rua: $0.rua,
                                            reportID: $0.reportID, message: $0.state.rawValue) }
        }
        let due = schedule.due(domain: tally.domain, day: day)
        if !force, known.isEmpty, now < due {
            return [ReportAction(kind: .notDue, day: dayText, domain: domain, at: due)]
        }
        let reportID = builder.identity.reportID(domain: tally.domain, day: day)
        let destinations: [ReportURI]
        switch dns.reportDestinations(for: tally.domain) {
        case .destinations(let list): destinations = list
        case .none(let reason):
            try journal.record(JournalEntry(domain: domain, day: dayText, rua: "", reportID: reportID,
                                            state: .noDestination, lastAttempt: now, lastMessage: reason))
            return [ReportAction(kind: .noDestination, day: dayText, domain: domain, message: reason)]
        case .temporaryFailure(let reason):
            return [ReportAction(kind: .lookupFailed, day: dayText, domain: domain, message: reason)]
        }
        let report = try build(tally, day: day)
        let gzip = try report.gzipped()
        var actions: [ReportAction] = []
        for destination in Set(destinations).sorted(by: { $0.description < $1.description }) {
            actions.append(try deliver(report, gzip: gzip, to: destination, now: now, force: force, journal: journal))
        }
        return actions
    }

    private func deliver(_ report: DailyReport, gzip: [UInt8], to destination: ReportURI, now: Int64, force: Bool,
                         journal: ReportJournal) throws -> ReportAction {
        let domain = report.domain.value
        let day = "\(report.day)"
        let rua = destination.description
        func action(_ kind: ReportAction.Kind, at: Int64? = nil, _ message: String? = nil) -> ReportAction {
            ReportAction(kind: kind, day: day, domain: domain, rua: rua, reportID: report.reportID, at: at, message: message)
        }
        var entry = journal.entry(domain: domain, day: day, rua: rua)
            ?? JournalEntry(domain: domain, day: day, rua: rua, reportID: report.reportID, state: .sending)
        let isNew = journal.entry(domain: domain, day: day, rua: rua) == nil
        if !force, !isNew {
            if entry.isFinished { return action(.alreadyDone, entry.state.rawValue) }
            if entry.state == .retrying, let next = entry.nextAttempt, now < next { return action(.waitingForRetry, at: next) }
            // `.sending` left by a crash: the send did not complete (see MailSubmission), so send again.
        }
        if force || entry.firstAttempt == nil || entry.state == .sent || entry.state == .gaveUp {
            entry.firstAttempt = now
        }
        entry.state = .sending
        entry.attempts += 1
        entry.lastAttempt = now
        entry.nextAttempt = nil
        try journal.record(entry)

        let outcome: UploadOutcome
        switch destination {
        case .mail(let address):
            let email = composeMail(report, gzip: gzip, to: address, now: now)
            var handOverProblem: JournalError?
            outcome = mail.submit(email) {
                var handed = entry
                handed.state = .handedOver
                do throws(JournalError) { try journal.record(handed) } catch { handOverProblem = error }
            }
            if let handOverProblem { throw handOverProblem }
        case .https(let url):
            outcome = poster.post(gzip: gzip, to: url)
        }
        entry.lastMessage = outcome.message
        if outcome.accepted {
            entry.state = .sent
            try journal.record(entry)
            return action(.sent, outcome.message)
        }
        if let next = schedule.nextAttempt(firstAttempt: entry.firstAttempt ?? now, attempts: entry.attempts, now: now) {
            entry.state = .retrying
            entry.nextAttempt = next
            try journal.record(entry)
            return action(.retrying, at: next, outcome.message)
        }
        entry.state = .gaveUp
        try journal.record(entry)
        return action(.gaveUp, outcome.message)
    }

    static func canonical(_ domain: String) -> String {
        var text = domain.lowercased()
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
