import MTASTSPolicy

/// One domain of the domain set, with where it came from.
public struct TrackedDomain: Sendable, Equatable {
    /// The recipient domain.
    public var domain: DomainName
    /// Every source that names it (never empty).
    public var sources: Set<DomainSource>
    /// Unix seconds the domain was last seen in Exim's logs, when it is learned.
    public var lastSeen: Int64?
    /// Unix seconds of the last cache-only lookup that missed it, when there was one.
    public var missedAt: Int64?

    public init(domain: DomainName, sources: Set<DomainSource>, lastSeen: Int64? = nil, missedAt: Int64? = nil) {
        self.domain = domain
        self.sources = sources
        self.lastSeen = lastSeen
        self.missedAt = missedAt
    }

    /// The sources in a fixed order (config, file, learned, miss), for output.
    public var sortedSources: [DomainSource] { sources.sorted() }
}
