import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The one file that talks to liblmdb: every `mdb_*` call and every pointer into LMDB memory
// lives here, behind a small safe API. Values are copied into Swift arrays before the
// transaction that produced them ends, and transactions are closure-scoped, non-copyable
// values, so none can outlive its closure or span an `await`.

/// A failed LMDB call: its return code (an `MDB_*` code or an errno value) and the call's name.
struct LMDBError: Error, Sendable {
    /// LMDB's codes, classified so that no other file needs `CLMDB`'s constants.
    enum Kind: Sendable, Equatable {
        case mapFull, mapResized, invalid, versionMismatch, corrupted, readersFull
        /// An errno value (ENOENT, EACCES, EROFS, ...).
        case system(Int32)
        case other
    }

    let code: Int32
    let operation: String

    init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
    }

    var kind: Kind {
        switch code {
        case MDB_MAP_FULL: .mapFull
        case MDB_MAP_RESIZED: .mapResized
        case MDB_INVALID: .invalid
        case MDB_VERSION_MISMATCH: .versionMismatch
        case MDB_CORRUPTED, MDB_PAGE_NOTFOUND: .corrupted
        case MDB_READERS_FULL: .readersFull
        case 1...: .system(code)
        default: .other
        }
    }

    /// LMDB's own text for the code (`mdb_strerror`, which covers errno values too).
    var message: String { String(cString: mdb_strerror(code)) }
}

/// How to open an environment.
struct LMDBOptions: Sendable {
    /// `MDB_RDONLY`: no write transactions; nothing in the data file is ever changed.
    var readOnly: Bool
    /// `MDB_NOSUBDIR`: the path names the data file (lock file `<path>-lock`), not a directory.
    var singleFile: Bool = true
    /// `MDB_NOLOCK`: no lock file; only safe where no writer can exist (a read-only file system).
    var withoutLockFile: Bool = false
    /// The map size to ask for; nil keeps the size recorded in the file.
    var mapSize: Int? = nil
    /// Permission bits for files LMDB creates (before the umask).
    var fileMode: UInt32 = 0o640
}

/// An open LMDB environment and its unnamed (main) database.
final class LMDBEnvironment: @unchecked Sendable {
    fileprivate let env: OpaquePointer
    fileprivate let dbi: MDB_dbi
    /// Transactions hold it shared; `mdb_env_set_mapsize` needs it exclusive (no active txn).
    fileprivate let resizeLock = ReadWriteLock()
    /// Opened with `MDB_RDONLY`.
    let isReadOnly: Bool
    /// The process that opened it: LMDB handles must not be used after `fork()`.
    let ownerProcess: pid_t = ProcessIdentity.current
    /// Whether the calling process is the one that opened the environment.
    var isUsableInThisProcess: Bool { ProcessIdentity.current == ownerProcess }
    /// How often a write may grow the map, and a reader adopt a grown map, before giving up.
    static let maximumRetries = 3

    init(path: String, options: LMDBOptions) throws(LMDBError) {
        isReadOnly = options.readOnly
        var created: OpaquePointer?
        let rc = mdb_env_create(&created)
        guard rc == 0, let env = created else { throw LMDBError(code: rc, operation: "mdb_env_create") }
        var flags = UInt32(MDB_NOTLS)
        if options.readOnly { flags |= UInt32(MDB_RDONLY) }
        if options.singleFile { flags |= UInt32(MDB_NOSUBDIR) }
        if options.withoutLockFile { flags |= UInt32(MDB_NOLOCK) }
        do throws(LMDBError) {
            if let mapSize = options.mapSize {
                try Self.check(mdb_env_set_mapsize(env, mapSize), "mdb_env_set_mapsize")
            }
            try Self.check(mdb_env_open(env, path, flags, mdb_mode_t(options.fileMode)), "mdb_env_open")
            self.env = env
            self.dbi = try Self.openMainDatabase(env)
        } catch {
            mdb_env_close(env)
            throw error
        }
    }

    deinit { mdb_env_close(env) }

    /// The current map size in bytes.
    var mapSize: Int {
        var info = MDB_envinfo()
        mdb_env_info(env, &info)
        return info.me_mapsize
    }

    /// Runs `body` in a read-only transaction. A map grown by another process
    /// (`MDB_MAP_RESIZED`) is adopted and the transaction retried.
    func read<T>(_ body: (borrowing LMDBReadTransaction) throws(LMDBError) -> T) throws(LMDBError) -> T {
        var attempt = 0
        while true {
            let outcome: Result<T, LMDBError> = resizeLock.withShared {
                var handle: OpaquePointer?
                let rc = mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &handle)
                guard rc == 0, let txn = handle else {
                    return .failure(LMDBError(code: rc, operation: "mdb_txn_begin"))
                }
                defer { mdb_txn_abort(txn) }
                do throws(LMDBError) {
                    return .success(try body(LMDBReadTransaction(txn: txn, dbi: dbi)))
                } catch {
                    return .failure(error)
                }
            }
            switch outcome {
            case .success(let value): return value
            case .failure(let error) where error.kind == .mapResized && attempt < Self.maximumRetries:
                attempt += 1
                try adoptGrownMap()
            case .failure(let error): throw error
            }
        }
    }

    /// Runs `body` in a write transaction and commits it. On `MDB_MAP_FULL` the transaction
    /// is aborted (nothing is lost: it never committed), the map doubled while no transaction
    /// of this process is active, and `body` run again; `body` must therefore be repeatable.
    func write<T>(_ body: (borrowing LMDBWriteTransaction) throws(LMDBError) -> T) throws(LMDBError) -> T {
        var attempt = 0
        while true {
            let (outcome, sizeDuringTransaction): (Result<T, LMDBError>, Int) = resizeLock.withShared {
                let size = mapSize
                var handle: OpaquePointer?
                let rc = mdb_txn_begin(env, nil, 0, &handle)
                guard rc == 0, let txn = handle else {
                    return (.failure(LMDBError(code: rc, operation: "mdb_txn_begin")), size)
                }
                do throws(LMDBError) {
                    let value = try body(LMDBWriteTransaction(txn: txn, dbi: dbi))
                    let committed = mdb_txn_commit(txn)  // frees the transaction, even on failure
                    guard committed == 0 else {
                        return (.failure(LMDBError(code: committed, operation: "mdb_txn_commit")), size)
                    }
                    return (.success(value), size)
                } catch {
                    mdb_txn_abort(txn)
                    return (.failure(error), size)
                }
            }
            switch outcome {
            case .success(let value): return value
            case .failure(let error) where error.kind == .mapFull && attempt < Self.maximumRetries:
                attempt += 1
                try growMap(from: sizeDuringTransaction)
            case .failure(let error) where error.kind == .mapResized && attempt < Self.maximumRetries:
                attempt += 1
                try adoptGrownMap()
            case .failure(let error): throw error
            }
        }
    }

    /// Doubles the map unless another thread already grew it past `size`.
    private func growMap(from size: Int) throws(LMDBError) {
        try resizeLock.withExclusive { () throws(LMDBError) in
            guard mapSize <= size else { return }
            let (doubled, overflow) = size.multipliedReportingOverflow(by: 2)
            guard !overflow else { throw LMDBError(code: MDB_MAP_FULL, operation: "mdb_env_set_mapsize") }
            try Self.check(mdb_env_set_mapsize(env, doubled), "mdb_env_set_mapsize")
        }
    }

    /// Takes over the larger map size another process recorded (size 0 means "adopt").
    fileprivate func adoptGrownMap() throws(LMDBError) {
        try resizeLock.withExclusive { () throws(LMDBError) in
            try Self.check(mdb_env_set_mapsize(env, 0), "mdb_env_set_mapsize")
        }
    }

    private static func openMainDatabase(_ env: OpaquePointer) throws(LMDBError) -> MDB_dbi {
        for _ in 0...maximumRetries {
            var handle: OpaquePointer?
            let rc = mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &handle)
            if rc == MDB_MAP_RESIZED {
                try check(mdb_env_set_mapsize(env, 0), "mdb_env_set_mapsize")
                continue
            }
            guard rc == 0, let txn = handle else { throw LMDBError(code: rc, operation: "mdb_txn_begin") }
            var dbi = MDB_dbi()
            let opened = mdb_dbi_open(txn, nil, 0, &dbi)
            guard opened == 0 else {
                mdb_txn_abort(txn)
                throw LMDBError(code: opened, operation: "mdb_dbi_open")
            }
            try check(mdb_txn_commit(txn), "mdb_txn_commit")
            return dbi
        }
        throw LMDBError(code: MDB_MAP_RESIZED, operation: "mdb_txn_begin")
    }

    fileprivate static func check(_ rc: Int32, _ operation: String) throws(LMDBError) {
        guard rc == 0 else { throw LMDBError(code: rc, operation: operation) }
    }
}

/// One key and value, copied out of the map.
struct LMDBPair: Sendable, Equatable {
    var key: [UInt8]
    var value: [UInt8]
}

/// A read-only transaction, valid only inside the closure it was passed to.
struct LMDBReadTransaction: ~Copyable {
    fileprivate let txn: OpaquePointer
    fileprivate let dbi: MDB_dbi
    /// A cursor already bound to `txn` (the reusable reader's), or nil to open one per scan.
    fileprivate var cursor: OpaquePointer? = nil

    /// The id of the committed transaction this one reads (`mdb_txn_id`): equal ids, equal data.
    var snapshotID: Int { Int(bitPattern: UInt(mdb_txn_id(txn))) }
    /// Calls `body(i, value)` for each key `prefix + suffixes[i]` that exists, in key order,
    /// found in one cursor pass over the keys that start with `prefix`.
    func forEachValue(withPrefix prefix: [UInt8], suffixes: [[UInt8]], _ body: (Int, [UInt8]) -> Void) throws(LMDBError) {
        try LMDBAccess.prefixScan(txn, dbi, cursor, prefix, suffixes, body)
    }

    /// The value stored under `key`, copied; nil when the key is absent.
    func value(forKey key: String) throws(LMDBError) -> [UInt8]? { try LMDBAccess.get(txn, dbi, key) }
    /// The values of those `keys` that exist, copied.
    func values(forKeys keys: [String]) throws(LMDBError) -> [String: [UInt8]] { try LMDBAccess.get(txn, dbi, keys) }
    /// Every key and value in key order, copied.
    func pairs() throws(LMDBError) -> [LMDBPair] { try LMDBAccess.scan(txn, dbi, values: true) }
    /// Every key in order, copied (values are not copied).
    func keys() throws(LMDBError) -> [[UInt8]] { try LMDBAccess.scan(txn, dbi, values: false).map(\.key) }
    /// Visits every key and value in key order, one pair at a time (nothing is collected).
    func forEachPair(_ body: (LMDBPair) -> Void) throws(LMDBError) { try LMDBAccess.scan(txn, dbi, body) }
}

/// A write transaction, valid only inside the closure it was passed to.
struct LMDBWriteTransaction: ~Copyable {
    fileprivate let txn: OpaquePointer
    fileprivate let dbi: MDB_dbi

    func value(forKey key: String) throws(LMDBError) -> [UInt8]? { try LMDBAccess.get(txn, dbi, key) }
    func values(forKeys keys: [String]) throws(LMDBError) -> [String: [UInt8]] { try LMDBAccess.get(txn, dbi, keys) }
    func pairs() throws(LMDBError) -> [LMDBPair] { try LMDBAccess.scan(txn, dbi, values: true) }

    /// Stores `value` under `key`, replacing any previous value.
    func put(_ value: [UInt8], forKey key: String) throws(LMDBError) {
        var keyBytes = Array(key.utf8)
        // A zero-length value still needs a valid pointer.
        var valueBytes = value.isEmpty ? [0] : value
        let rc = keyBytes.withUnsafeMutableBytes { keyBuffer in
            valueBytes.withUnsafeMutableBytes { valueBuffer in
                var keyVal = MDB_val(mv_size: keyBuffer.count, mv_data: keyBuffer.baseAddress)
                var dataVal = MDB_val(mv_size: value.count, mv_data: valueBuffer.baseAddress)
                return mdb_put(txn, dbi, &keyVal, &dataVal, 0)
            }
        }
        try LMDBEnvironment.check(rc, "mdb_put")
    }

    /// Removes `key`; an absent key is not an error.
    func delete(key: String) throws(LMDBError) {
        var keyBytes = Array(key.utf8)
        let rc = keyBytes.withUnsafeMutableBytes { keyBuffer in
            var keyVal = MDB_val(mv_size: keyBuffer.count, mv_data: keyBuffer.baseAddress)
            return mdb_del(txn, dbi, &keyVal, nil)
        }
        guard rc == 0 || rc == MDB_NOTFOUND else { throw LMDBError(code: rc, operation: "mdb_del") }
    }
}

/// Reads with one cursor kept between read-only transactions (`mdb_cursor_renew`), so a read
/// allocates no cursor. Each read still begins its own transaction and aborts it at the end,
/// which frees its reader slot: a slot held between lookups would stay taken in the lock file
/// after the process exits (Exim's processes end with `_exit`, and LMDB only reuses slots
/// whose process id is cleared), until the reader table is full for everyone.
/// For one thread at a time, and never after `fork()` (like the environment).
final class LMDBReusableReader {
    let environment: LMDBEnvironment
    private var cursor: OpaquePointer?

    init(environment: LMDBEnvironment) { self.environment = environment }

    deinit { if let cursor { mdb_cursor_close(cursor) } }

    /// Runs `body` in a new read-only transaction (the newest committed data), adopting a map
    /// grown by another process (`MDB_MAP_RESIZED`) as ``LMDBEnvironment/read(_:)`` does.
    /// (Typed throws rather than a `Result`: a one-shot helper would pay for instantiating the
    /// `Result` type's metadata, tens of thousands of instructions.)
    func read<T>(_ body: (borrowing LMDBReadTransaction) throws(LMDBError) -> T) throws(LMDBError) -> T {
        var attempt = 0
        while true {
            do throws(LMDBError) {
                return try environment.resizeLock.withShared { () throws(LMDBError) -> T in
                    var handle: OpaquePointer?
                    let rc = mdb_txn_begin(environment.env, nil, UInt32(MDB_RDONLY), &handle)
                    guard rc == 0, let txn = handle else { throw LMDBError(code: rc, operation: "mdb_txn_begin") }
                    defer { mdb_txn_abort(txn) }
                    try bindCursor(to: txn)
                    return try body(LMDBReadTransaction(txn: txn, dbi: environment.dbi, cursor: cursor))
                }
            } catch {
                guard error.kind == .mapResized && attempt < LMDBEnvironment.maximumRetries else { throw error }
                attempt += 1
                try environment.adoptGrownMap()
            }
        }
    }

    private func bindCursor(to txn: OpaquePointer) throws(LMDBError) {
        if let cursor {
            try LMDBEnvironment.check(mdb_cursor_renew(txn, cursor), "mdb_cursor_renew")
            return
        }
        var opened: OpaquePointer?
        try LMDBEnvironment.check(mdb_cursor_open(txn, environment.dbi, &opened), "mdb_cursor_open")
        cursor = opened
    }
}

/// The reads both transaction kinds share.
private enum LMDBAccess {
    static func get(_ txn: OpaquePointer, _ dbi: MDB_dbi, _ key: String) throws(LMDBError) -> [UInt8]? {
        var keyBytes = Array(key.utf8)
        var result: [UInt8]?
        let rc = keyBytes.withUnsafeMutableBytes { keyBuffer in
            var keyVal = MDB_val(mv_size: keyBuffer.count, mv_data: keyBuffer.baseAddress)
            var dataVal = MDB_val()
            let rc = mdb_get(txn, dbi, &keyVal, &dataVal)
            if rc == 0 { result = copy(dataVal) }
            return rc
        }
        if rc == MDB_NOTFOUND { return nil }
        try LMDBEnvironment.check(rc, "mdb_get")
        return result
    }

    static func get(_ txn: OpaquePointer, _ dbi: MDB_dbi, _ keys: [String]) throws(LMDBError) -> [String: [UInt8]] {
        var found: [String: [UInt8]] = [:]
        for key in keys { found[key] = try get(txn, dbi, key) }
        return found
    }

    static func prefixScan(_ txn: OpaquePointer, _ dbi: MDB_dbi, _ kept: OpaquePointer?, _ prefix: [UInt8],
                           _ suffixes: [[UInt8]], _ body: (Int, [UInt8]) -> Void) throws(LMDBError) {
        var handle = kept
        if handle == nil { try LMDBEnvironment.check(mdb_cursor_open(txn, dbi, &handle), "mdb_cursor_open") }
        guard let cursor = handle else { throw LMDBError(code: EINVAL, operation: "mdb_cursor_open") }
        defer { if kept == nil { mdb_cursor_close(cursor) } }
        var start = prefix
        var rc = start.withUnsafeMutableBytes { buffer in
            var keyVal = MDB_val(mv_size: buffer.count, mv_data: buffer.baseAddress)
            var dataVal = MDB_val()
            var rc = mdb_cursor_get(cursor, &keyVal, &dataVal, MDB_SET_RANGE)
            while rc == 0 {
                let key = UnsafeRawBufferPointer(start: keyVal.mv_data, count: keyVal.mv_size)
                guard key.count >= prefix.count, key.prefix(prefix.count).elementsEqual(prefix) else { return MDB_NOTFOUND }
                let suffix = key[prefix.count...]
                if let index = suffixes.firstIndex(where: { $0.elementsEqual(suffix) }) {
                    body(index, copy(dataVal))
                }
                rc = mdb_cursor_get(cursor, &keyVal, &dataVal, MDB_NEXT)
            }
            return rc
        }
        if rc == MDB_NOTFOUND { rc = 0 }
        try LMDBEnvironment.check(rc, "mdb_cursor_get")
    }

    static func scan(_ txn: OpaquePointer, _ dbi: MDB_dbi, _ body: (LMDBPair) -> Void) throws(LMDBError) {
        var handle: OpaquePointer?
        try LMDBEnvironment.check(mdb_cursor_open(txn, dbi, &handle), "mdb_cursor_open")
        guard let cursor = handle else { throw LMDBError(code: EINVAL, operation: "mdb_cursor_open") }
        defer { mdb_cursor_close(cursor) }
        var keyVal = MDB_val()
        var dataVal = MDB_val()
        while true {
            let rc = mdb_cursor_get(cursor, &keyVal, &dataVal, MDB_NEXT)
            if rc == MDB_NOTFOUND { return }
            try LMDBEnvironment.check(rc, "mdb_cursor_get")
            body(LMDBPair(key: copy(keyVal), value: copy(dataVal)))
        }
    }

    static func scan(_ txn: OpaquePointer, _ dbi: MDB_dbi, values: Bool) throws(LMDBError) -> [LMDBPair] {
        var handle: OpaquePointer?
        try LMDBEnvironment.check(mdb_cursor_open(txn, dbi, &handle), "mdb_cursor_open")
        guard let cursor = handle else { throw LMDBError(code: EINVAL, operation: "mdb_cursor_open") }
        defer { mdb_cursor_close(cursor) }
        var pairs: [LMDBPair] = []
        var keyVal = MDB_val()
        var dataVal = MDB_val()
        while true {
            let rc = mdb_cursor_get(cursor, &keyVal, &dataVal, MDB_NEXT)
            if rc == MDB_NOTFOUND { return pairs }
            try LMDBEnvironment.check(rc, "mdb_cursor_get")
            pairs.append(LMDBPair(key: copy(keyVal), value: values ? copy(dataVal) : []))
        }
    }

    private static func copy(_ val: MDB_val) -> [UInt8] {
        guard val.mv_size > 0, let data = val.mv_data else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: val.mv_size))
    }
}
