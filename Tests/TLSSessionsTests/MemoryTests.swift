import Foundation
import Testing
import TLSSessions
#if canImport(Glibc)
import Glibc
#endif

/// The scan streams: reading a log many times larger than the memory it may use leaves the
/// peak resident size nearly where it was.
@Suite("Memory stays flat in log size")
struct MemoryTests {
    static let cipher = "TLS1.3:ECDHE_SECP256R1__ECDSA_SECP256R1_SHA256__AES_256_GCM:256"

    /// About `megabytes` of lines in the forms of exim-tls.log, one message every 0.3 s of 2026-11-25.
    static func writeLog(_ path: String, megabytes: Int) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        var written = 0
        var message = 0
        var chunk = ""
        while written < megabytes << 20 {
            let seconds = Fixture.day.start + Int64(message) * 3 / 10
            let stamp = stampText(seconds)
            let id = "1xW" + String(100_000 + message % 900_000).suffix(3) + "-" + String(100_000 + message % 900_000) + "-0A"
            let domain = "d\(message % 500).example"
            let ip = "192.0.2.\(message % 250 + 1)"
            chunk += "\(stamp) \(id) <= alice@sender.test U=root P=local S=300\n"
            if message % 10 == 9 {
                chunk += "\(stamp) \(id) == x@\(domain) R=enforce T=remote_smtp_mtasts_enforce defer (-37) H=mx.\(domain) [\(ip)]:25: TLS session: (certificate verification failed): certificate invalid\n"
            } else {
                chunk += "\(stamp) \(id) => a@\(domain) R=enforce T=remote_smtp_mtasts_enforce H=mx.\(domain) [\(ip)]:25 X=\(cipher) CV=yes DN=\"CN=mx.\(domain)\" C=\"250 OK id=sink-1\"\n"
            }
            chunk += "\(stamp) \(id) Completed\n"
            message += 1
            if chunk.utf8.count > 1 << 20 {
                written += chunk.utf8.count
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
    }

    static func stampText(_ seconds: Int64) -> String {
        let s = seconds - Fixture.day.start
        func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "2026-11-25 \(pad(s / 3600 % 24)):\(pad(s / 60 % 60)):\(pad(s % 60)) +0000"
    }

    static func peakResidentKilobytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }

    @Test func aLargeLogIsStreamed() throws {
        let scratch = ScratchDirectory()
        let log = scratch.path + "/mainlog"
        try Self.writeLog(log, megabytes: 48)
        let before = Self.peakResidentKilobytes()
        let sessions = try SessionReader(logs: [log], hadPolicy: { _, _ in true }).read(day: Fixture.day)
        let growth = Self.peakResidentKilobytes() - before
        #expect(sessions.tallies.count == 500)
        let successes = sessions.tallies.values.reduce(0) { $0 + $1.successfulSessions }
        let failures = sessions.tallies.values.reduce(0) { $0 + $1.totalFailedSessions }
        // One message in ten failed (one session each), the others were delivered (one session each).
        #expect(failures > 1_000)
        #expect(successes >= 9 * failures - 9 && successes <= 9 * failures + 9)
        // A whole-file load alone would add ~48 MB.
        #expect(growth < 20 * 1024, "peak RSS grew by \(growth) kB reading a 48 MB log")
    }
}
