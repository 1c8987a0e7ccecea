import DNSClient
import Foundation
import HTTPSFetch
import MTASTSPolicy
import PolicyStore
import ReportSender
import TLSReport
import TLSSessions
import TestWorld
import Testing

/// Sessions handed over directly: the source the log reader will be.
struct FixedSessions: SessionSource {
    var days: [UTCDay: DailySessions]

    init(_ tallies: [UTCDay: [SessionTally]]) {
        var days: [UTCDay: DailySessions] = [:]
        for (day, list) in tallies {
            days[day] = DailySessions(day: day, tallies: Dictionary(list.map { ($0.domain, $0) }, uniquingKeysWith: { $1 }))
        }
        self.days = days
    }

    func sessions(for day: UTCDay) throws -> DailySessions { days[day] ?? DailySessions(day: day) }
}

/// A loopback world with TLSRPT records, plus what a report run needs around it.
final class ReportTestBed: @unchecked Sendable {
    static let day = UTCDay("2026-11-24")!
    static let identity = ReportIdentity(organization: "Example Mail", contact: "postmaster@example.net",
                                         submitter: "mail.example.net")

    let world: World
    let state: TemporaryDirectory

    /// `rua` maps each recipient domain to its `_smtp._tls` TXT text; `https` hosts answer
    /// POSTs with the given status and record them.
    init(rua: [String: String], httpsStatus: [String: Int] = [:], certificate: String = "valid") throws {
        var records: [DNSRecordSpec] = rua.map { .txt("_smtp._tls.\($0.key)", $0.value) }
        var hosts: [String: HTTPSHost] = [:]
        for (host, status) in httpsStatus {
            records.append(.a(host))
            hosts[host] = HTTPSHost(certificate: certificate, status: status, body: "ok\n", recordPosts: true)
        }
        world = try World(Scenario(dns: DNSZone(records: records), https: hosts))
        state = try TemporaryDirectory()
    }

    deinit { world.stop() }

    var resolver: Resolver {
        Resolver(configuration: ResolverConfiguration(nameservers: [try! Nameserver(parsing: world.nameserver)],
                                                      timeout: .seconds(2), attempts: 2))
    }

    var uploader: ReportUploader { ReportUploader(caFile: world.caFile, timeout: .seconds(20)) }

    static func domain(_ name: String) -> DomainName { try! DomainName(validating: name) }

    static func tally(_ name: String, successes: Int = 3, failures: Int = 1) -> SessionTally {
        var tally = SessionTally(domain: domain(name))
        for _ in 0..<successes { tally.recordSuccess(mxHost: "mx.\(name)") }
        for _ in 0..<failures {
            tally.recordFailure(FailureKey(resultType: .certificateExpired, sendingMTAIP: "198.51.100.7",
                                           receivingMXHostname: "mx.\(name)", receivingIP: "192.0.2.1"))
        }
        return tally
    }

    func run(sessions: [UTCDay: [SessionTally]], mail: any MailSubmission, spread: Int64 = 0, bcc: String? = nil,
             ignoredDomains: [String] = [], policies: any PolicyStore = MemoryPolicyStore()) -> ReportRun {
        let dns = ResolverReportDNS(resolver: resolver)
        return ReportRun(
            builder: ReportBuilder(identity: Self.identity), from: "tlsrpt@example.net", bcc: bcc,
            ignoredDomains: ignoredDomains, schedule: ReportSchedule(spreadSeconds: spread),
            sessions: FixedSessions(sessions), policies: policies, discoveryFailures: LastCheckFailures(store: policies),
            dns: dns, mail: mail, poster: CurlReportPoster(uploader: uploader, dns: dns))
    }

    func journal() throws -> ReportJournal { try ReportJournal(directory: state.path) }

    /// Recorded POST bodies for `host` (1-based number).
    func post(_ host: String, _ number: Int) -> (body: [UInt8], type: String)? {
        let base = world.directory + "/posts/\(host)/\(number)"
        guard let body = FileManager.default.contents(atPath: base + ".body"),
              let type = FileManager.default.contents(atPath: base + ".type") else { return nil }
        return (Array(body), String(decoding: type, as: UTF8.self))
    }
}

/// Runs the parsedmarc check script on files; returns its JSON lines, records an issue on failure.
func parsedmarcCheck(_ paths: [String]) throws -> [[String: Any]] {
    let python = ProcessInfo.processInfo.environment["MTASTS_PARSEDMARC_PYTHON"] ?? "/opt/mtasts-test-venv/bin/python"
    let check = try ChildProcess(python, [TestPaths.fixture("ReportSender/check_tlsrpt.py")] + paths).run()
    #expect(check.status == 0, "parsedmarc rejected a report: \(check.stderr)")
    return check.stdout.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
}
