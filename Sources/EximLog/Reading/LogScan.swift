#if canImport(Glibc)
import Glibc
#endif

/// Whole-file reading for reports: every line of one log file, plain or `.gz`, from the start,
/// with the same fixed-size buffers as ``LogFollower`` (memory stays flat whatever the size).
/// No positions are remembered; use ``LogFollower`` for incremental reading.
public enum LogScan {
    /// The rotated generations of `path` that exist, oldest first, then `path` itself when it
    /// exists (readable or not): `path.N[.gz]`, ..., `path.1[.gz]`, `path` (the names logrotate and Exim's
    /// Debian packaging use).
    public static func generations(of path: String, maximumGenerations: Int = 100) -> [String] {
        let follower = LogFollower(path: path, maximumGenerations: maximumGenerations)
        var files = Array(follower.rotatedFiles().reversed())
        var status = stat()
        if stat(path, &status) == 0 { files.append(path) } // unreadable ones then fail, naming the file
        return files
    }

    /// Hands every line of `path` (without its `\n`; a final line without one included) to
    /// `handle`. Returns the number of lines dropped for being longer than `maximumLineLength`.
    /// A missing file reads as empty.
    @discardableResult
    public static func readLines(of path: String, maximumLineLength: Int = 64 * 1024,
                                 _ handle: (ArraySlice<UInt8>) -> Void) throws(EximLogError) -> Int {
        guard let file = try LogFile.open(path) else { return 0 }
        let outcome = try LineReader(maximumLineLength: maximumLineLength).read(file, from: 0, finishing: true, handle)
        return outcome.overlongLines
    }

    /// The first line of `path` that `accept` returns a value for, looking at most at
    /// `maximumLines` lines (reads only as much of the file as needed).
    public static func firstLine<T>(of path: String, maximumLines: Int = 1_000,
                                    _ accept: (ArraySlice<UInt8>) -> T?) throws(EximLogError) -> T? {
        guard let file = try LogFile.open(path) else { return nil }
        var found: T?
        var seen = 0
        var pending: [UInt8] = []
        while found == nil, seen < maximumLines {
            let chunk = try file.read(maximum: 4_096)
            if chunk.isEmpty {
                if !pending.isEmpty { found = accept(pending[...]) }
                break
            }
            pending += chunk
            var start = 0
            while found == nil, seen < maximumLines, let newline = pending[start...].firstIndex(of: 0x0A) {
                found = accept(pending[start..<newline])
                seen += 1
                start = newline + 1
            }
            pending.removeFirst(start)
            if pending.count > 64 * 1024 { pending.removeAll() }
        }
        return found
    }
}
