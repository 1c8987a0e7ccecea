import MTASTSPolicy

/// One domain a pass works on, and whether its policy is fetched even if the id is unchanged.
public struct PassItem: Sendable, Equatable {
    public var domain: DomainName
    public var force: Bool

    public init(domain: DomainName, force: Bool) {
        self.domain = domain
        self.force = force
    }
}

/// Which tracked domains a pass takes.
public enum PassSelection: Sendable, Equatable {
    /// Those whose plan is due now (the scheduled pass).
    case due
    /// Every domain, now: the TXT id is re-checked; the policy fetched only where the plan
    /// forces it (renewal window, expiry) or nothing is cached (RFC 8461 §5.1).
    case all
    /// Every domain, policy fetched over HTTPS regardless of the id.
    case force

    /// The items of a pass over `planned` domains at `now`, in the order given.
    public func items(_ planned: [(domain: DomainName, plan: RenewalPlan)], now: Int64) -> [PassItem] {
        switch self {
        case .due:
            return planned.filter { $0.plan.isDue(at: now) }.map { PassItem(domain: $0.domain, force: $0.plan.force) }
        case .all:
            return planned.map { PassItem(domain: $0.domain, force: $0.plan.isDue(at: now) && $0.plan.force) }
        case .force:
            return planned.map { PassItem(domain: $0.domain, force: true) }
        }
    }
}
