@testable import Discovery
import MTASTSPolicy
import PolicyStore
import Testing

/// RFC 8461 §5.1 as a pure function of (previous entry, discovery outcome, time): no network.
@Suite("Refresh rule: what a discovery outcome does to the cache entry")
struct RefreshRuleTests {
    static let domain = try! DomainName(validating: "rule.example")
    static let now: Int64 = 1_800_000_000

    static func cached(expire: Int64) -> CachedPolicy {
        CachedPolicy(mode: .enforce, mx: ["mx.rule.example"], expire: expire, id: "old",
                     text: "version: STSv1\nmode: enforce\nmx: mx.rule.example\nmax_age: 86400\n",
                     maxAge: 86_400, fetchedAt: expire - 86_400)
    }

    static func entry(policy: CachedPolicy?, failures: Int = 0) -> CacheEntry {
        CacheEntry(domain: domain, policy: policy, reporting: CachedReporting(rua: ["mailto:r@rule.example"], reportAddress: "r@rule.example"),
                   lastCheck: CheckRecord(checkedAt: now - 100, outcome: failures > 0 ? .failure : .policy, error: nil,
                                          errorType: nil, consecutiveFailures: failures, failedAt: nil),
                   problems: [])
    }

    static func result(_ outcome: DiscoveryResult.Outcome) -> DiscoveryResult {
        DiscoveryResult(domain: domain, outcome: outcome, txtID: "new", policyURL: "https://mta-sts.rule.example/.well-known/mta-sts.txt")
    }

    @Test func aFetchedPolicyReplacesTheOldOneAndExpiresAfterMaxAge() throws {
        let policy = try PolicyParser.parse("version: STSv1\nmode: testing\nmx: *.rule.example\nmax_age: 3600\n").policy
        let updated = PolicyRefresher.updatedEntry(previous: Self.entry(policy: Self.cached(expire: Self.now + 10), failures: 3),
                                                   domain: Self.domain, result: Self.result(.fetched(policy, id: "new", warnings: [])),
                                                   reporting: nil, now: Self.now)
        #expect(updated.policy?.mode == .testing)
        #expect(updated.policy?.id == "new")
        #expect(updated.policy?.expire == Self.now + 3600)
        #expect(updated.policy?.fetchedAt == Self.now)
        #expect(updated.policy?.mx == ["*.rule.example"])
        #expect(updated.lastCheck?.consecutiveFailures == 0)
        #expect(updated.reporting?.reportAddress == "r@rule.example") // no lookup made: kept
    }

    @Test(arguments: [
        DiscoveryFailure(.fetchError, "DNS down"),
        DiscoveryFailure(.webPKI, "bad certificate"),
        DiscoveryFailure(.invalid, "line 2: bad mode"),
    ])
    func aFailureNeverOverwritesTheCachedPolicy(_ failure: DiscoveryFailure) {
        for expire in [Self.now + 1000, Self.now - 1000] { // valid, and expired: data is never dropped on failure
            let previous = Self.entry(policy: Self.cached(expire: expire), failures: 2)
            let updated = PolicyRefresher.updatedEntry(previous: previous, domain: Self.domain,
                                                       result: Self.result(.failure(failure)), reporting: nil, now: Self.now)
            #expect(updated.policy == previous.policy)
            #expect(updated.reporting == previous.reporting)
            #expect(updated.lastCheck?.outcome == .failure)
            #expect(updated.lastCheck?.consecutiveFailures == 3)
            #expect(updated.lastCheck?.errorType == failure.resultType.rawValue)
            #expect(updated.lastCheck?.error == failure.detail)
            #expect(updated.lastCheck?.failedAt == Self.now)
        }
    }

    @Test func noPolicyKeepsAnUnexpiredPolicyAndDropsAnExpiredOne() {
        let valid = PolicyRefresher.updatedEntry(previous: Self.entry(policy: Self.cached(expire: Self.now + 1)), domain: Self.domain,
                                                 result: Self.result(.noPolicy(reason: "gone")), reporting: .none(reason: "gone"), now: Self.now)
        #expect(valid.policy == Self.cached(expire: Self.now + 1))
        #expect(valid.lastCheck?.outcome == .noPolicy)
        #expect(valid.reporting == nil)

        let expired = PolicyRefresher.updatedEntry(previous: Self.entry(policy: Self.cached(expire: Self.now)), domain: Self.domain,
                                                   result: Self.result(.noPolicy(reason: "gone")), reporting: nil, now: Self.now)
        #expect(expired.policy == nil)
    }

    @Test func unchangedKeepsTheExpiryOfTheLastFetch() {
        let cached = Self.cached(expire: Self.now + 500)
        let updated = PolicyRefresher.updatedEntry(previous: Self.entry(policy: cached, failures: 1), domain: Self.domain,
                                                   result: Self.result(.unchanged(cached)),
                                                   reporting: .found(TLSRPTRecordFixture.record), now: Self.now)
        #expect(updated.policy == cached) // max_age counts from the fetch, not from the TXT check
        #expect(updated.lastCheck?.checkedAt == Self.now)
        #expect(updated.lastCheck?.consecutiveFailures == 0)
        #expect(updated.reporting?.rua == ["https://reports.rule.example/"])
    }

    @Test func aReportingLookupFailureKeepsWhatWasKnown() {
        let previous = Self.entry(policy: Self.cached(expire: Self.now + 500))
        let updated = PolicyRefresher.updatedEntry(previous: previous, domain: Self.domain,
                                                   result: Self.result(.unchanged(Self.cached(expire: Self.now + 500))),
                                                   reporting: .failed("timeout"), now: Self.now)
        #expect(updated.reporting == previous.reporting)
    }
}

enum TLSRPTRecordFixture {
    static let record: TLSRPTRecord = {
        guard case .record(let record) = TLSRPTRecord.select(from: ["v=TLSRPTv1; rua=https://reports.rule.example/"]) else {
            fatalError("fixture record does not parse")
        }
        return record
    }()
}
