import CacheLookup
import PolicyStore
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

    /// A parsed settings string's lookup, held by reference so handing it out copies nothing.
    private final class Parsed {
        let text: String
        let lookup: CacheLookup
        init(text: String, lookup: CacheLookup) {
            self.text = text
            self.lookup = lookup
        }
    }

    private struct PerProcess {
        var owner: pid_t
        var lookups: [String: Parsed] = [:]
        /// One cache per file: settings strings naming the same file share it, because one
        /// process may hold only one LMDB environment per file (a miss reopens it read-write).
        var caches: [String: LMDBLookupCache] = [:]
        var last: Parsed?
    }

    private let state = Mutex(PerProcess(owner: ProcessIdentity.current))
    /// More distinct settings strings than this in one process is a configuration error.
    static let maximumSettings = 16

    /// Answers `question` with the lookup for `settingsText` (parsed once per process). The
    /// whole call holds the lock: cache handles are not for concurrent use (Exim is
    /// single-threaded, so this costs nothing there).
    func answer(_ question: LookupQuestion, settingsText: String) -> Result<LookupAnswer, SettingsError> {
        state.withLock { perProcess in
            Self.lookup(settingsText, &perProcess).map { $0.lookup.answer(question) }
        }
    }

    private static func lookup(_ settingsText: String, _ perProcess: inout PerProcess) -> Result<Parsed, SettingsError> {
        // Not getpid(): a system call on every lookup (see ProcessIdentity).
        let pid = ProcessIdentity.current
        if perProcess.owner != pid {
            // Never closed in this process: closing would drop this process's own locks.
            for cache in perProcess.caches.values { _ = Unmanaged.passRetained(cache) }
            perProcess = PerProcess(owner: pid)
        }
        // Fast path: Exim configurations pass the same settings string every time, and
        // comparing equal strings is cheaper than hashing them (the same storage: at once).
        if let last = perProcess.last, last.text == settingsText { return .success(last) }
        if let existing = perProcess.lookups[settingsText] {
            perProcess.last = existing
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
        let parsed = Parsed(text: settingsText, lookup: CacheLookup(settings: settings, cache: cache, log: LookupLog(.syslog)))
        if perProcess.lookups.count < Self.maximumSettings { perProcess.lookups[settingsText] = parsed }
        perProcess.last = parsed
        return .success(parsed)
    }
}
