import Testing
import TLSSessions

/// The text → RFC 8460 §4.3 result-type table, over texts the real Exim 4.96 (GnuTLS) wrote in
/// the fixtures and texts of OpenSSL builds and DANE taken from the reference notes.
@Suite("Exim TLS texts → result types")
struct TextMappingTests {
    @Test(arguments: [
        // Recorded from the real Exim 4.96 (GnuTLS), see exim-tls.log.
        ("a TLS session is required, but the server did not offer TLS support", ResultType.starttlsNotSupported),
        ("TLS session: (certificate verification failed)", .certificateHostMismatch),
        ("TLS session: (certificate verification failed): certificate invalid", .certificateNotTrusted),
        ("Event requests alternate response", .validationFailure),
        // From the reference notes (GnuTLS).
        ("a TLS session is required, but an attempt to start TLS failed", .validationFailure),
        ("TLS session: (gnutls_handshake): The TLS connection was non-properly terminated.", .validationFailure),
        ("TLS session: (certificate verification failed): certificate revoked", .certificateNotTrusted),
        ("DANE attempt failed; TLS connection to mx.d.example [192.0.2.1]: (certificate verification failed): Verification failed. The certificate differs. ", .validationFailure),
        ("TLS session: (gnutls_handshake): A TLS fatal alert has been received.: delivering unencrypted to H=mx.e.example [192.0.2.2] (not in hosts_require_tls)", .validationFailure),
        // OpenSSL builds (hand-written from the reference notes).
        ("SSL verify error: depth=0 error=certificate has expired cert=/CN=mx.example", .certificateExpired),
        ("SSL verify error: depth=0 error=self signed certificate cert=/CN=mx.example", .certificateNotTrusted),
        ("SSL verify error: depth=0 error=self-signed certificate cert=/CN=mx.example", .certificateNotTrusted),
        ("SSL verify error: depth=1 error=unable to get local issuer certificate cert=/CN=CA", .certificateNotTrusted),
        ("SSL verify error: certificate name mismatch: DN=\"/CN=other\" H=\"mx.example\"", .certificateHostMismatch),
        ("TLS session: (SSL_connect): error:0A000086:SSL routines::certificate verify failed", .validationFailure),
        // DANE.
        ("DANE error: tlsa lookup DEFER", .dnssecInvalid),
        ("DANE error: tlsa lookup FAIL", .daneRequired),
        ("DANE error: TLSA record not DNSSEC", .daneRequired),
    ])
    func mapped(_ text: String, _ expected: ResultType) {
        #expect(EximTLSText.resultType(for: text) == expected)
    }

    @Test(arguments: [
        "TLS error on connection (recv): Error in the pull function.",
        "SMTP error from remote mail server after RCPT TO:<defer@good.enforce>: 451 4.3.0 try again later",
        "SMTP error from remote mail server after RCPT TO:<fail@good.enforce>: 550 5.1.1 no such user",
        "Connection refused",
        "retry time not reached for any host for 'vetoonly.enforce'",
        "",
    ])
    func notTLSFailures(_ text: String) {
        #expect(EximTLSText.resultType(for: text) == nil)
    }

    @Test func everyRuleMapsItsOwnText() {
        for rule in EximTLSText.rules {
            #expect(EximTLSText.rule(for: rule.text)?.resultType == rule.resultType, "\(rule.text)")
        }
    }

    @Test func openSSLRecordedLinesCountAsOneSessionEach() throws {
        let sessions = try SessionReader(logs: [Fixture.path("openssl-handwritten.log")], hadPolicy: { _, _ in true })
            .read(day: Fixture.day)
        #expect(sessions.skippedLines == 4) // the "#" label lines
        #expect(sessions.failures("expired.example", .certificateExpired) == 1)
        #expect(sessions.failures("selfsigned.example", .certificateNotTrusted) == 1)
        #expect(sessions.failures("unknownca.example", .certificateNotTrusted) == 1)
        #expect(sessions.failures("mismatch.example", .certificateHostMismatch) == 1)
        #expect(sessions.failures("handshake.example", .validationFailure) == 1)
        #expect(sessions.failures("dnssec.example", .dnssecInvalid) == 1)
        #expect(sessions.failures("danereq.example", .daneRequired) == 1)
        let dane = try #require(sessions.tallies[domain("dane.example")])
        #expect(dane.successfulSessions == 1 && dane.usedDANE)
        for name in ["expired.example", "selfsigned.example", "mismatch.example"] {
            #expect(sessions.failures(name) == 1)
        }
        let expired = try #require(sessions.tallies[domain("expired.example")]?.failedSessions.keys.first)
        #expect(expired.receivingIP == "192.0.2.10")
        #expect(expired.receivingMXHostname == "mx.expired.example")
    }
}
