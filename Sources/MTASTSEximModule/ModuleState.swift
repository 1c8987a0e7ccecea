import CacheLookup
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What the module keeps between calls in one Exim process: one ``CacheLookup`` (with its
/// read-only LMDB handle) per settings string, and the process id they belong to.
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

    /// The lookup for `settingsText` in this process, parsed once.
    func lookup(settingsText: String) -> Result<CacheLookup, SettingsError> {
        state.withLock { perProcess in
            let pid = getpid()
            if perProcess.owner != pid {
                for lookup in perProcess.lookups.values { lookup.leakAcrossFork() }
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
}
