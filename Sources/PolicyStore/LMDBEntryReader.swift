import MTASTSPolicy

/// Reads entries from the LMDB cache for a long-lived process that asks many questions (the
/// Exim module): the environment and one cursor are kept, and the last few entries decoded are
/// remembered for as long as the cache's committed snapshot (the LMDB transaction id) stays
/// the same. Every read still begins a new read-only transaction, so a write committed by the
/// prewarmer is seen by the very next read; an unchanged snapshot means unchanged data, so a
/// remembered entry is exactly what decoding again would give.
///
/// Not `Sendable`: for one thread at a time, and not across `fork()` (a child must make its own).
public final class LMDBEntryReader {
    public let path: String
    private let store: LMDBPolicyStore
    private let reader: LMDBReusableReader
    private var snapshot: Int?
    private var remembered: [Remembered] = []
    private struct Remembered {
        var domain: DomainName
        var entry: CacheEntry?
    }

    /// How many domains' entries are remembered per snapshot.
    public let rememberedLimit: Int

    /// Opens the cache read-only, with ``LMDBPolicyStore``'s checks and errors. `remembering`:
    /// how many domains' entries to keep per snapshot; 0 for a process that asks once (the
    /// helper), which then never builds the table.
    public init(path: String, remembering: Int = 8) throws(StoreError) {
        self.path = path
        rememberedLimit = max(0, remembering)
        store = try LMDBPolicyStore(path: path, access: .readOnly)
        reader = LMDBReusableReader(environment: store.environment)
    }

    /// The domain's entry in the newest committed snapshot; nil when none of its keys exists.
    public func entry(for domain: DomainName) throws(StoreError) -> CacheEntry? {
        try store.checkProcess()
        do throws(LMDBError) {
            return try reader.read { txn throws(LMDBError) in
                let current = txn.snapshotID
                if rememberedLimit == 0 {
                    return EntryDecoder.entry(for: domain, stored: try LMDBPolicyStore.stored(domain, txn))?.0
                }
                if current != snapshot {
                    snapshot = current
                    remembered.removeAll(keepingCapacity: true)
                } else {
                    for index in remembered.indices where remembered[index].domain == domain {
                        return remembered[index].entry
                    }
                }
                let entry = EntryDecoder.entry(for: domain, stored: try LMDBPolicyStore.stored(domain, txn))?.0
                if remembered.count == rememberedLimit { remembered.removeFirst() }
                remembered.append(Remembered(domain: domain, entry: entry))
                return entry
            }
        } catch {
            throw StoreError(error, path: path, readOnly: true)
        }
    }
}
