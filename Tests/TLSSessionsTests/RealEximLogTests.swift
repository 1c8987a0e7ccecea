import Testing
import TLSSessions

/// Sessions counted from logs the real Exim 4.96 (GnuTLS) wrote while delivering through the
/// shipped enforce/testing transports (scripts/make-tls-session-fixtures says what happened).
@Suite("Sessions from real Exim logs")
struct RealEximLogTests {
    static let logs = ["exim-tls.log", "exim-tls-events.log"]

    func read(_ name: String, ignore: [String] = []) throws -> DailySessions {
        try SessionReader(logs: [Fixture.path(name)], timezone: .fixedOffset(seconds: 0),
                          ignoreSenders: ignore, hadPolicy: fixturePolicies).read(day: Fixture.day)
    }

    @Test(arguments: logs)
    func successesCountSessionsNotRecipients(_ log: String) throws {
        let sessions = try read(log)
        // a@, one/two/three@ (one session), ok/defer/fail@ (one session), tlsrpt@, first@ and
        // second@ (queued, then one queue run: when Exim reused the connection, one `=>` line
        // carries `*` and is no new session); the 4xx retry is no TLS failure.
        let text = try String(contentsOfFile: Fixture.path(log), encoding: .utf8)
        let reused = text.split(separator: "\n").filter { $0.contains("@good.enforce") && $0.contains("]:25* ") }.count
        #expect(sessions.successes("good.enforce") == 6 - reused)
        // (Whether Exim reuses the connection varies between runs of the generator; the
        // committed exim-tls.log has the `*` line, and EdgeCaseTests checks a reused CV=no.)
        #expect(sessions.failures("good.enforce") == 0)
        #expect(sessions.successes("good.testing") == 1)
        #expect(sessions.successes("veto.enforce") == 1)
        #expect(sessions.successes("twomx.enforce") == 1)
        #expect(sessions.skippedLines == 0)
    }

    @Test(arguments: logs)
    func certificateFailuresAreMapped(_ log: String) throws {
        let sessions = try read(log)
        // Each failing message is tried twice: on submission and in the forced queue run.
        #expect(sessions.failures("wronghost.enforce", .certificateHostMismatch) == 4) // b@ and dmarc@
        #expect(sessions.failures("selfsigned.enforce", .certificateNotTrusted) == 2)
        #expect(sessions.failures("plain.enforce", .starttlsNotSupported) == 2)
        #expect(sessions.failures("vetoonly.enforce", .validationFailure) == 2)
        #expect(sessions.failures("veto.enforce", .validationFailure) == 1)
        let plain = try #require(sessions.tallies[domain("plain.enforce")])
        let key = try #require(plain.failedSessions.keys.first)
        #expect(key.receivingIP == "127.93.0.6")
        #expect(key.receivingMXHostname == "mx.plain.test")
        #expect(key.failureReasonCode == "a TLS session is required, but the server did not offer TLS support")
    }

    @Test func plainLogCannotTellExpiryButEventsCan() throws {
        let plain = try read("exim-tls.log")
        #expect(plain.failures("expired.enforce", .certificateNotTrusted) == 2)
        let events = try read("exim-tls-events.log")
        #expect(events.failures("expired.enforce", .certificateExpired) == 2)
        #expect(events.failures("expired.enforce") == 2)
    }

    @Test func onlyEventsSeeTheFailedFirstMX() throws {
        #expect(try read("exim-tls.log").failures("twomx.enforce") == 0)
        let events = try read("exim-tls-events.log")
        #expect(events.failures("twomx.enforce", .certificateExpired) == 1)
        #expect(events.successes("twomx.enforce") == 1)
    }

    @Test(arguments: logs)
    func testingModeFailuresAndNoPolicy(_ log: String) throws {
        let sessions = try read(log)
        #expect(sessions.failures("selfsigned.testing", .validationFailure) == 1) // CV=no
        #expect(sessions.failures("plain.testing", .starttlsNotSupported) == 1)   // cleartext
        #expect(sessions.successes("plain.testing") == 0)
        // No policy: CV=no is no failure.
        #expect(sessions.successes("none.test") == 1)
        #expect(sessions.failures("none.test") == 0)
    }

    @Test(arguments: logs)
    func handshakeFailures(_ log: String) throws {
        let sessions = try read(log)
        // Enforce: deferred, tried twice.
        #expect(sessions.failures("broken.enforce", .validationFailure) == 2)
        let key = try #require(sessions.tallies[domain("broken.enforce")]?.failedSessions.keys.first)
        #expect(key.failureReasonCode?.hasPrefix("TLS session: (gnutls_handshake): ") == true)
        // Testing: "...: delivering unencrypted to H=..." then a `=>` without X=: ONE failed session.
        #expect(sessions.failures("broken.testing") == 1)
        #expect(sessions.failures("broken.testing", .validationFailure) == 1)
        #expect(sessions.successes("broken.testing") == 0)
    }

    @Test(arguments: logs)
    func ignoredSendersAreNotCounted(_ log: String) throws {
        let all = try read(log)
        let filtered = try read(log, ignore: ["TLSRPT-noreply@sender.test", "dmarc-noreply@sender.test"])
        #expect(filtered.successes("good.enforce") == all.successes("good.enforce") - 1)
        #expect(filtered.failures("wronghost.enforce") == all.failures("wronghost.enforce") - 2)
    }

    @Test func otherDaysAreEmpty() throws {
        let reader = SessionReader(logs: [Fixture.path("exim-tls.log")], hadPolicy: fixturePolicies)
        #expect(try reader.read(day: Fixture.day.adding(days: 1)).tallies.isEmpty)
        #expect(try reader.read(day: Fixture.day.adding(days: -1)).tallies.isEmpty)
    }
}
