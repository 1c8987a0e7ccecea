import Foundation
import MTASTSPolicy
import Testing
import TestWorld

/// Real deliveries: Exim resolves the MX through the world's DNS and talks SMTP to the
/// world's sink; outcomes are read from Exim's main log and the sink's counters.
@Suite(.enabled(if: EximPrerequisites.available, "needs root, /usr/sbin/exim (exim4-daemon-heavy) and unshare"))
struct DeliveryTests {
    enum Outcome: Sendable, Equatable {
        /// Delivered by this router, inside verified TLS (`verified`) or not.
        case delivered(router: String, verified: Bool)
        case deferred
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var mode: String
        /// The MX hosts DNS gives (the policy always lists only `mx1.<domain>`).
        var mxHosts: [String] = ["mx1"]
        var smtp = SMTPHost()
        var headers: [String] = []
        var form: LookupForm = .run
        var expected: Outcome
        /// Text the main log must hold (Exim 4.96 with GnuTLS).
        var logs: String? = nil

        var domain: String { "\(mode).test" }
        var description: String { "\(name) (\(form))" }
    }

    static let cases: [Case] = [
        Case(name: "enforce, listed MX, valid certificate", mode: "enforce",
             expected: .delivered(router: "dnslookup_mtasts_enforce", verified: true)),
        Case(name: "enforce, listed MX, valid certificate", mode: "enforce", form: .dlfunc,
             expected: .delivered(router: "dnslookup_mtasts_enforce", verified: true)),
        Case(name: "enforce, MX not in the policy", mode: "enforce", mxHosts: ["mx2"], expected: .deferred,
             logs: "R=dnslookup_mtasts_enforce T=remote_smtp_mtasts_enforce defer (-58)"),
        Case(name: "enforce, MX not in the policy", mode: "enforce", mxHosts: ["mx2"], form: .dlfunc,
             expected: .deferred, logs: "R=dnslookup_mtasts_enforce T=remote_smtp_mtasts_enforce defer (-58)"),
        // mx2 (unlisted) has an address where nothing listens: only the veto's log line tells
        // that it was refused rather than unreachable.
        Case(name: "enforce, unlisted MX first, listed MX next", mode: "enforce", mxHosts: ["mx2", "mx1"],
             expected: .delivered(router: "dnslookup_mtasts_enforce", verified: true)),
        Case(name: "enforce, certificate for another host", mode: "enforce",
             smtp: SMTPHost(certificate: "wrong-host"), expected: .deferred,
             logs: "TLS session: (certificate verification failed)"),
        Case(name: "enforce, self-signed certificate", mode: "enforce",
             smtp: SMTPHost(certificate: "self-signed"), expected: .deferred,
             logs: "TLS session: (certificate verification failed): certificate invalid"),
        Case(name: "enforce, expired certificate", mode: "enforce",
             smtp: SMTPHost(certificate: "expired"), form: .dlfunc, expected: .deferred,
             logs: "TLS session: (certificate verification failed): certificate invalid"),
        Case(name: "enforce, no STARTTLS", mode: "enforce", smtp: SMTPHost(starttls: false), expected: .deferred,
             logs: "a TLS session is required, but the server did not offer TLS support"),
        Case(name: "enforce, self-signed, report mail (TLS-Required: No)", mode: "enforce",
             smtp: SMTPHost(certificate: "self-signed"), headers: ["TLS-Required: No"],
             expected: .delivered(router: "dnslookup", verified: false)),
        Case(name: "testing, self-signed certificate", mode: "testing", smtp: SMTPHost(certificate: "self-signed"),
             expected: .delivered(router: "dnslookup_mtasts_testing", verified: false)),
        Case(name: "testing, no STARTTLS", mode: "testing", smtp: SMTPHost(starttls: false), form: .dlfunc,
             expected: .delivered(router: "dnslookup_mtasts_testing", verified: false)),
        Case(name: "none, self-signed certificate", mode: "none", smtp: SMTPHost(certificate: "self-signed"),
             expected: .delivered(router: "dnslookup", verified: false)),
    ]

    @Test("deliveries follow the policy", arguments: cases)
    func delivery(_ testCase: Case) throws {
        if testCase.form == .dlfunc {
            try #require(EximPrerequisites.moduleBuilt, Comment(rawValue: EximPrerequisites.moduleMissing))
        }
        let domain = testCase.domain
        let hosts = testCase.mxHosts.map { "\($0).\(domain)" }
        let separate = hosts.count > 1 ? ["mx2.\(domain)": MailWorld.silentAddress] : [:]
        let world = try World(MailWorld.domain(domain, mx: hosts, smtp: testCase.smtp, addresses: separate))
        defer { world.stop() }
        let sandbox = try EximSandbox(world: world, settings: EximSettings(form: testCase.form))
        let mode = try #require(PolicyMode(rawValue: testCase.mode))
        try TestCache.write([TestCache.policy(domain, mode, mx: ["mx1.\(domain)"])], to: sandbox.cachePath)
        try sandbox.handToEximUser()

        let submitted = try sandbox.send(to: "user@\(domain)", headers: testCase.headers)
        #expect(submitted.status == 0, "\(submitted)")
        let log = sandbox.mainLog()
        let stats = try world.stats()
        switch testCase.expected {
        case .delivered(let router, let verified):
            let line = try #require(log.deliveries.first, "no => line: \(log)")
            #expect(line.contains("R=\(router) "), "\(line)")
            #expect(log.deferrals.isEmpty, "\(log)")
            #expect(stats.totalSMTPMessages == 1, "\(stats.smtpMessages)")
            if verified {
                #expect(line.contains(" X=TLS"), "\(line)")
                #expect(line.contains(" CV=yes"), "\(line)")
                #expect(stats.smtpTLSMessages["mx1.\(domain)"] == 1, "\(stats.smtpTLSMessages)")
            } else if router == "dnslookup_mtasts_enforce" {
                Issue.record("enforce deliveries must be verified")
            } else {
                #expect(!line.contains(" CV=yes"), "\(line)")
            }
        case .deferred:
            #expect(log.deliveries.isEmpty, "\(log)")
            #expect(!log.deferrals.isEmpty, "no == line: \(log)")
            #expect(stats.totalSMTPMessages == 0, "\(stats.smtpMessages)")
        }
        if let fragment = testCase.logs {
            #expect(log.contains(fragment), "\(log)")
        }
        if testCase.mxHosts.contains("mx2") {
            // The veto happens before connecting; Exim logs it without the veto's text.
            #expect(log.contains("H=mx2.\(domain) ["), "\(log)")
            #expect(log.contains("Event requests alternate response"), "\(log)")
        }
        if testCase.mxHosts == ["mx2"] {
            #expect(stats.smtpConnections == 0, "the unlisted MX never sees a connection: \(stats)")
        }
    }
}

