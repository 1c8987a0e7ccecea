import CacheLookup
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What the module keeps between calls in one Exim process: one ``CacheLookup`` per settings
/// string, one cache handle per file, and the process id they belong to.
///
/// Exim forks delivery processes after the module may have been used. LMDB forbids using an
/// environment in a child, and closing it there would drop the child's own POSIX locks on
/// the lock file (they belong to the process, per file), so a child detects the new process
/// id, deliberately leaks the parent's handles (never closes them) and opens its own.
final class ModuleState: Sendable {
    static let shared = ModuleState()

    private struct PerProcess {
        var owner: pid_t
        var lookups: [String: CacheLookup] = [:]
        /// One cache per file: settings strings naming the same file share it, because one
        /// process may hold only one LMDB environment per file (a miss reopens it read-write).
        var caches: [String: LMDBLookupCache] = [:]
        var last: (text: String, lookup: CacheLookup)?
    }

    private let state = Mutex(PerProcess(owner: getpid()))
    /// More distinct settings strings than this in one process is a configuration error.
    static let maximumSettings = 16

    /// Answers `question` with the lookup for `settingsText` (parsed once per process). The
    /// whole call holds the lock: cache handles are not for concurrent use (Exim is
    /// single-threaded, so this costs nothing there).
    func answer(_ question: LookupQuestion, settingsText: String) -> Result<LookupAnswer, SettingsError> {
        state.withLock { perProcess in
            Self.lookup(settingsText, &perProcess).map { $0.answer(question) }
        }
    }

    private static func lookup(_ settingsText: String, _ perProcess: inout PerProcess) -> Result<CacheLookup, SettingsError> {
        let pid = getpid()
        if perProcess.owner != pid {
            // Never closed in this process: closing would drop this process's own locks.
            for cache in perProcess.caches.values { _ = Unmanaged.passRetained(cache) }
            perProcess = PerProcess(owner: pid)
        }
        // Fast path: Exim configurations pass the same settings string every time, and
        // comparing equal strings is cheaper than hashing them.
        if let last = perProcess.last, last.text == settingsText { return .success(last.lookup) }
        if let existing = perProcess.lookups[settingsText] {
            perProcess.last = (settingsText, existing)
            return .success(existing)
        }
        let settings: LookupSettings
        do throws(SettingsError) {
            settings = try SettingsParser.parse(settingsString: settingsText)
        } catch {
            return .failure(error)
        }
        let cache = perProcess.caches[settings.cachePath] ?? LMDBLookupCache(path: settings.cachePath)
        perProcess.caches[settings.cachePath] = cache
        let lookup = CacheLookup(settings: settings, cache: cache, log: LookupLog(.syslog))
        if perProcess.lookups.count < Self.maximumSettings { perProcess.lookups[settingsText] = lookup }
        perProcess.last = (settingsText, lookup)
        return .success(lookup)
    }
}
