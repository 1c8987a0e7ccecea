import MTASTSPolicy
import PolicyStore

/// Reads the cache entries of the tracked domains and plans each one (``RenewalPlanner``).
public struct DomainInventory: Sendable {
    /// From this many domains on, the entries are read in one pass over the whole cache
    /// (``PolicyStore/forEachEntry(_:)``) instead of one read transaction per domain.
    public static let singlePassMinimum = 1_000

    public let store: any PolicyStore
    public let settings: RenewalSettings

    public init(store: any PolicyStore, settings: RenewalSettings) {
        self.store = store
        self.settings = settings
    }

    /// Every domain of `candidates` plus every domain the cache holds (source `cache`), sorted.
    /// With `includeCache: false` only `candidates`.
    public func statuses(candidates: [DomainCandidate], includeCache: Bool,
                         now: Int64) throws(PrewarmError) -> [DomainStatus] {
        var merged: [DomainName: DomainCandidate] = [:]
        for candidate in candidates {
            if var existing = merged[candidate.domain] {
                existing.sources += candidate.sources.filter { !existing.sources.contains($0) }
                existing.lastSeen = [existing.lastSeen, candidate.lastSeen].compactMap { $0 }.max()
                merged[candidate.domain] = existing
            } else {
                merged[candidate.domain] = candidate
            }
        }
        do throws(StoreError) {
            if includeCache {
                for domain in try store.domains() where merged[domain] == nil {
                    merged[domain] = DomainCandidate(domain: domain, sources: ["cache"])
                }
            }
            let entries = try self.entries(of: merged)
            var statuses: [DomainStatus] = []
            statuses.reserveCapacity(merged.count)
            for candidate in merged.values.sorted(by: { $0.domain < $1.domain }) {
                let entry = entries[candidate.domain]
                var candidate = candidate
                if let tracking = entry?.tracking {
                    candidate.lastSeen = [candidate.lastSeen, tracking.learnedAt, tracking.missedAt].compactMap { $0 }.max()
                }
                let plan = RenewalPlanner.plan(entry: entry, settings: settings, now: now, domain: candidate.domain)
                statuses.append(DomainStatus(candidate: candidate, entry: entry, plan: plan))
            }
            return statuses
        } catch {
            throw PrewarmError(.cache, error.description)
        }
    }

    /// The cache entries of `domains` (absent: no entry): one read each for a few domains,
    /// else one pass over the cache keeping the wanted ones.
    func entries(of domains: [DomainName: DomainCandidate]) throws(StoreError) -> [DomainName: CacheEntry] {
        var entries: [DomainName: CacheEntry] = [:]
        entries.reserveCapacity(domains.count)
        if domains.count >= Self.singlePassMinimum {
            try store.forEachEntry { entry in
                if domains[entry.domain] != nil { entries[entry.domain] = entry }
            }
        } else {
            for domain in domains.keys {
                if let entry = try store.entry(for: domain) { entries[domain] = entry }
            }
        }
        return entries
    }
}
