import Foundation

/// The persistent record of what was sent, so each report goes out exactly once across runs
/// and crashes: `<state.directory>/tlsrpt-journal.json`, rewritten atomically (temporary
/// file, fsync, rename, fsync of the directory) after every change. One run at a time holds
/// `tlsrpt.lock` (flock; released by the kernel if the process dies).
public final class ReportJournal: @unchecked Sendable {
    public let path: String
    private let lockDescriptor: Int32
    private var entries: [String: JournalEntry]

    /// Opens (or creates) the journal in `directory`, taking the run lock without waiting.
    public init(directory: String) throws(JournalError) {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw JournalError(path: directory, problem: "cannot be created (\(error.localizedDescription))")
            }
        }
        path = directory + "/tlsrpt-journal.json"
        let lockPath = directory + "/tlsrpt.lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw JournalError(path: lockPath, problem: "cannot be opened (\(String(cString: strerror(errno))))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw JournalError(path: lockPath, problem: "is held by another mtasts report run")
        }
        lockDescriptor = descriptor
        if let data = FileManager.default.contents(atPath: path) {
            do {
                let list = try JSONDecoder().decode([JournalEntry].self, from: data)
                entries = Dictionary(list.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
            } catch {
                close(descriptor)
                throw JournalError(path: path, problem: "is not a journal (\(error)); move it away to start afresh")
            }
        } else {
            entries = [:]
        }
    }

    deinit { close(lockDescriptor) }

    public var all: [JournalEntry] { entries.values.sorted { $0.key < $1.key } }

    public func entry(domain: String, day: String, rua: String) -> JournalEntry? {
        entries[JournalEntry.key(domain: domain, day: day, rua: rua)]
    }

    public func entries(domain: String, day: String) -> [JournalEntry] {
        entries.values.filter { $0.domain == domain && $0.day == day }
    }

    /// Stores `entry` and writes the journal to disk before returning.
    public func record(_ entry: JournalEntry) throws(JournalError) {
        entries[entry.key] = entry
        try save()
    }

    /// Drops entries of days before `day` (bookkeeping older than any catch-up or retry).
    public func prune(before day: String) throws(JournalError) {
        let before = entries.count
        entries = entries.filter { $0.value.day >= day }
        if entries.count != before { try save() }
    }

    private func save() throws(JournalError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(all)
        } catch {
            throw JournalError(path: path, problem: "cannot be encoded (\(error))")
        }
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw JournalError(path: temporary, problem: "cannot be written (\(String(cString: strerror(errno))))")
        }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == data.count, synced == 0 else {
            throw JournalError(path: temporary, problem: "could not be written completely")
        }
        guard rename(temporary, path) == 0 else {
            throw JournalError(path: path, problem: "cannot be replaced (\(String(cString: strerror(errno))))")
        }
        let directory = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }
}

/// A journal or lock problem, naming the file.
public struct JournalError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let problem: String
    public var description: String { "report journal \(path) \(problem)" }
}
