import MTASTSPolicy
import PolicyStore
@testable import Prewarm
import Testing
import TestWorld

/// Planning many domains reads the cache in one pass; the statuses must be exactly those of
/// reading each domain on its own.
@Suite("Domain inventory")
struct DomainInventoryTests {
    static let now: Int64 = 1_800_000_000

    /// A varied cache: fresh, expiring and expired policies, failures, no-policy answers,
    /// tracking-only entries, and domains without any entry.
    static func entry(_ index: Int, _ domain: DomainName) -> CacheEntry? {
        let policy = CachedPolicy(mode: .enforce, mx: ["mx.\(domain.value)"], expire: now + Int64(index % 9 - 2) * 86_400,
                                  id: "v\(index)", text: nil, maxAge: 604_800, fetchedAt: now - 86_400)
        switch index % 6 {
        case 0: return nil
        case 1: return CacheEntry(domain: domain, policy: policy, lastCheck: CheckRecord(checkedAt: now - Int64(index), outcome: .policy))
        case 2: return CacheEntry(domain: domain, policy: policy,
                                  lastCheck: CheckRecord(checkedAt: now - 600, outcome: .failure, consecutiveFailures: index % 4 + 1,
                                                         failedAt: now - 600))
        case 3: return CacheEntry(domain: domain, lastCheck: CheckRecord(checkedAt: now - 90_000, outcome: .noPolicy))
        case 4: return CacheEntry(domain: domain, tracking: DomainTracking(learnedAt: now - 50, missedAt: now - 40))
        default: return CacheEntry(domain: domain, policy: policy, lastCheck: CheckRecord(checkedAt: now - 30, outcome: .policy),
                                   tracking: DomainTracking(missedAt: now - 10))
        }
    }

    @Test(arguments: [10, DomainInventory.singlePassMinimum + 7])
    func onePassPlansLikeOneReadPerDomain(count: Int) throws {
        let directory = try TemporaryDirectory()
        let store = try LMDBPolicyStore(path: directory.file("cache.lmdb"), access: .readWrite)
        var candidates: [DomainCandidate] = []
        for index in 0..<count {
            let domain = try DomainName(validating: "d\(index).inventory.test")
            if let entry = Self.entry(index, domain) { try store.put(entry) }
            // Every third candidate is listed twice (merged), and some cached domains are not candidates.
            if index % 10 != 7 { candidates.append(DomainCandidate(domain: domain, sources: ["file"])) }
            if index % 3 == 0 { candidates.append(DomainCandidate(domain: domain, sources: ["config"], lastSeen: Self.now - 5)) }
        }
        let settings = RenewalSettings()
        let statuses = try DomainInventory(store: store, settings: settings)
            .statuses(candidates: candidates, includeCache: false, now: Self.now)
        let wanted = Set(candidates.map(\.domain))
        #expect(statuses.map(\.domain) == wanted.sorted())
        for status in statuses {
            let entry = try store.entry(for: status.domain)
            #expect(status.entry == entry)
            #expect(status.plan == RenewalPlanner.plan(entry: entry, settings: settings, now: Self.now, domain: status.domain))
        }
        let withCache = try DomainInventory(store: store, settings: settings)
            .statuses(candidates: candidates, includeCache: true, now: Self.now)
        let cached = Set(try store.domains())
        #expect(withCache.map(\.domain) == wanted.union(cached).sorted())
        #expect(Set(withCache.filter { $0.candidate.sources == ["cache"] }.map(\.domain)) == cached.subtracting(wanted))
        #expect(!cached.subtracting(wanted).isEmpty)
    }
}
