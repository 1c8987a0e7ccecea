import MTASTSPolicy
import PolicyStore

/// What a cache entry says about a domain at a given moment, the input of every answer.
public enum EntryState: Sendable, Equatable {
    /// The prewarmer found DNSSEC-validated TLSA records for every MX host: DANE applies and
    /// takes precedence over MTA-STS (RFC 8461 §2).
    case dane
    /// A policy that is still valid (RFC 8461 §5.1: until `max_age` has run out).
    case policy(CachedPolicy)
    /// The last discovery found no MTA-STS record, and no valid policy is cached.
    case noPolicy
    /// The last discovery failed and no valid policy is cached (RFC 8461 §5.1).
    case failed
    /// Nothing usable: no entry, only tracking keys, or an expired policy whose last check
    /// did not fail or find "no policy" since. The prewarmer should fetch the domain.
    case miss

    /// Classifies `entry` at `now` (Unix seconds). DANE comes first (RFC 8461 §2). Then a valid
    /// policy always wins: a failed
    /// refresh keeps using the cached policy (RFC 8461 §5.1 MUST).
    public init(_ entry: CacheEntry?, now: Int64) {
        guard let entry else { self = .miss; return }
        if entry.dane?.hasValidatedTLSA == true {
            self = .dane
            return
        }
        if let policy = entry.policy, policy.isValid(at: now) {
            self = .policy(policy)
            return
        }
        switch entry.lastCheck?.outcome {
        case .noPolicy: self = .noPolicy
        case .failure: self = .failed
        case .policy, nil: self = .miss
        }
    }
}
