/// One open environment per file per process.
///
/// LMDB forbids opening the same environment twice in one process: its lock file uses POSIX
/// record locks, which belong to the process, so closing a second handle would silently drop
/// the first one's locks and let another process reinitialise the lock file under it. Stores
/// for the same file therefore share one ``LMDBEnvironment``; it closes when the last store
/// using it goes away.
final class EnvironmentRegistry: @unchecked Sendable {
    static let shared = EnvironmentRegistry()

    private struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private final class WeakEnvironment {
        weak var environment: LMDBEnvironment?
        init(_ environment: LMDBEnvironment) { self.environment = environment }
    }

    private let lock = ReadWriteLock()
    private var open: [Identity: WeakEnvironment] = [:]

    /// The environment already open for `dataFile`, if it can serve `readOnly`; otherwise
    /// the result of `opening`, remembered for later callers.
    func environment(dataFile: String, readOnly: Bool, path: String,
                     opening: () throws(StoreError) -> LMDBEnvironment) throws(StoreError) -> LMDBEnvironment {
        try lock.withExclusive { () throws(StoreError) -> LMDBEnvironment in
            // Forget environments that are gone or belong to a parent process (after fork()).
            open = open.filter { $0.value.environment?.isUsableInThisProcess == true }
            if let identity = Self.identity(dataFile), let existing = open[identity]?.environment {
                guard readOnly || !existing.isReadOnly else {
                    throw StoreError(.io, path: path,
                                     "the cache \(path) is already open read-only in this process; open it read-write before any read-only handle")
                }
                return existing
            }
            let environment = try opening()
            if let identity = Self.identity(dataFile) { open[identity] = WeakEnvironment(environment) }
            return environment
        }
    }

    private static func identity(_ path: String) -> Identity? {
        FileProbe.identity(of: path).map { Identity(device: $0.device, inode: $0.inode) }
    }
}
