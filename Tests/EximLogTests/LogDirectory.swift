import EximLog
import Foundation
import TestWorld

/// A temporary directory holding a log and its rotated files, changed the way Exim and
/// logrotate change them, and read with a ``LogFollower`` that remembers its position.
final class LogDirectory {
    let directory: TemporaryDirectory
    let log: String
    var position: LogPosition?
    var follower: LogFollower

    init(maximumLineLength: Int = 64 * 1024) throws {
        directory = try TemporaryDirectory()
        log = directory.file("mainlog")
        follower = LogFollower(path: log, maximumLineLength: maximumLineLength)
    }

    func path(_ name: String) -> String { directory.file(name) }

    /// Appends text (as Exim does: the file is opened for appending, or created).
    func append(_ text: String, to name: String = "mainlog") throws {
        let file = path(name)
        if !FileManager.default.fileExists(atPath: file) {
            _ = FileManager.default.createFile(atPath: file, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    func rename(_ from: String, _ to: String) throws {
        try FileManager.default.moveItem(atPath: path(from), toPath: path(to))
    }

    /// `gzip name`: replaces the file by `name.gz` (a new inode), with the real gzip.
    func gzip(_ name: String) throws {
        try ChildProcess("/bin/gzip", [path(name)]).run().requireSuccess()
    }

    /// copytruncate: copy the log to `name`, then truncate the log in place (same inode).
    func copyTruncate(to name: String) throws {
        try FileManager.default.copyItem(atPath: log, toPath: path(name))
        try truncate()
    }

    func truncate() throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try handle.truncate(atOffset: 0)
        try handle.close()
    }

    /// Reads what is new and remembers the position, as `mtasts learn` does.
    @discardableResult
    func readNew() throws -> (lines: [String], pass: LogFollower.Pass) {
        var lines: [String] = []
        let pass = try follower.read(from: position) { lines.append(String(decoding: $0, as: UTF8.self)) }
        position = pass.position
        return (lines, pass)
    }
}
