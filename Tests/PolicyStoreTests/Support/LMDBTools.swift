import Foundation
import TestWorld

/// The real `mdb_dump` and `mdb_load` (lmdb-utils), used to check and prepare cache files
/// independently of the code under test.
enum LMDBTools {
    struct ToolFailure: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var stderr: String
        var description: String { "\(command) exited with \(status): \(stderr)" }
    }

    /// Runs a tool of lmdb-utils, feeding `input` on stdin; returns stdout, throws unless it exits
    /// with one of `acceptedStatuses` (`mdb_stat -r` exits 1 when it succeeds).
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], input: String = "",
                    acceptedStatuses: Set<Int32> = [0]) throws -> String {
        let result = try ChildProcess("/usr/bin/" + tool, arguments, stdin: input).run()
        guard result.signal == nil, acceptedStatuses.contains(result.status) else {
            throw ToolFailure(command: ([tool] + arguments).joined(separator: " "), status: result.status, stderr: result.stderr)
        }
        return result.stdout
    }

    /// `mdb_dump -p` of the unnamed database as (key, value) pairs in key order.
    /// `singleFile` adds `-n` (MDB_NOSUBDIR).
    static func dump(_ path: String, singleFile: Bool = true) throws -> [Pair] {
        let text = try run("mdb_dump", (singleFile ? ["-n"] : []) + ["-p", path])
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "HEADER=END"), let end = lines.firstIndex(of: "DATA=END") else {
            throw ToolFailure(command: "mdb_dump \(path)", status: 0, stderr: "unexpected output: \(text)")
        }
        lines = Array(lines[(start + 1)..<end])
        var pairs: [Pair] = []
        for index in stride(from: 0, to: lines.count - 1, by: 2) {
            pairs.append(Pair(key: unescapeDump(lines[index]), value: unescapeDump(lines[index + 1])))
        }
        return pairs
    }

    /// `mdb_stat -r`: the lock file's reader table (it exits 1 even when it printed the table).
    static func readerTable(_ path: String) throws -> String {
        try run("mdb_stat", ["-n", "-r", path], acceptedStatuses: [0, 1])
    }

    /// Loads `pairs` with `mdb_load -T` (plain text pairs); `singleFile` adds `-n`.
    static func load(_ pairs: [Pair], into path: String, singleFile: Bool = true) throws {
        let text = pairs.map { escapeLoad($0.key) + "\n" + escapeLoad($0.value) + "\n" }.joined()
        try run("mdb_load", (singleFile ? ["-n"] : []) + ["-T", path], input: text)
    }

    /// Loads a `mdb_load -T` text fixture file.
    static func load(fixture: String, into path: String, singleFile: Bool) throws {
        try run("mdb_load", (singleFile ? ["-n"] : []) + ["-T", "-f", fixture, path])
    }

    struct Pair: Equatable, CustomStringConvertible {
        var key: String
        var value: String
        var description: String { "\(key) = \(value.debugDescription)" }
    }

    /// `mdb_dump -p` prints a leading space, `\\` for a backslash and `\xx` for other bytes.
    private static func unescapeDump(_ line: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(line.utf8.dropFirst())
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "\\"), index + 1 < input.count {
                if input[index + 1] == UInt8(ascii: "\\") {
                    bytes.append(UInt8(ascii: "\\"))
                    index += 2
                    continue
                }
                if index + 2 < input.count, let byte = UInt8(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(byte)
                    index += 3
                    continue
                }
            }
            bytes.append(input[index])
            index += 1
        }
        input = bytes
        return String(decoding: input, as: UTF8.self)
    }

    /// `mdb_load -T` escaping: `\\` for a backslash, `\0a` for a newline.
    private static func escapeLoad(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\0a")
    }
}
