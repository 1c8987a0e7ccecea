import MTASTSPolicy

/// Everything the cache holds about one domain (keys `D:<name>`, D the canonical A-label).
public struct CacheEntry: Sendable, Equatable {
    public var domain: DomainName
    public var policy: CachedPolicy?
    public var reporting: CachedReporting?
    public var lastCheck: CheckRecord?
    /// Why a domain outside the configuration is tracked (learned from logs, missed by a lookup).
    public var tracking: DomainTracking?
    /// Whether DANE applies to the domain's MX hosts (checked by the prewarmer).
    public var dane: DANEStatus?
    /// Values found malformed when reading, one sentence each (for example
    /// `example.com:expire is "abc", not a number`). The malformed part is treated as absent.
    /// Never written.
    public var problems: [String]

    public init(domain: DomainName, policy: CachedPolicy? = nil, reporting: CachedReporting? = nil,
                lastCheck: CheckRecord? = nil, tracking: DomainTracking? = nil, dane: DANEStatus? = nil,
                problems: [String] = []) {
        self.domain = domain
        self.policy = policy
        self.reporting = reporting
        self.lastCheck = lastCheck
        self.tracking = tracking
        self.dane = dane
        self.problems = problems
    }

    /// Whether the entry holds nothing to store.
    public var isEmpty: Bool {
        policy == nil && reporting == nil && lastCheck == nil && (tracking?.isEmpty ?? true) && dane == nil
    }
}
