import MTASTSPolicy
import PolicyStore

/// The cache as the lookups use it: read an entry; record a miss.
public protocol LookupCache: AnyObject {
    func entry(for domain: DomainName) throws(StoreError) -> CacheEntry?
    /// Sets `D:missed` to `now` in one read-modify-write transaction, so the prewarmer picks
    /// the domain up.
    func recordMiss(_ domain: DomainName, at now: Int64) throws(StoreError)
}

extension LookupCache {
    /// The entry with its tracking's `missedAt` set (what ``recordMiss(_:at:)`` stores).
    static func markedMissed(_ entry: CacheEntry?, _ domain: DomainName, _ now: Int64) -> CacheEntry {
        var marked = entry ?? CacheEntry(domain: domain)
        var tracking = marked.tracking ?? DomainTracking()
        tracking.missedAt = now
        marked.tracking = tracking
        return marked
    }
}

/// Any ``PolicyStore`` (the in-memory one in tests) used for both reading and writing.
public final class StoreLookupCache: LookupCache {
    let store: any PolicyStore

    public init(_ store: any PolicyStore) {
        self.store = store
    }

    public func entry(for domain: DomainName) throws(StoreError) -> CacheEntry? {
        try store.entry(for: domain)
    }

    public func recordMiss(_ domain: DomainName, at now: Int64) throws(StoreError) {
        try store.update(domain) { Self.markedMissed($0, domain, now) }
    }
}

/// The LMDB cache file: opened read-only on the first read and kept open (an
/// ``LMDBEntryReader``: each read is a new read-only transaction, so it sees the newest
/// committed data); a miss closes it and opens the file read-write just for the update (one process may
/// hold only one LMDB environment per file, and a read-write one cannot follow a read-only
/// one), then the next read opens it read-only again. A failed read also closes it, so a cache
/// file that was unreadable and has been replaced (`mtasts prewarm --rebuild`) is opened anew.
///
/// Not for use across `fork()`: a child must make its own (see the module's per-process state).
public final class LMDBLookupCache: LookupCache {
    public let path: String
    /// How many domains' entries the reader remembers per snapshot (``LMDBEntryReader``).
    public let remembering: Int
    private var reader: LMDBEntryReader?

    /// - Parameter remembering: 0 for a process that asks one question (the helper).
    public init(path: String, remembering: Int = 8) {
        self.path = path
        self.remembering = remembering
    }

    public func entry(for domain: DomainName) throws(StoreError) -> CacheEntry? {
        let opened: LMDBEntryReader
        if let reader {
            opened = reader
        } else {
            opened = try LMDBEntryReader(path: path, remembering: remembering)
            reader = opened
        }
        do throws(StoreError) {
            return try opened.entry(for: domain)
        } catch {
            reader = nil
            throw error
        }
    }

    public func recordMiss(_ domain: DomainName, at now: Int64) throws(StoreError) {
        reader = nil
        let writer = try LMDBPolicyStore(path: path, access: .readWrite)
        try writer.update(domain) { Self.markedMissed($0, domain, now) }
    }
}
