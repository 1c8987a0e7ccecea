import Foundation
import Testing
import TestWorld

/// A lookup that cannot answer holds the mail (deferred, nothing reaches the MX) even when
/// the MX would accept it in clear text, i.e. the ordinary router is never reached.
@Suite(.enabled(if: EximPrerequisites.available, "needs root, /usr/sbin/exim (exim4-daemon-heavy) and unshare"))
struct BrokenLookupDeliveryTests {
    enum Breakage: String, CaseIterable, Sendable {
        case cacheUnreadable = "cache file unreadable"
        case helperRemoved = "helper removed"
        case moduleMissing = "module missing"
    }

    @Test("mail is deferred, not delivered", arguments: Breakage.allCases, LookupForm.allCases)
    func deferred(_ breakage: Breakage, form: LookupForm) throws {
        if breakage == .helperRemoved && form == .dlfunc { return }  // the module form runs no helper
        if breakage == .moduleMissing && form == .run { return }  // the helper form loads no module
        if form == .dlfunc && breakage != .moduleMissing {
            try #require(EximPrerequisites.moduleBuilt, Comment(rawValue: EximPrerequisites.moduleMissing))
        }
        let domain = "enforce.test"
        let world = try World(MailWorld.domain(domain, mx: ["mx1.\(domain)"], smtp: SMTPHost(starttls: false)))
        defer { world.stop() }
        var settings = EximSettings(form: form)
        if breakage == .helperRemoved { settings.helperPath = "/nonexistent/mtasts-lookup" }
        if breakage == .moduleMissing { settings.modulePath = "/nonexistent/libmtasts_exim.so" }
        let sandbox = try EximSandbox(world: world, settings: settings)
        try TestCache.write([TestCache.policy(domain, .enforce, mx: ["mx1.\(domain)"])], to: sandbox.cachePath)
        try sandbox.handToEximUser()
        if breakage == .cacheUnreadable {
            // Exim's user may no longer open the cache.
            #expect(chmod(sandbox.cachePath, 0o000) == 0)
        }

        try sandbox.send(to: "user@\(domain)")
        let log = sandbox.mainLog()
        let stats = try world.stats()
        #expect(log.deliveries.isEmpty, "\(log)")
        let deferral = try #require(log.deferrals.first, "no == line: \(log)")
        let cause = switch breakage {
        case .cacheUnreadable: sandbox.cachePath
        case .helperRemoved: "/nonexistent/mtasts-lookup"
        case .moduleMissing: "/nonexistent/libmtasts_exim.so"
        }
        #expect(deferral.contains(cause), "the deferral names the cause: \(deferral)")
        #expect(stats.smtpConnections == 0, "\(stats)")
        #expect(stats.totalSMTPMessages == 0, "\(stats.smtpMessages)")
    }
}
