#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MTASTSPolicy

/// The cache as one LMDB environment file (`MDB_NOSUBDIR`, lock file `<path>-lock`), unnamed
/// database, plain-text keys `D:name` and values without NUL, so Exim's own `lmdb` lookup
/// (which opens `MDB_NOSUBDIR|MDB_RDONLY` and matches raw key bytes) can read it too.
///
/// Many processes may read while one writes; LMDB's writer lock serialises writers across
/// processes. A full map is grown (doubled) and the write retried.
public final class LMDBPolicyStore: PolicyStore, @unchecked Sendable {
    public enum AccessMode: Sendable { case readOnly, readWrite }

    /// Where the Debian Exim setup keeps the cache.
    public static let defaultPath = "/var/spool/exim4/mtasts.lmdb"

    public let path: String
    public let access: AccessMode
    let environment: LMDBEnvironment

    /// Opens the cache at `path`. `readWrite` creates a missing file (mode 0640) but never its
    /// directory; `readOnly` on a missing file fails with ``StoreError/Kind/missing``. A file
    /// that is not an LMDB environment is refused and left untouched. `mapSize` is the initial
    /// map size for writers (it grows as needed); readers use the size recorded in the file.
    /// Stores for one file in one process share one LMDB environment (see `EnvironmentRegistry`),
    /// opened with the first store's settings.
    public init(path: String, access: AccessMode, mapSize: Int = 1 << 30) throws(StoreError) {
        self.path = path
        self.access = access
        let readOnly = access == .readOnly
        switch FileProbe.kind(of: path) {
        case .directory: throw StoreError.isDirectory(path)
        case .missing where readOnly: throw StoreError.missing(path)
        case .missing where FileProbe.kind(of: FileProbe.directory(of: path)) != .directory:
            throw StoreError.directoryMissing(path)
        case .regularFile where readOnly && FileProbe.size(of: path) == 0:
            // LMDB would have to write the first pages; read-only it fails with EBADF.
            throw StoreError(.missing, path: path, "the cache \(path) is empty; run `mtasts prewarm` or `mtasts fetch --store`")
        default: break
        }
        environment = try Self.open(path: path, singleFile: true, readOnly: readOnly,
                                    mapSize: readOnly ? nil : mapSize)
    }

    /// Opens an environment (or shares the one this process already has open for the file),
    /// mapping failures to ``StoreError``. A read-only open on a read-only file system, where
    /// LMDB cannot create its lock file, is retried without one: no writer can exist there.
    static func open(path: String, singleFile: Bool, readOnly: Bool, mapSize: Int?) throws(StoreError) -> LMDBEnvironment {
        let dataFile = singleFile ? path : path + "/data.mdb"
        return try EnvironmentRegistry.shared.environment(dataFile: dataFile, readOnly: readOnly, path: path) { () throws(StoreError) in
            var options = LMDBOptions(readOnly: readOnly, singleFile: singleFile, mapSize: mapSize)
            do throws(LMDBError) {
                return try LMDBEnvironment(path: path, options: options)
            } catch {
                let lockFileImpossible = error.kind == .system(EROFS) || error.kind == .system(ENOENT)
                guard readOnly, lockFileImpossible, FileProbe.isOnReadOnlyFileSystem(path) else {
                    throw StoreError(error, path: path, readOnly: readOnly)
                }
                options.withoutLockFile = true
                do throws(LMDBError) {
                    return try LMDBEnvironment(path: path, options: options)
                } catch {
                    throw StoreError(error, path: path, readOnly: readOnly)
                }
            }
        }
    }

    /// The current map size in bytes (it grows when writes fill it).
    public var mapSize: Int { environment.mapSize }

    public func entry(for domain: DomainName) throws(StoreError) -> CacheEntry? {
        let stored = try read { txn throws(LMDBError) in try Self.stored(domain, txn) }
        return EntryDecoder.entry(for: domain, stored: stored)?.0
    }

    /// The domain's raw values by name, from one cursor pass over its `D:` keys (adjacent in
    /// key order), the hot path of Exim's lookups.
    static func stored(_ domain: DomainName, _ txn: borrowing LMDBReadTransaction) throws(LMDBError) -> [CacheKeyName: [UInt8]] {
        var stored: [CacheKeyName: [UInt8]] = [:]
        try txn.forEachValue(withPrefix: CacheKey.prefix(domain), suffixes: CacheKey.nameBytes) { index, value in
            stored[CacheKey.names[index]] = value
        }
        return stored
    }

    public func put(_ entry: CacheEntry) throws(StoreError) {
        let values = try EntryEncoder.values(of: entry, path: path)
        try write { txn throws(LMDBError) in try Self.write(entry.domain, values, txn) }
    }

    public func domains() throws(StoreError) -> [DomainName] {
        let keys = try read { txn throws(LMDBError) in try txn.keys() }
        return Set(keys.compactMap(CacheKey.domain(of:))).sorted()
    }

    /// One read transaction and one cursor pass: a domain's keys are adjacent in key order
    /// (`D:` sorts after every longer name beginning with `D`), so each domain is decoded as
    /// soon as the cursor leaves it. Keys that are not `D:name` of a canonical domain are skipped.
    public func forEachEntry(_ body: (CacheEntry) -> Void) throws(StoreError) {
        try read { txn throws(LMDBError) in
            var current: DomainName?
            var currentBytes: ArraySlice<UInt8> = []
            var stored: [CacheKeyName: [UInt8]] = [:]
            func flush() {
                if let domain = current, let (entry, _) = EntryDecoder.entry(for: domain, stored: stored) { body(entry) }
                stored.removeAll(keepingCapacity: true)
            }
            try txn.forEachPair { pair in
                guard let colon = pair.key.lastIndex(of: UInt8(ascii: ":")),
                      let name = CacheKeyName(rawValue: String(decoding: pair.key[(colon + 1)...], as: UTF8.self)) else { return }
                let domainBytes = pair.key[..<colon]
                if current == nil || domainBytes != currentBytes {
                    flush()
                    current = CacheKey.domain(of: pair.key)
                    currentBytes = domainBytes
                }
                if current != nil { stored[name] = pair.value }
            }
            flush()
        }
    }

    @discardableResult
    public func update(_ domain: DomainName, _ transform: (CacheEntry?) -> CacheEntry?) throws(StoreError) -> CacheEntry? {
        let outcome: Result<CacheEntry?, StoreError> = try write { txn throws(LMDBError) in
            let current = EntryDecoder.entry(for: domain, stored: Self.stored(domain, try txn.values(forKeys: Self.keys(domain))))?.0
            guard let replacement = transform(current) else { return .success(current) }
            let values: [CacheKeyName: String]
            do throws(StoreError) {
                try StoreUpdate.checkDomain(replacement, domain, path: path)
                values = try EntryEncoder.values(of: replacement, path: path)
            } catch {
                return .failure(error)  // nothing written; the transaction commits empty
            }
            try Self.write(domain, values, txn)
            let stored = Self.stored(domain, try txn.values(forKeys: Self.keys(domain)))
            return .success(EntryDecoder.entry(for: domain, stored: stored)?.0)
        }
        return try outcome.get()
    }

    /// Every pair of the unnamed database, copied (for migration and diagnostics).
    func allPairs() throws(StoreError) -> [LMDBPair] {
        try read { txn throws(LMDBError) in try txn.pairs() }
    }

    // MARK: - Transactions

    private func read<T>(_ body: (borrowing LMDBReadTransaction) throws(LMDBError) -> T) throws(StoreError) -> T {
        try checkProcess()
        do throws(LMDBError) {
            return try environment.read(body)
        } catch {
            throw StoreError(error, path: path, readOnly: access == .readOnly)
        }
    }

    private func write<T>(_ body: (borrowing LMDBWriteTransaction) throws(LMDBError) -> T) throws(StoreError) -> T {
        try checkProcess()
        guard access == .readWrite else {
            throw StoreError(.readOnlyStore, path: path, "the cache \(path) was opened read-only; it cannot be written")
        }
        do throws(LMDBError) {
            return try environment.write(body)
        } catch {
            throw StoreError(error, path: path, readOnly: false, mapSize: environment.mapSize)
        }
    }

    /// LMDB forbids using an environment in a child created by `fork()` after it was opened
    /// (Exim's delivery processes fork): such a child must open the cache again.
    func checkProcess() throws(StoreError) {
        guard environment.isUsableInThisProcess else {
            throw StoreError(.io, path: path,
                             "the cache \(path) was opened by process \(environment.ownerProcess) before a fork; open it again in this process")
        }
    }

    private static func keys(_ domain: DomainName) -> [String] {
        CacheKeyName.allCases.map { CacheKey.make(domain, $0) }
    }

    private static func stored(_ domain: DomainName, _ values: [String: [UInt8]]) -> [CacheKeyName: [UInt8]] {
        var stored: [CacheKeyName: [UInt8]] = [:]
        for name in CacheKeyName.allCases { stored[name] = values[CacheKey.make(domain, name)] }
        return stored
    }

    /// Writes the present values and deletes the domain's other cache keys.
    private static func write(_ domain: DomainName, _ values: [CacheKeyName: String],
                              _ txn: borrowing LMDBWriteTransaction) throws(LMDBError) {
        for name in CacheKeyName.allCases {
            let key = CacheKey.make(domain, name)
            if let value = values[name] { try txn.put(Array(value.utf8), forKey: key) } else { try txn.delete(key: key) }
        }
    }
}
