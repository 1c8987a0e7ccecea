import MTASTSPolicy
import PolicyStore

/// One tracked domain with its cache entry and its plan, for `mtasts domains` and a pass.
public struct DomainStatus: Sendable, Equatable {
    public var candidate: DomainCandidate
    public var entry: CacheEntry?
    public var plan: RenewalPlan

    public init(candidate: DomainCandidate, entry: CacheEntry?, plan: RenewalPlan) {
        self.candidate = candidate
        self.entry = entry
        self.plan = plan
    }

    public var domain: DomainName { candidate.domain }

    /// The cache state in a word: `policy` (valid), `expired`, `no-policy`, `failing`, `none`.
    public func cacheState(at now: Int64) -> String {
        if let policy = entry?.policy {
            if !policy.isValid(at: now) { return "expired" }
            return entry?.lastCheck?.outcome == .failure ? "policy, failing" : "policy"
        }
        switch entry?.lastCheck?.outcome {
        case .noPolicy?: return "no-policy"
        case .failure?: return "failing"
        case .policy?, nil: return "none"
        }
    }
}
