import Foundation
import MTASTSPolicy
import PolicyStore
@testable import Prewarm
import Testing
import TestWorld

/// Passes against the loopback world with a manual clock: no sleeps, the clock jumps.
@Suite("Prewarm passes")
struct PassWorldTests {
    static let hour: Int64 = 3_600
    static let day: Int64 = 86_400

    @Test("re-checks the id every 6h without HTTPS and renews before expiry")
    func renewsBeforeExpiry() throws {
        let fixture = try PassFixture(PassFixture.scenario("renew"))
        let first = try fixture.run(["renew"])
        #expect(first.fetched == 1 && first.total == 1)
        #expect(try fixture.httpsRequests("renew") == 1)
        let fetchedAt = try #require(try fixture.entry("renew")?.policy?.fetchedAt)
        #expect(fetchedAt == fixture.clock.now())

        // An hour later nothing is due.
        fixture.clock.advance(by: Self.hour)
        #expect(try fixture.run(["renew"]).total == 0)

        // After 6h the TXT id is re-checked: unchanged, no HTTPS.
        fixture.clock.advance(by: 5 * Self.hour)
        let txtBefore = try fixture.txtQueries("renew")
        let recheck = try fixture.run(["renew"])
        #expect(recheck.unchanged == 1 && recheck.fetched == 0)
        #expect(try fixture.txtQueries("renew") == txtBefore + 1)
        #expect(try fixture.httpsRequests("renew") == 1)

        // Just before the renewal time: only id checks. At it: a forced fetch.
        let policy = try #require(try fixture.entry("renew")?.policy)
        let renewAt = RenewalPlanner.renewalTime(of: policy, settings: RenewalSettings(), domain: try PassFixture.domain("renew"))
        #expect(renewAt < policy.expire - Self.day)
        fixture.clock.advance(by: renewAt - fixture.clock.now() - 1)
        #expect(try fixture.run(["renew"]).unchanged == 1)
        #expect(try fixture.httpsRequests("renew") == 1)
        fixture.clock.advance(by: 1)
        let renewed = try fixture.run(["renew"])
        #expect(renewed.fetched == 1)
        #expect(try fixture.httpsRequests("renew") == 2)
        #expect(try fixture.entry("renew")?.policy?.expire == fixture.clock.now() + 604_800)
    }

    @Test("a changed TXT id fetches the new policy at the next re-check")
    func detectsIDChange() throws {
        let fixture = try PassFixture(PassFixture.scenario("change"))
        #expect(try fixture.run(["change"]).fetched == 1)
        try fixture.world.update(PassFixture.scenario("change", id: "v2", mode: "testing"))
        fixture.clock.advance(by: 6 * Self.hour)
        let summary = try fixture.run(["change"])
        #expect(summary.fetched == 1)
        let policy = try #require(try fixture.entry("change")?.policy)
        #expect(policy.id == "v2")
        #expect(policy.mode == .testing)
        #expect(try fixture.httpsRequests("change") == 2)
    }

    @Test("no policy is cached negatively for no_policy_recheck")
    func negativeCaching() throws {
        let fixture = try PassFixture(Scenario())
        let first = try fixture.run(["none"])
        #expect(first.noPolicy == 1)
        #expect(try fixture.entry("none")?.lastCheck?.outcome == .noPolicy)
        let queries = try fixture.txtQueries("none")

        try fixture.world.update(PassFixture.scenario("none"))
        fixture.clock.advance(by: Self.day - 1)
        #expect(try fixture.run(["none"]).total == 0)
        #expect(try fixture.txtQueries("none") == queries)
        fixture.clock.advance(by: 1)
        #expect(try fixture.run(["none"]).fetched == 1)
    }

    @Test("failures back off and never remove the cached policy")
    func backoffKeepsPolicy() throws {
        let fixture = try PassFixture(PassFixture.scenario("fail"))
        #expect(try fixture.run(["fail"]).fetched == 1)
        let cached = try #require(try fixture.entry("fail")?.policy)

        var broken = PassFixture.scenario("fail", id: "v2")
        broken.https["mta-sts.\(PassFixture.name("fail"))"]?.status = 500
        try fixture.world.update(broken)
        fixture.clock.advance(by: 6 * Self.hour)
        let failed = try fixture.run(["fail"])
        #expect(failed.failed == 1 && failed.keptCachedPolicy == 1)
        #expect(try fixture.entry("fail")?.policy == cached)
        #expect(try fixture.entry("fail")?.lastCheck?.consecutiveFailures == 1)

        // Backoff: 5m, then 10m.
        fixture.clock.advance(by: 299)
        #expect(try fixture.run(["fail"]).total == 0)
        fixture.clock.advance(by: 1)
        #expect(try fixture.run(["fail"]).failed == 1)
        #expect(try fixture.entry("fail")?.lastCheck?.consecutiveFailures == 2)
        fixture.clock.advance(by: 599)
        #expect(try fixture.run(["fail"]).total == 0)
        fixture.clock.advance(by: 1)
        #expect(try fixture.run(["fail"]).failed == 1)
        #expect(try fixture.entry("fail")?.policy == cached)

        // Close to expiry and still failing: retried (forced) at the backoff's pace.
        fixture.clock.advance(by: cached.expire - Self.hour - fixture.clock.now())
        let https = try fixture.httpsRequests("fail")
        #expect(try fixture.run(["fail"]).failed == 1)
        #expect(try fixture.httpsRequests("fail") == https + 1)
        let plan = RenewalPlanner.plan(entry: try fixture.entry("fail"), settings: RenewalSettings(),
                                       now: fixture.clock.now(), domain: try PassFixture.domain("fail"))
        #expect(plan.action == .retry && plan.force)
        #expect(plan.due - fixture.clock.now() <= 6 * Self.hour)
        #expect(try fixture.entry("fail")?.policy == cached)

        // The host recovers: the new policy replaces the old one.
        try fixture.world.update(PassFixture.scenario("fail", id: "v2", mode: "testing"))
        fixture.clock.advance(by: plan.due - fixture.clock.now())
        #expect(try fixture.run(["fail"]).fetched == 1)
        #expect(try fixture.entry("fail")?.policy?.id == "v2")
        #expect(try fixture.entry("fail")?.lastCheck?.consecutiveFailures == 0)
    }

    @Test("--all re-checks ids without HTTPS; --force fetches")
    func allAndForce() throws {
        let labels = ["a", "b", "c"]
        var scenario = Scenario()
        for label in labels { scenario.add(PassFixture.scenario(label)) }
        let fixture = try PassFixture(scenario)
        #expect(try fixture.run(labels).fetched == 3)
        #expect(try fixture.run(labels).total == 0)
        let all = try fixture.run(labels, .all)
        #expect(all.unchanged == 3 && all.fetched == 0)
        #expect(try fixture.world.stats().totalHTTPSRequests == 3)
        let forced = try fixture.run(labels, .force)
        #expect(forced.fetched == 3)
        #expect(try fixture.world.stats().totalHTTPSRequests == 6)
    }

    @Test("never more domains in flight than prewarm.concurrency")
    func concurrencyBound() throws {
        // The world serves every TLS handshake on one Python event loop, far slower than the
        // client: with 200 domains the workers queue up on it, so the world's peak of
        // simultaneous connections reaches the bound (and must never pass it).
        let labels = (0..<200).map { "many\($0)" }
        var scenario = Scenario()
        for label in labels { scenario.add(PassFixture.scenario(label)) }
        let fixture = try PassFixture(scenario, concurrency: 4)
        try fixture.world.prepareCertificates()
        let summary = try fixture.run(labels)
        #expect(summary.fetched == 200 && summary.done == 200)
        #expect(try fixture.store.domains().count == 200)
        let peak = try fixture.world.stats().httpsMaxConcurrent
        #expect(peak <= 4)
        #expect(peak >= 2, "the workers never overlapped (peak \(peak))")
    }

    @Test("a raised stop signal starts no domain")
    func stopSignal() throws {
        let fixture = try PassFixture(PassFixture.scenario("stop"))
        let stop = StopSignal()
        stop.raise()
        let candidates = [DomainCandidate(domain: try PassFixture.domain("stop"), sources: ["test"])]
        let summary = try fixture.pass().run(candidates: candidates, includeCache: false, selection: .due, stop: stop)
        #expect(summary.total == 1 && summary.skipped == 1 && summary.done == 0)
        #expect(try fixture.entry("stop") == nil)
    }
}
