import Foundation
import PolicyStore

/// Moves an unreadable cache file aside (`<path>.corrupt-<UTC timestamp>`), never deleting it,
/// so a fresh cache can be created at `path`. LMDB's lock file `<path>-lock` goes aside with it.
enum CacheRebuild {
    /// Renames `path` (and its lock file, when present); returns the new name of the data file.
    static func moveAside(_ path: String, now: Date) throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var aside = path + ".corrupt-" + formatter.string(from: now)
        var suffix = 1
        while FileManager.default.fileExists(atPath: aside) {
            aside = path + ".corrupt-" + formatter.string(from: now) + "-\(suffix)"
            suffix += 1
        }
        guard rename(path, aside) == 0 else {
            let reason = String(cString: strerror(errno))
            throw CommandFailure("cannot move the unreadable cache \(path) aside to \(aside): \(reason)", status: ExitStatus.usage)
        }
        let lock = path + "-lock"
        if FileManager.default.fileExists(atPath: lock) { _ = rename(lock, aside + "-lock") }
        return aside
    }
}
