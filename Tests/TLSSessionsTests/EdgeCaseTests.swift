import Foundation
import Testing
import TLSSessions

/// Rejections, reused connections, noise and hostile input, over the EximLog fixtures (real
/// Exim 4.96 lines) and hand-made lines.
@Suite("Rejections, reused connections, noise and bad input")
struct EdgeCaseTests {
    static var selectorsLog: String { Fixture.directory + "/../EximLog/exim-selectors.log" }

    @Test func rejectionsAreNoTLSFailuresAndReusedConnectionsNoSessions() throws {
        // Every domain "had a policy": CV=no on the reused connection must still not count.
        let sessions = try SessionReader(logs: [Self.selectorsLog], hadPolicy: { _, _ in true }).read(day: Fixture.day)
        #expect(sessions.successes("reuse.test") == 1)       // first@ went down second@'s connection (`*`, CV=no)
        #expect(sessions.failures("reuse.test") == 0)
        #expect(sessions.successes("example.org") == 1)      // three recipients, one session
        #expect(sessions.successes("example.net") == 1)      // the 550 came inside a TLS session (X=, CV=yes)
        #expect(sessions.failures("example.net") == 0)       // the 451 is no TLS failure
        #expect(sessions.successes("mixed.example") == 1)    // =>, == and ** of one session
        #expect(sessions.failures("mixed.example") == 0)
        #expect(sessions.tallies[domain("refused.test")] == nil) // connection refused: no TLS session
        #expect(sessions.tallies[domain("local.test")] == nil)   // local delivery
        #expect(sessions.successes("sender.test") == 2)      // the two bounces
        #expect(sessions.skippedLines == 0)
    }

    @Test func hostileLinesAreSkippedNeverFatal() throws {
        let scratch = ScratchDirectory()
        var bytes = Array("""
        garbage without a timestamp
        2026-13-45 99:99:99 1xWaaa-000001-AA => x@bad.example H=mx [192.0.2.1] X=TLS CV=yes
        2026-11-25 10:00:00 1xWaaa-000001-AA => x@ H= X=
        2026-11-25 10:00:00 1xWaaa-000001-AA == y@ok.example H=mx.ok.example [192.0.2.1]: TLS session: (certificate verification failed)
        2026-11-25 10:00:00 1xWaaa-000001-AA MTASTS-TLS event=host-defer domain=..bad ip= errno=x reason="unterminated
        2026-11-25 10:00:00 1xWaaa-000001-AA MTASTS-TLS event=dane-fail domain=d.example host=mx ip=192.0.2.9 result=no-such-type
        2026-11-25 10:00:01 1xWaab-000002-BB H=mx.orphan.example [192.0.2.7]: TLS session: (gnutls_handshake): error
        2026-11-25 10:00:02
        """.utf8)
        bytes += [0xFF, 0xFE, 0x0A] + Array(repeating: UInt8(ascii: "a"), count: 200_000) + [0x0A]
        let log = scratch.path + "/mainlog"
        _ = FileManager.default.createFile(atPath: log, contents: Data(bytes))
        let sessions = try SessionReader(logs: [log], timezone: .fixedOffset(seconds: 0), hadPolicy: { _, _ in true })
            .read(day: Fixture.day)
        #expect(sessions.failures("ok.example", .certificateHostMismatch) == 1)
        #expect(sessions.tallies[domain("d.example")] == nil)
        #expect(sessions.tallies.count == 1) // the orphan host line has no delivery line to name its domain
        #expect(sessions.skippedLines >= 3)
    }

    @Test func aMissingLogReadsAsNoSessions() throws {
        let sessions = try SessionReader(logs: ["/nonexistent/mainlog"], hadPolicy: { _, _ in true }).read(day: Fixture.day)
        #expect(sessions.tallies.isEmpty)
    }

    @Test func anUnreadableLogIsAnErrorNamingIt() throws {
        let scratch = ScratchDirectory()
        let error = #expect(throws: SessionReaderError.self) {
            _ = try SessionReader(logs: [scratch.path], hadPolicy: { _, _ in true }).read(day: Fixture.day)
        }
        #expect(error?.description.contains(scratch.path) == true)
    }
}
