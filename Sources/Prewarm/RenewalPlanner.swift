import MTASTSConfig
import MTASTSPolicy
import PolicyStore

/// Decides, from a domain's cache entry alone, what the prewarmer does next and when. A pure
/// function of (entry, settings, now, domain): no clock, no I/O.
///
/// - No entry, no check yet, or a cache-only lookup missed since the last check
///   (`tracking.missedAt > lastCheck.checkedAt`): fetch now.
/// - A policy: re-check the TXT id every `recheck_every` (RFC 8461 §5.1: an unchanged id needs no
///   HTTPS); renew (fetch regardless of the id) once less than the renewal window remains before
///   `expire`, minus a per-domain jitter so renewals spread out. An expired policy: fetch now.
/// - No policy: look again after `no_policy_recheck`.
/// - A failure: retry after `failure_backoff_min × 2^(failures−1)`, at most `failure_backoff_max`,
///   and never later than the next id re-check. The retry is forced when the cached policy is
///   inside its renewal window, so a failing domain close to expiry keeps being fetched at the
///   backoff's pace. (A failure never removes the cached policy: `PolicyRefresher` keeps it.)
public enum RenewalPlanner {
    /// The renewal window never shrinks below this where `max_age` allows (one day).
    public static let minimumWindow: Int64 = 86_400

    public static func plan(entry: CacheEntry?, settings: RenewalSettings, now: Int64,
                            domain: DomainName) -> RenewalPlan {
        guard let entry, let check = entry.lastCheck else {
            return RenewalPlan(action: .fetch, due: now, force: false, reason: "never fetched")
        }
        if let missed = entry.tracking?.missedAt, missed > check.checkedAt {
            return RenewalPlan(action: .fetch, due: now, force: false, reason: "a cache-only lookup missed it")
        }
        let renewAt = entry.policy.map { renewalTime(of: $0, settings: settings, domain: domain) }
        switch check.outcome {
        case .failure:
            let failedAt = check.failedAt ?? check.checkedAt
            let backoffDue = failedAt + backoff(failures: check.consecutiveFailures, settings: settings)
            let due = min(backoffDue, check.checkedAt + settings.recheckEvery)
            let force = renewAt.map { due >= $0 } ?? false
            return RenewalPlan(action: .retry, due: due, force: force,
                               reason: "\(check.consecutiveFailures) failure\(check.consecutiveFailures == 1 ? "" : "s") in a row")
        case .noPolicy:
            return RenewalPlan(action: .lookAgain, due: check.checkedAt + settings.noPolicyRecheck, force: false,
                               reason: "no policy published")
        case .policy:
            guard let policy = entry.policy, let renewAt else {
                return RenewalPlan(action: .fetch, due: now, force: false, reason: "policy missing from the cache")
            }
            if !policy.isValid(at: now) {
                return RenewalPlan(action: .fetch, due: now, force: true, reason: "cached policy expired")
            }
            let recheckDue = check.checkedAt + settings.recheckEvery
            if renewAt <= recheckDue {
                return RenewalPlan(action: .renew, due: renewAt, force: true, reason: "policy close to expiry")
            }
            return RenewalPlan(action: .recheck, due: recheckDue, force: false, reason: "periodic TXT id check")
        }
    }

    /// `failure_backoff_min × 2^(failures−1)`, capped at `failure_backoff_max`.
    public static func backoff(failures: Int, settings: RenewalSettings) -> Int64 {
        var wait = settings.failureBackoffMin
        var remaining = max(failures, 1) - 1
        while remaining > 0 && wait < settings.failureBackoffMax {
            wait *= 2
            remaining -= 1
        }
        return min(wait, settings.failureBackoffMax)
    }

    /// The `max_age` of a cached policy: stored, else derived from the fetch time; nil for a
    /// migrated policy that records neither.
    static func maxAge(of policy: CachedPolicy) -> Int64? {
        if let maxAge = policy.maxAge { return Int64(maxAge) }
        if let fetchedAt = policy.fetchedAt, policy.expire > fetchedAt { return policy.expire - fetchedAt }
        return nil
    }

    /// How long before expiry renewal starts: `renew_before` (a share of `max_age` or a
    /// duration), at least one day where `max_age` allows, at most half of `max_age`. A policy
    /// without a known `max_age` uses one day.
    public static func renewalWindow(maxAge: Int64?, renewBefore: RenewBefore) -> Int64 {
        guard let maxAge, maxAge > 0 else { return minimumWindow }
        let wanted: Int64
        switch renewBefore {
        case .percent(let percent): wanted = maxAge * Int64(percent) / 100
        case .duration(let duration): wanted = duration.components.seconds
        }
        return min(max(wanted, minimumWindow), maxAge / 2)
    }

    /// The time renewal starts: `expire − window − jitter`, the jitter being up to a tenth of
    /// the window, fixed per domain.
    public static func renewalTime(of policy: CachedPolicy, settings: RenewalSettings, domain: DomainName) -> Int64 {
        let window = renewalWindow(maxAge: maxAge(of: policy), renewBefore: settings.renewBefore)
        return policy.expire - window - DomainJitter.offset(for: domain, upTo: window / 10)
    }
}
