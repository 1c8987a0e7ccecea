import MTASTSPolicy

/// The MTA-STS cache: one entry per domain, read by Exim's lookups and written by the
/// prewarmer. Every call is synchronous and uses one transaction, so no transaction ever
/// spans an `await`.
public protocol PolicyStore: Sendable {
    /// The domain's entry, read in one read transaction; nil when none of its keys exists.
    func entry(for domain: DomainName) throws(StoreError) -> CacheEntry?

    /// Stores `entry` in ONE write transaction: writes the entry's keys and deletes the
    /// domain's other cache keys (for example `D:report` when the entry has no report
    /// address), so a reader never sees half a policy. ``CacheEntry/problems`` is not stored.
    /// An entry with no parts removes the domain's cache keys.
    func put(_ entry: CacheEntry) throws(StoreError)

    /// Every domain with at least one key, sorted.
    func domains() throws(StoreError) -> [DomainName]

    /// Reads the domain's entry and stores what `transform` returns, in ONE write transaction,
    /// so no other writer can slip in between. Returning nil leaves the entry unchanged.
    /// `transform` may run more than once (after the map grows) and must not have side
    /// effects beyond its result; it must not call the store (the write transaction is open).
    /// Returns the entry as stored afterwards.
    @discardableResult
    func update(_ domain: DomainName, _ transform: (CacheEntry?) -> CacheEntry?) throws(StoreError) -> CacheEntry?

    /// Visits every domain's entry once, in the store's key order (not sorted by name), in ONE read pass (one read transaction
    /// for the LMDB store): for a whole-cache summary such as `mtasts status`. `body` must not
    /// call the store.
    func forEachEntry(_ body: (CacheEntry) -> Void) throws(StoreError)
}

extension PolicyStore {
    /// The simple way: `domains()`, then one `entry(for:)` per domain.
    public func forEachEntry(_ body: (CacheEntry) -> Void) throws(StoreError) {
        for domain in try domains() {
            if let entry = try entry(for: domain) { body(entry) }
        }
    }
}
