import MTASTSPolicy

/// The in-memory driver, for unit tests of logic that uses a store. It keeps the same
/// plain-text key/value pairs as the LMDB file and shares its encoder and decoder, so it
/// behaves the same, problems included.
public final class MemoryPolicyStore: PolicyStore, @unchecked Sendable {
    private let lock = ReadWriteLock()
    private var pairs: [String: [UInt8]] = [:]
    private static let path = "the memory store"

    public init() {}

    /// A store holding exactly these raw keys and values, as if another program had written
    /// them (for tests of malformed caches).
    public init(rawValues: [String: String]) {
        pairs = rawValues.mapValues { Array($0.utf8) }
    }

    /// The raw keys and values, sorted by key (what `mdb_dump` would show for the LMDB driver).
    public var rawValues: [(key: String, value: String)] {
        lock.withShared { pairs }.sorted { $0.key < $1.key }
            .map { (key: $0.key, value: String(decoding: $0.value, as: UTF8.self)) }
    }

    public func entry(for domain: DomainName) throws(StoreError) -> CacheEntry? {
        lock.withShared { EntryDecoder.entry(for: domain, stored: stored(domain))?.0 }
    }

    public func put(_ entry: CacheEntry) throws(StoreError) {
        let values = try EntryEncoder.values(of: entry, path: Self.path)
        lock.withExclusive { write(entry.domain, values) }
    }

    public func domains() throws(StoreError) -> [DomainName] {
        Set(lock.withShared { pairs.keys }.compactMap { CacheKey.domain(of: Array($0.utf8)) }).sorted()
    }

    @discardableResult
    public func update(_ domain: DomainName, _ transform: (CacheEntry?) -> CacheEntry?) throws(StoreError) -> CacheEntry? {
        try lock.withExclusive { () throws(StoreError) -> CacheEntry? in
            let current = EntryDecoder.entry(for: domain, stored: stored(domain))?.0
            guard let replacement = transform(current) else { return current }
            try StoreUpdate.checkDomain(replacement, domain, path: Self.path)
            write(domain, try EntryEncoder.values(of: replacement, path: Self.path))
            return EntryDecoder.entry(for: domain, stored: stored(domain))?.0
        }
    }

    private func stored(_ domain: DomainName) -> [CacheKeyName: [UInt8]] {
        var stored: [CacheKeyName: [UInt8]] = [:]
        for name in CacheKeyName.allCases { stored[name] = pairs[CacheKey.make(domain, name)] }
        return stored
    }

    private func write(_ domain: DomainName, _ values: [CacheKeyName: String]) {
        for name in CacheKeyName.allCases {
            pairs[CacheKey.make(domain, name)] = values[name].map { Array($0.utf8) }
        }
    }
}

/// Rules `update` shares between the drivers.
enum StoreUpdate {
    static func checkDomain(_ entry: CacheEntry, _ domain: DomainName, path: String) throws(StoreError) {
        guard entry.domain == domain else {
            throw StoreError(.invalidEntry, path: path,
                             "refusing to store an entry for \(entry.domain) while updating \(domain) in \(path)")
        }
    }
}
