/// Why the prewarmer tracks a domain beyond the configuration: keys `D:learned` and `D:missed`.
///
/// Configured domains are not stored (the configuration says them every run); domains learned
/// from Exim's logs and domains a cache-only lookup asked for are, with when that last happened,
/// so learned domains can be forgotten after a while and misses fetched on the next pass.
public struct DomainTracking: Sendable, Equatable {
    /// Unix seconds a remote delivery to the domain was last seen in Exim's logs (`D:learned`).
    public var learnedAt: Int64?
    /// Unix seconds of the last cache-only lookup that found no usable policy (`D:missed`).
    public var missedAt: Int64?

    public init(learnedAt: Int64? = nil, missedAt: Int64? = nil) {
        self.learnedAt = learnedAt
        self.missedAt = missedAt
    }

    public var isEmpty: Bool { learnedAt == nil && missedAt == nil }
}
