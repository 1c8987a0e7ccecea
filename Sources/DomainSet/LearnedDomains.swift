import MTASTSConfig
import MTASTSPolicy
import PolicyStore

/// The writing side of learned domains in the cache (`D:learned`): recording sightings and
/// forgetting domains not seen for `learn.forget_after`. Policy keys are never touched.
public struct LearnedDomains: Sendable {
    public let store: any PolicyStore
    public let ignore: [DomainPattern]

    public init(store: any PolicyStore, ignore: [DomainPattern] = []) {
        self.store = store
        self.ignore = ignore
    }

    /// What ``record(_:)`` did.
    public struct RecordResult: Sendable, Equatable {
        /// Domains whose `D:learned` was written (ignored ones are not).
        public var learned: [DomainName] = []
        /// Of those, the ones not learned before (no `D:learned`, or a forgotten one).
        public var new: [DomainName] = []
    }

    /// Stores each domain's sighting time in `D:learned`, keeping the later of the stored and
    /// the new time, one write transaction per domain. `isCurrent` decides whether a stored
    /// time still counts (a domain whose old sighting is already forgotten counts as new).
    public func record(_ sightings: [DomainName: Int64],
                       isCurrent: (Int64) -> Bool = { _ in true }) throws(DomainSetError) -> RecordResult {
        var result = RecordResult()
        for (domain, seenAt) in sightings.sorted(by: { $0.key < $1.key }) where !ignore.matches(domain) {
            var wasKnown = false
            do throws(StoreError) {
                try store.update(domain) { existing in
                    var entry = existing ?? CacheEntry(domain: domain)
                    var tracking = entry.tracking ?? DomainTracking()
                    wasKnown = tracking.learnedAt.map(isCurrent) ?? false
                    tracking.learnedAt = max(tracking.learnedAt ?? seenAt, seenAt)
                    entry.tracking = tracking
                    return entry
                }
            } catch {
                throw DomainSetError.store(error)
            }
            result.learned.append(domain)
            if !wasKnown { result.new.append(domain) }
        }
        return result
    }

    /// Clears `D:learned` of domains last seen more than `forgetAfter` before `now`; returns them.
    /// Their cached policy and `D:missed` stay.
    public func forgetStale(forgetAfter: Duration, now: Int64) throws(DomainSetError) -> [DomainName] {
        let limit = DomainSetBuilder.seconds(forgetAfter)
        var forgotten: [DomainName] = []
        do throws(StoreError) {
            for domain in try store.domains() {
                guard let learnedAt = try store.entry(for: domain)?.tracking?.learnedAt,
                      now - learnedAt > limit else { continue }
                try store.update(domain) { existing in
                    guard var entry = existing, let seen = entry.tracking?.learnedAt, now - seen > limit else { return nil }
                    entry.tracking?.learnedAt = nil
                    return entry
                }
                forgotten.append(domain)
            }
        } catch {
            throw DomainSetError.store(error)
        }
        return forgotten
    }
}
