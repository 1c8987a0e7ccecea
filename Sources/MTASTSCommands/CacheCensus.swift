import DomainSet
import MTASTSConfig
import MTASTSPolicy
import PolicyStore
import Prewarm

/// Counts over the whole cache and the domain set, gathered in ONE read pass over the cache
/// (``PolicyStore/forEachEntry(_:)``): what `mtasts status` and the metrics show.
struct CacheCensus {
    /// A domain's state in a word, for `status` and the `state` label of the metrics.
    enum State: String, CaseIterable {
        case enforce, testing, none, dane
        case noPolicy = "no_policy"
        case failing
        case notFetched = "not_fetched"
    }

    /// One failing domain, from its last check.
    struct Failure {
        var domain: String
        var at: Int64
        var type: String
        var reason: String
        var consecutive: Int
    }

    var cachedDomains = 0
    var trackedDomains = 0
    var bySource: [DomainSource: Int] = [:]
    var byState: [State: Int] = [:]
    var expiringSoon: [(domain: String, expire: Int64)] = []
    /// How late the most overdue renewal is (seconds), and for which domain.
    var oldestLag: (domain: String, seconds: Int64)?
    var failures: [Failure] = []
    /// Cache-only lookup misses (`D:missed`) newer than `missesSince`.
    var recentMisses = 0

    /// Walks the cache once. `missesSince`: the last prewarm run (misses after it are pending).
    static func gather(configuration: Configuration, store: any PolicyStore, now: Int64,
                       missesSince: Int64?, expiringWithin: Int64 = 86_400) throws -> CacheCensus {
        // Configured and listed domains, without touching the cache (an empty store).
        let listed = (try? DomainSetBuilder.build(configuration: configuration, store: MemoryPolicyStore(), now: now))?.domains ?? []
        var pending: [DomainName: Set<DomainSource>] = [:]
        for tracked in listed { pending[tracked.domain] = tracked.sources }
        let settings = RenewalSettings(configuration.prewarm)
        let forgetAfter = configuration.learn.forgetAfter.components.seconds
        let ignore = configuration.ignoreDomains
        var census = CacheCensus()
        do {
            try store.forEachEntry { entry in
                census.cachedDomains += 1
                var sources = pending.removeValue(forKey: entry.domain) ?? []
                if let tracking = entry.tracking, !ignore.matches(entry.domain) {
                    if let learned = tracking.learnedAt, now - learned <= forgetAfter { sources.insert(.learned) }
                    if let missed = tracking.missedAt {
                        sources.insert(.miss)
                        if missed > (missesSince ?? Int64.min) { census.recentMisses += 1 }
                    }
                }
                census.count(entry, sources: sources, settings: settings, now: now, expiringWithin: expiringWithin)
            }
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        for (domain, sources) in pending {
            census.trackedDomains += 1
            for source in sources { census.bySource[source, default: 0] += 1 }
            census.byState[.notFetched, default: 0] += 1
            census.noteLag(domain.value, RenewalPlanner.plan(entry: nil, settings: settings, now: now, domain: domain).due, now: now)
        }
        census.expiringSoon.sort { $0.expire < $1.expire }
        census.failures.sort { ($0.at, $0.domain) > ($1.at, $1.domain) }
        return census
    }

    /// The state of one cache entry at `now`.
    static func state(of entry: CacheEntry, now: Int64) -> State {
        if entry.dane?.hasValidatedTLSA == true { return .dane }
        if entry.lastCheck?.outcome == .failure { return .failing }
        if let policy = entry.policy, policy.isValid(at: now) {
            switch policy.mode {
            case .enforce: return .enforce
            case .testing: return .testing
            case .none: return .none
            }
        }
        return entry.lastCheck == nil ? .notFetched : .noPolicy
    }

    private mutating func count(_ entry: CacheEntry, sources: Set<DomainSource>, settings: RenewalSettings,
                                now: Int64, expiringWithin: Int64) {
        let domain = entry.domain.value
        if let check = entry.lastCheck, check.outcome == .failure {
            failures.append(Failure(domain: domain, at: check.checkedAt, type: check.errorType ?? "failure",
                                    reason: check.error ?? "", consecutive: check.consecutiveFailures))
        }
        guard !sources.isEmpty else { return }  // cached but no longer tracked: counted in cachedDomains only
        trackedDomains += 1
        for source in sources { bySource[source, default: 0] += 1 }
        byState[Self.state(of: entry, now: now), default: 0] += 1
        if let policy = entry.policy, policy.isValid(at: now), policy.expire - now <= expiringWithin {
            expiringSoon.append((domain, policy.expire))
        }
        noteLag(domain, RenewalPlanner.plan(entry: entry, settings: settings, now: now, domain: entry.domain).due, now: now)
    }

    private mutating func noteLag(_ domain: String, _ due: Int64, now: Int64) {
        let lag = max(0, now - due)
        if lag > (oldestLag?.seconds ?? -1) || (lag == oldestLag?.seconds && domain < oldestLag!.domain) {
            oldestLag = (domain, lag)
        }
    }
}
