import MTASTSPolicy
import PolicyStore

/// Applies RFC 8461 §5.1 to a cache: discovers a domain's policy and records what was found
/// in ONE write, so a reader never sees half a policy and a failure never overwrites a valid
/// cached policy.
///
/// - Same TXT id and an unexpired cached policy: no HTTPS fetch; the cached policy stays.
/// - Changed id (or no usable cached policy): fetch; a valid new policy replaces the old.
/// - Discovery fails: the cached policy stays (valid or not — data is never dropped on a
///   failure); the failure is recorded beside it with its RFC 8460 result type.
/// - No policy (no `v=STSv1` record): an unexpired cached policy stays in force until it
///   expires (RFC 8461 §5.1, §10); an expired one is removed.
public struct PolicyRefresher: Sendable {
    public let discoverer: PolicyDiscoverer
    public let store: any PolicyStore
    /// Where each failed discovery is also noted, dated, for the day's TLS report
    /// (RFC 8460 §4.3.2.2); nil: nowhere. A journal that cannot be written never fails a refresh.
    public let journal: (any DiscoveryFailureRecorder)?

    public init(discoverer: PolicyDiscoverer, store: any PolicyStore, journal: (any DiscoveryFailureRecorder)? = nil) {
        self.discoverer = discoverer
        self.store = store
        self.journal = journal
    }

    /// Refreshes `domain` at time `now` (Unix seconds). `force` fetches even when the id is unchanged.
    public func refresh(_ domain: DomainName, now: Int64, force: Bool = false) throws(StoreError) -> RefreshReport {
        let previous = try store.entry(for: domain)
        let cached = previous?.policy
        let result = discoverer.discover(domain, cachedPolicy: force ? nil : cached, now: now)
        let reporting = Self.reportingLookupNeeded(result.outcome) ? discoverer.lookUpReporting(domain) : nil
        // DANE (RFC 8461 §2) is checked on the same terms as reporting: not after a DNS failure.
        let dane = Self.reportingLookupNeeded(result.outcome) ? discoverer.lookUpDANE(domain) : nil
        let entry = Self.updatedEntry(previous: previous, domain: domain, result: result, reporting: reporting,
                                      dane: dane, now: now)
        try store.put(entry)
        if case .failure(let failure) = result.outcome, let journal {
            try? journal.append(DiscoveryFailureRecord(time: now, domain: domain, resultType: failure.resultType.rawValue,
                                                       detail: failure.detail))
        }
        return RefreshReport(result: result, reporting: reporting, entry: entry, previous: previous, now: now)
    }

    /// A failed discovery already had its DNS trouble; don't add a second lookup's worth of delay.
    public static func reportingLookupNeeded(_ outcome: DiscoveryResult.Outcome) -> Bool {
        if case .failure = outcome { return false }
        return true
    }

    /// The cache entry after this attempt, derived from the previous one and the result.
    static func updatedEntry(previous: CacheEntry?, domain: DomainName, result: DiscoveryResult,
                             reporting: ReportingLookup?, dane: DANELookup? = nil, now: Int64) -> CacheEntry {
        var entry = previous ?? CacheEntry(domain: domain, policy: nil, reporting: nil, lastCheck: nil, problems: [])
        entry.problems = []
        let failures = previous?.lastCheck?.consecutiveFailures ?? 0
        switch result.outcome {
        case .fetched(let policy, let id, _):
            entry.policy = CachedPolicy(
                mode: policy.mode, mx: policy.mx.map(\.description), expire: now + Int64(policy.maxAge), id: id,
                text: policy.text, maxAge: policy.maxAge, fetchedAt: now)
            entry.lastCheck = CheckRecord(checkedAt: now, outcome: .policy, error: nil, errorType: nil,
                                          consecutiveFailures: 0, failedAt: nil)
        case .unchanged:
            entry.lastCheck = CheckRecord(checkedAt: now, outcome: .policy, error: nil, errorType: nil,
                                          consecutiveFailures: 0, failedAt: nil)
        case .noPolicy(let reason):
            if let cached = entry.policy, !cached.isValid(at: now) { entry.policy = nil }
            entry.lastCheck = CheckRecord(checkedAt: now, outcome: .noPolicy, error: reason, errorType: nil,
                                          consecutiveFailures: 0, failedAt: nil)
        case .failure(let failure):
            entry.lastCheck = CheckRecord(checkedAt: now, outcome: .failure, error: failure.detail,
                                          errorType: failure.resultType.rawValue,
                                          consecutiveFailures: failures + 1, failedAt: now)
        }
        switch reporting {
        case .found(let record)?:
            entry.reporting = CachedReporting(rua: record.reportURIs, reportAddress: record.firstMailAddress)
        case .none?:
            entry.reporting = nil
        case .failed?, nil:
            break // keep what we knew
        }
        switch dane {
        case .validated?: entry.dane = DANEStatus(hasValidatedTLSA: true, checkedAt: now)
        case .notApplicable?: entry.dane = DANEStatus(hasValidatedTLSA: false, checkedAt: now)
        case .failed?, nil: break // keep what we knew
        }
        return entry
    }
}

/// What a refresh did, for the command line and the scheduler.
public struct RefreshReport: Sendable {
    public let result: DiscoveryResult
    public let reporting: ReportingLookup?
    /// The entry as stored after the attempt.
    public let entry: CacheEntry
    public let previous: CacheEntry?
    public let now: Int64

    /// Whether a previously cached, still valid policy was kept although this attempt did not confirm it.
    public var keptCachedPolicy: Bool {
        switch result.outcome {
        case .failure, .noPolicy: return entry.policy.map { $0.isValid(at: now) } ?? false
        case .fetched, .unchanged: return false
        }
    }
}
