import EximLog
import Foundation
import Testing

/// Whole-file reads (``LogScan``) into one reused buffer: lines across the buffer's edges,
/// overlong lines and a last line without its newline, plain and gzip, read exactly.
@Suite("Reading whole log files")
struct WholeFileScanTests {
    /// Lines of many lengths, some around the 256 KiB read size and the line limit.
    static func lines() -> [String] {
        var lines: [String] = []
        var length = 1
        while lines.count < 400 {
            lines.append(String(repeating: Character(UnicodeScalar(UInt8(97 + lines.count % 26))), count: length))
            length = (length * 7 + 13) % 9_000
        }
        lines.append(String(repeating: "x", count: 70_000)) // longer than the 64 KiB limit: dropped
        lines.append("")
        lines.append("after the long one")
        lines.append("last, without a newline")
        return lines
    }

    @Test(arguments: [false, true])
    func everyLineOnce(_ compressed: Bool) throws {
        let logs = try LogDirectory()
        let lines = Self.lines()
        try logs.append(lines.joined(separator: "\n"), to: "mainlog.1")
        if compressed { try logs.gzip("mainlog.1") }
        var read: [String] = []
        let overlong = try LogScan.readLines(of: logs.path(compressed ? "mainlog.1.gz" : "mainlog.1")) { bytes in
            read.append(String(decoding: bytes, as: UTF8.self))
        }
        #expect(overlong == 1)
        #expect(read == lines.filter { $0.utf8.count <= 64 * 1024 })
    }
}

@Suite("Byte search")
struct ByteSearchTests {
    @Test(arguments: [
        ("", "a", nil), ("a", "a", 0), ("xxa", "a", 2), ("] TLS error on connection (", "] TLS", 0),
        ("ab] TLS] TLS error", "] TLS e", 7), ("abc", "abcd", nil), ("aaab", "aab", 1), ("H=H=", "H=", 0),
    ] as [(String, String, Int?)])
    func findsTheFirstOccurrence(_ haystack: String, _ needle: String, _ expected: Int?) {
        let bytes = Array(("##" + haystack).utf8)[2...] // a slice not starting at 0
        let found = ByteSearch.firstIndex(of: Array(needle.utf8), in: bytes)
        #expect(found.map { $0 - 2 } == expected)
        #expect(ByteSearch.contains(Array(needle.utf8), in: bytes) == (expected != nil))
        if needle.utf8.count == 1 {
            #expect(ByteSearch.firstIndex(of: needle.utf8.first!, in: bytes).map { $0 - 2 } == expected)
        }
    }

    @Test func equalComparesWholeSlices() {
        let bytes = Array("xxCV=yes".utf8)
        #expect(ByteSearch.equal(bytes[2..<4], Array("CV".utf8)))
        #expect(!ByteSearch.equal(bytes[2..<5], Array("CV".utf8)))
        #expect(ByteSearch.equal(bytes[2..<2], []))
    }
}
