import Foundation
import TestWorld

/// Reads an LMDB file with the real `mdb_dump` (lmdb-utils), as an independent check of what
/// the cache holds.
enum MDBDump {
    static func entries(of path: String, subdirectory: Bool = false) throws -> [String: String] {
        let dump = try ChildProcess("/usr/bin/mdb_dump", (subdirectory ? ["-p"] : ["-n", "-p"]) + [path]).run().requireSuccess()
        // After "HEADER=END": alternating key and value lines, each with one leading space,
        // non-printable bytes as \xx; "DATA=END" closes.
        let lines = dump.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "HEADER=END") else { return [:] }
        var result: [String: String] = [:]
        var index = start + 1
        while index + 1 < lines.count, lines[index] != "DATA=END" {
            result[unescape(lines[index].dropFirst())] = unescape(lines[index + 1].dropFirst())
            index += 2
        }
        return result
    }

    private static func unescape(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "\\"), let high = iterator.next() else { bytes.append(byte); continue }
            if high == UInt8(ascii: "\\") { bytes.append(high); continue }
            guard let low = iterator.next(), let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { continue }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
