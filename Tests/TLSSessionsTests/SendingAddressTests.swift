import Foundation
import Testing
import TLSSessions

/// The event lines carry our outgoing address (`$sending_ip_address`), which becomes the
/// report's `sending-mta-ip` (RFC 8460 §4.4; receivers expect it).
@Suite("sending-mta-ip from the event lines")
struct SendingAddressTests {
    @Test func aHostDeferEventNamesOurAddress() throws {
        let scratch = ScratchDirectory()
        let log = scratch.path + "/mainlog"
        try """
        2026-11-25 10:00:00 1xWccc-000003-CC MTASTS-TLS event=host-defer domain=ev.example host=mx1.ev.example ip=192.0.2.31 sending=192.0.2.25 errno=-37 reason="TLS session: (certificate verification failed): certificate invalid"
        2026-11-25 10:00:01 1xWccc-000003-CC MTASTS-TLS event=delivery domain=ev.example host=mx2.ev.example ip=192.0.2.32 sending=192.0.2.25 cipher=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256
        2026-11-25 10:00:01 1xWccc-000003-CC => a@ev.example R=dnslookup_mtasts_enforce T=remote_smtp_mtasts_enforce H=mx2.ev.example [192.0.2.32] X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 CV=yes C="250 OK"

        """.write(toFile: log, atomically: true, encoding: .utf8)
        let sessions = try SessionReader(logs: [log], timezone: .fixedOffset(seconds: 0), hadPolicy: { _, _ in true })
            .read(day: Fixture.day)
        let tally = try #require(sessions.tallies[domain("ev.example")])
        #expect(tally.successfulSessions == 1)
        let failure = try #require(tally.failedSessions.keys.first)
        #expect(tally.failedSessions.count == 1)
        #expect(failure.resultType == .certificateNotTrusted)
        #expect(failure.sendingMTAIP == "192.0.2.25")
        #expect(failure.receivingIP == "192.0.2.31")
        #expect(failure.receivingMXHostname == "mx1.ev.example")
    }
}
