import MTASTSConfig
import MTASTSPolicy
import PolicyStore
@testable import Prewarm
import Testing

/// The renewal rules as a table: (entry, settings, now) → action, due time, force.
@Suite("Renewal planner")
struct RenewalPlannerTests {
    static let now: Int64 = 1_800_000_000
    static let day: Int64 = 86_400
    static let settings = RenewalSettings()
    static let domain = try! DomainName(validating: "example.test")
    /// The fixed jitter of `example.test` for a 7-day policy (window 1.75d → jitter ≤ 15120s).
    static let jitter7d = DomainJitter.offset(for: domain, upTo: 151_200 / 10)

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let entry: CacheEntry?
        let action: RenewalPlan.Action
        let due: Int64
        let force: Bool
        var testDescription: String { name }
    }

    static func policy(fetchedAt: Int64, maxAge: Int = 604_800, id: String = "v1") -> CachedPolicy {
        CachedPolicy(mode: .enforce, mx: ["mx.example.test"], expire: fetchedAt + Int64(maxAge), id: id,
                     text: nil, maxAge: maxAge, fetchedAt: fetchedAt)
    }

    static func entry(policy: CachedPolicy? = nil, checkedAt: Int64, outcome: CheckRecord.Outcome,
                      failures: Int = 0, missedAt: Int64? = nil) -> CacheEntry {
        CacheEntry(domain: domain, policy: policy,
                   lastCheck: CheckRecord(checkedAt: checkedAt, outcome: outcome, consecutiveFailures: failures,
                                          failedAt: outcome == .failure ? checkedAt : nil),
                   tracking: missedAt.map { DomainTracking(missedAt: $0) })
    }

    static let cases: [Case] = [
        Case(name: "never fetched", entry: nil, action: .fetch, due: now, force: false),
        Case(name: "only tracked, never checked",
             entry: CacheEntry(domain: domain, tracking: DomainTracking(learnedAt: now - 10)),
             action: .fetch, due: now, force: false),
        Case(name: "a lookup missed after the last check",
             entry: entry(checkedAt: now - 3_600, outcome: .noPolicy, missedAt: now - 60),
             action: .fetch, due: now, force: false),
        Case(name: "a miss older than the last check is ignored",
             entry: entry(checkedAt: now - 3_600, outcome: .noPolicy, missedAt: now - 7_200),
             action: .lookAgain, due: now - 3_600 + day, force: false),
        Case(name: "fresh policy: TXT re-check after 6h",
             entry: entry(policy: policy(fetchedAt: now - 3_600), checkedAt: now - 3_600, outcome: .policy),
             action: .recheck, due: now - 3_600 + 6 * 3_600, force: false),
        Case(name: "policy re-checked long ago: due now, not forced",
             entry: entry(policy: policy(fetchedAt: now - 2 * day), checkedAt: now - 7 * 3_600, outcome: .policy),
             action: .recheck, due: now - 3_600, force: false),
        Case(name: "policy inside the renewal window: renew, forced",
             entry: entry(policy: policy(fetchedAt: now - 6 * day), checkedAt: now - 60, outcome: .policy),
             action: .renew, due: now - 6 * day + 7 * day - 151_200 - jitter7d, force: true),
        Case(name: "policy expired: fetch now, forced",
             entry: entry(policy: policy(fetchedAt: now - 8 * day), checkedAt: now - 60, outcome: .policy),
             action: .fetch, due: now, force: true),
        Case(name: "no policy: look again after 1d",
             entry: entry(checkedAt: now - 60, outcome: .noPolicy),
             action: .lookAgain, due: now - 60 + day, force: false),
        Case(name: "first failure: retry after 5m",
             entry: entry(checkedAt: now - 60, outcome: .failure, failures: 1),
             action: .retry, due: now - 60 + 300, force: false),
        Case(name: "third failure: retry after 20m",
             entry: entry(checkedAt: now - 60, outcome: .failure, failures: 3),
             action: .retry, due: now - 60 + 1_200, force: false),
        Case(name: "many failures: capped at 6h",
             entry: entry(checkedAt: now - 60, outcome: .failure, failures: 40),
             action: .retry, due: now - 60 + 6 * 3_600, force: false),
        Case(name: "failing with a policy close to expiry: forced retry at backoff pace",
             entry: entry(policy: policy(fetchedAt: now - 6 * day), checkedAt: now - 60, outcome: .failure, failures: 2),
             action: .retry, due: now - 60 + 600, force: true),
        Case(name: "failing with a fresh policy: unforced retry",
             entry: entry(policy: policy(fetchedAt: now - day), checkedAt: now - 60, outcome: .failure, failures: 1),
             action: .retry, due: now - 60 + 300, force: false),
    ]

    @Test("plans", arguments: cases)
    func plans(_ testCase: Case) {
        let plan = RenewalPlanner.plan(entry: testCase.entry, settings: Self.settings, now: Self.now, domain: Self.domain)
        #expect(plan.action == testCase.action)
        #expect(plan.due == testCase.due)
        #expect(plan.force == testCase.force)
    }

    static let windows: [(maxAge: Int64?, renewBefore: RenewBefore, window: Int64)] = [
        (604_800, .percent(25), 151_200),        // 25% of 7d
        (31_557_600, .percent(25), 7_889_400),   // 25% of a year
        (172_800, .percent(25), 86_400),         // 2d: raised to the 1d floor
        (86_400, .percent(25), 43_200),          // 1d: at most half of max_age
        (3_600, .percent(25), 1_800),
        (604_800, .duration(.seconds(2 * 86_400)), 172_800),
        (604_800, .duration(.seconds(30 * 86_400)), 302_400), // never more than half
        (nil, .percent(25), 86_400),             // migrated policy without max_age
    ]

    @Test("renewal window", arguments: windows)
    func window(_ row: (maxAge: Int64?, renewBefore: RenewBefore, window: Int64)) {
        #expect(RenewalPlanner.renewalWindow(maxAge: row.maxAge, renewBefore: row.renewBefore) == row.window)
    }

    @Test("jitter is deterministic, bounded and spreads domains")
    func jitter() throws {
        let names = try (0..<200).map { try DomainName(validating: "d\($0).example.test") }
        let offsets = names.map { DomainJitter.offset(for: $0, upTo: 15_120) }
        #expect(offsets.allSatisfy { (0...15_120).contains($0) })
        #expect(Set(offsets).count > 150)
        #expect(offsets == names.map { DomainJitter.offset(for: $0, upTo: 15_120) })
        #expect(DomainJitter.offset(for: names[0], upTo: 0) == 0)
    }

    @Test("backoff doubles from min to max", arguments: [(1, 300), (2, 600), (3, 1_200), (7, 19_200), (8, 21_600), (1_000, 21_600), (0, 300)])
    func backoff(_ row: (failures: Int, seconds: Int64)) {
        #expect(RenewalPlanner.backoff(failures: row.failures, settings: Self.settings) == row.seconds)
    }

    @Test("selection: due, all, force")
    func selection() throws {
        let a = try DomainName(validating: "a.test"), b = try DomainName(validating: "b.test")
        let planned: [(domain: DomainName, plan: RenewalPlan)] = [
            (a, RenewalPlan(action: .renew, due: Self.now - 1, force: true, reason: "")),
            (b, RenewalPlan(action: .recheck, due: Self.now + 10, force: false, reason: "")),
        ]
        #expect(PassSelection.due.items(planned, now: Self.now) == [PassItem(domain: a, force: true)])
        #expect(PassSelection.all.items(planned, now: Self.now) == [PassItem(domain: a, force: true), PassItem(domain: b, force: false)])
        #expect(PassSelection.force.items(planned, now: Self.now) == [PassItem(domain: a, force: true), PassItem(domain: b, force: true)])
    }
}
