import Testing
import TestWorld

/// `exim -bt`: the shipped routers pick the right path for each cached policy, in both
/// lookup forms, and defer (never fall through) when the lookup cannot answer.
@Suite(.enabled(if: EximPrerequisites.available, "needs root, /usr/sbin/exim (exim4-daemon-heavy) and unshare"))
struct RoutingTests {
    struct Expected: Sendable {
        var router: String?
        var transport: String?
        var deferReason: String?
    }

    static func expected(_ testCase: TestCache.Case) -> Expected {
        switch testCase {
        case .enforce: Expected(router: "dnslookup_mtasts_enforce", transport: "remote_smtp_mtasts_enforce")
        case .testing: Expected(router: "dnslookup_mtasts_testing", transport: "remote_smtp_mtasts_testing")
        case .none, .miss: Expected(router: "dnslookup", transport: "remote_smtp")
        case .failed: Expected(deferReason: "MTA-STS policy lookup for failed.test failed")
        }
    }

    /// A world serving every standard domain and a sandbox whose cache holds their entries.
    static func standardSandbox(_ settings: EximSettings, layout: EximConfig.Layout = .debianSplit) throws -> (World, EximSandbox) {
        if settings.form == .dlfunc {
            try #require(EximPrerequisites.moduleBuilt, Comment(rawValue: EximPrerequisites.moduleMissing))
        }
        let world = try World(MailWorld.standard())
        let sandbox = try EximSandbox(world: world, settings: settings, layout: layout)
        try TestCache.write(TestCache.standardEntries(), to: sandbox.cachePath)
        try sandbox.handToEximUser()
        return (world, sandbox)
    }

    static func check(_ routing: Routing, _ expected: Expected, _ address: String) {
        if let reason = expected.deferReason {
            #expect(routing.isDeferred, "\(address) should be deferred: \(routing)")
            #expect(routing.deferReason?.contains(reason) == true, "\(address): \(routing)")
            #expect(routing.router == nil, "\(address) must not be routed: \(routing)")
        } else {
            #expect(routing.router == expected.router, "\(address): \(routing)")
            #expect(routing.transport == expected.transport, "\(address): \(routing)")
            #expect(routing.outcome.stdout.contains("host mx1.") , "\(address) resolved through the world: \(routing)")
        }
    }

    @Test("each cached policy picks its router", arguments: LookupForm.allCases, TestCache.Case.allCases)
    func routerFollowsPolicy(form: LookupForm, testCase: TestCache.Case) throws {
        let (world, sandbox) = try Self.standardSandbox(EximSettings(form: form))
        defer { world.stop() }
        let address = "user@\(testCase.domain)"
        Self.check(try sandbox.route(address), Self.expected(testCase), address)
    }

    @Test("the monolithic block routes like the conf.d files", arguments: TestCache.Case.allCases)
    func monolithicBlock(testCase: TestCache.Case) throws {
        let (world, sandbox) = try Self.standardSandbox(EximSettings(), layout: .monolithic)
        defer { world.stop() }
        let address = "user@\(testCase.domain)"
        Self.check(try sandbox.route(address), Self.expected(testCase), address)
    }

    @Test("a failed discovery without policy delivers normally with --on-failure none", arguments: LookupForm.allCases)
    func failureAnswersNone(form: LookupForm) throws {
        let settings = EximSettings(form: form, lookupOptions: ["--on-miss", "none", "--on-failure", "none"])
        let (world, sandbox) = try Self.standardSandbox(settings)
        defer { world.stop() }
        let routing = try sandbox.route("user@failed.test")
        #expect(routing.router == "dnslookup", "\(routing)")
    }

    @Test("an exempt sender bypasses the MTA-STS routers", arguments: LookupForm.allCases)
    func exemptSender(form: LookupForm) throws {
        let settings = EximSettings(form: form, exemptSenders: "tlsrpt@sender.test")
        let (world, sandbox) = try Self.standardSandbox(settings)
        defer { world.stop() }
        let exempt = try sandbox.route("user@enforce.test", sender: "tlsrpt@sender.test")
        #expect(exempt.router == "dnslookup", "\(exempt)")
        let other = try sandbox.route("user@enforce.test", sender: "someone@sender.test")
        #expect(other.router == "dnslookup_mtasts_enforce", "\(other)")
    }

    @Test("address verification is left to the ordinary routers", arguments: LookupForm.allCases)
    func verificationSkipsMTASTS(form: LookupForm) throws {
        let (world, sandbox) = try Self.standardSandbox(EximSettings(form: form))
        defer { world.stop() }
        for testCase in TestCache.Case.allCases {
            let verified = try sandbox.verify("user@\(testCase.domain)")
            #expect(verified.outcome.stdout.contains("verified"), "\(testCase): \(verified)")
            #expect(!verified.isDeferred, "\(testCase): \(verified)")
        }
    }
}
