import EximLog
import Foundation
import Testing

@Suite("Following a log incrementally")
struct LogFollowerTests {
    @Test("appended lines are read once; a line without its newline waits for the next run")
    func appendAndResume() throws {
        let logs = try LogDirectory()
        try logs.append("a\nb\n")
        #expect(try logs.readNew().lines == ["a", "b"])
        #expect(try logs.readNew().lines == [])
        try logs.append("c\npartial")
        let (lines, pass) = try logs.readNew()
        #expect(lines == ["c"])
        #expect(pass.position?.offset == 6) // after "a\nb\nc\n"
        #expect(try logs.readNew().lines == [])
        try logs.append(" line\nd\n")
        #expect(try logs.readNew().lines == ["partial line", "d"])
        #expect(try logs.readNew().lines == [])
    }

    @Test("a missing log is reported, not an error; it is read once it appears")
    func missingLog() throws {
        let logs = try LogDirectory()
        let (lines, pass) = try logs.readNew()
        #expect(lines.isEmpty && pass.logMissing && pass.position == nil)
        try logs.append("a\n")
        #expect(try logs.readNew().lines == ["a"])
    }

    @Test("first run: the rotated files that exist, oldest first, then the log")
    func firstRun() throws {
        let logs = try LogDirectory()
        try logs.append("oldest 1\noldest 2\n", to: "mainlog.3")
        try logs.gzip("mainlog.3")
        try logs.append("older\n", to: "mainlog.2")
        try logs.gzip("mainlog.2")
        try logs.append("old\n", to: "mainlog.1")
        try logs.append("new\n")
        let (lines, pass) = try logs.readNew()
        #expect(lines == ["oldest 1", "oldest 2", "older", "old", "new"])
        #expect(pass.files.map { ($0.path as NSString).lastPathComponent } == ["mainlog.3.gz", "mainlog.2.gz", "mainlog.1", "mainlog"])
    }

    @Test("rotation mainlog → mainlog.1 (delaycompress) → mainlog.2.gz: finish the old file, then the new one")
    func renameRotation() throws {
        let logs = try LogDirectory()
        try logs.append("a\nb\n")
        #expect(try logs.readNew().lines == ["a", "b"])
        try logs.append("c\nlast without newline")
        try logs.rename("mainlog", "mainlog.1")
        try logs.append("d\n")
        #expect(try logs.readNew().lines == ["c", "last without newline", "d"])

        try logs.append("e\n")
        try logs.gzip("mainlog.1")
        try logs.rename("mainlog.1.gz", "mainlog.2.gz")
        try logs.rename("mainlog", "mainlog.1")
        try logs.append("f\n")
        #expect(try logs.readNew().lines == ["e", "f"])
        #expect(try logs.readNew().lines == [])
    }

    @Test("rotation with immediate compression: the old file is found as mainlog.1.gz by its first bytes")
    func compressedRotation() throws {
        let logs = try LogDirectory()
        try logs.append("2026-11-25 10:00:00 first line of the old log\n")
        #expect(try logs.readNew().lines.count == 1)
        try logs.append("unread\n")
        try logs.rename("mainlog", "mainlog.1")
        try logs.gzip("mainlog.1")
        try logs.append("2026-11-25 11:00:00 new log\n")
        let (lines, pass) = try logs.readNew()
        #expect(lines == ["unread", "2026-11-25 11:00:00 new log"])
        #expect(pass.files.first?.path.hasSuffix("mainlog.1.gz") == true)
        #expect(pass.files.first?.fromOffset == 46)
    }

    @Test("two rotations between runs: the remembered file, then each newer one")
    func twoRotations() throws {
        let logs = try LogDirectory()
        try logs.append("a\n")
        #expect(try logs.readNew().lines == ["a"])
        try logs.append("b\n")
        try logs.rename("mainlog", "mainlog.1")
        try logs.append("c\n")
        try logs.rename("mainlog.1", "mainlog.2")
        try logs.gzip("mainlog.2")
        try logs.rename("mainlog", "mainlog.1")
        try logs.append("d\n")
        #expect(try logs.readNew().lines == ["b", "c", "d"])
    }

    @Test("copytruncate: same inode, shorter file; the copy is finished first, then the log from 0")
    func copyTruncate() throws {
        let logs = try LogDirectory()
        try logs.append("2026-11-25 10:00:00 a\n2026-11-25 10:00:01 b\n")
        #expect(try logs.readNew().lines.count == 2)
        try logs.append("2026-11-25 10:00:02 c\n")
        try logs.copyTruncate(to: "mainlog.1")
        try logs.append("2026-11-25 10:00:03 d\n")
        #expect(try logs.readNew().lines == ["2026-11-25 10:00:02 c", "2026-11-25 10:00:03 d"])
    }

    @Test("copytruncate, then the log grew past the old offset: its first bytes tell")
    func copyTruncateRegrown() throws {
        let logs = try LogDirectory()
        try logs.append("2026-11-25 10:00:00 a\n")
        #expect(try logs.readNew().lines.count == 1)
        try logs.copyTruncate(to: "mainlog.1")
        try logs.append("2026-11-25 11:00:00 x\n2026-11-25 11:00:01 y\n")
        #expect(try logs.readNew().lines == ["2026-11-25 11:00:00 x", "2026-11-25 11:00:01 y"])
    }

    @Test("truncated with no copy in sight: start over from 0")
    func truncatedWithoutCopy() throws {
        let logs = try LogDirectory()
        try logs.append("2026-11-25 10:00:00 a\n2026-11-25 10:00:01 b\n")
        #expect(try logs.readNew().lines.count == 2)
        try logs.truncate()
        try logs.append("2026-11-25 12:00:00 z\n")
        #expect(try logs.readNew().lines == ["2026-11-25 12:00:00 z"])
    }

    @Test("lines longer than the limit are counted and skipped; the others survive")
    func overlongLines() throws {
        let logs = try LogDirectory(maximumLineLength: 10)
        try logs.append("short\n" + String(repeating: "x", count: 25) + "\nok\n" + String(repeating: "y", count: 30))
        let (lines, pass) = try logs.readNew()
        #expect(lines == ["short", "ok"])
        #expect(pass.overlongLines == 1)
        try logs.append("yyy\nafter\n")
        let next = try logs.readNew()
        #expect(next.lines == ["after"])
        #expect(next.pass.overlongLines == 1)
    }

    @Test("lines crossing the read buffer come out whole, in plain and gzip files")
    func bufferBoundaries() throws {
        let logs = try LogDirectory()
        var expected: [String] = []
        var text = ""
        for index in 0..<3_000 {
            let line = "line \(index) " + String(repeating: "abcdefghij", count: index % 97)
            expected.append(line)
            text += line + "\n"
        }
        try logs.append(text, to: "mainlog.1")
        try logs.gzip("mainlog.1")
        try logs.append(text)
        let (lines, _) = try logs.readNew()
        #expect(lines.count == 6_000)
        #expect(Array(lines[..<3_000]) == expected)
        #expect(Array(lines[3_000...]) == expected)
    }

    @Test("a corrupt .gz is an error naming the file, never a crash")
    func corruptGzip() throws {
        let logs = try LogDirectory()
        try logs.append("a\n", to: "mainlog.1")
        try logs.gzip("mainlog.1")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: logs.path("mainlog.1.gz")))
        bytes = bytes.prefix(12) + Data(repeating: 0xFF, count: 40)
        try bytes.write(to: URL(fileURLWithPath: logs.path("mainlog.1.gz")))
        try logs.append("b\n")
        let error = try #require(throws: EximLogError.self) { try logs.readNew() }
        #expect(error.description.contains("mainlog.1.gz"))
    }
}

@Suite("Log position file")
struct LogPositionFileTests {
    @Test("saves and loads; malformed lines are ignored; no temporary file is left")
    func roundTrip() throws {
        let logs = try LogDirectory()
        let file = LogPositionFile(directory: logs.path("state/nested"))
        #expect(try file.load().isEmpty)
        let positions = [
            "/var/log/exim4/mainlog": LogPosition(file: FileIdentity(device: 65024, inode: 123), offset: 4096,
                                                  fingerprint: Fingerprint(of: Array("2026-11-25 10:00:00".utf8))),
            "/var/log/with space/main log": LogPosition(file: FileIdentity(device: 1, inode: 2), offset: 0,
                                                        fingerprint: Fingerprint(of: [UInt8]())),
        ]
        try file.save(positions)
        #expect(try file.load() == positions)
        try logs.append("garbage line\n1\t2\n", to: "state/nested/exim-log-positions")
        #expect(try file.load() == positions)
        let names = try FileManager.default.contentsOfDirectory(atPath: logs.path("state/nested"))
        #expect(names == ["exim-log-positions"])
    }

    @Test("an unwritable directory is an error naming the file")
    func unwritable() throws {
        let file = LogPositionFile(path: "/proc/mtasts-no-such-dir/exim-log-positions")
        let error = try #require(throws: EximLogError.self) { try file.save([:]) }
        #expect(error.description.hasPrefix("cannot write the log positions to /proc/mtasts-no-such-dir/exim-log-positions: "))
    }
}
