import Testing
@testable import TLSSessions

/// The byte-level look before parsing keeps exactly the lines sessions can come from.
@Suite("Line prefilter")
struct PrefilterTests {
    static let filter = LinePrefilter(ignoredSenders: ["tlsrpt-noreply@sender.test"])

    @Test(arguments: [
        ("2026-11-25 09:24:05 1xW9ET-0006Yz-0b => bob@example.com R=r T=t H=mx [192.0.2.1]", true),
        ("2026-11-25 09:24:05.321 +0000 [25234] 1xW9ET-0006Yz-0b => bob@example.com R=r", true),
        ("2026-11-25 09:24:05 +0100 1xW9ET-0006Yz-0b == a@d R=r defer (-37) H=mx [192.0.2.1]: TLS session: x", true),
        ("2026-11-25 09:24:05 1xW9ET-0006Yz-0b ** a@d R=r H=mx [192.0.2.1]: SMTP error", true),
        ("2026-11-25 09:24:05 1xW9ET-0006Yz-0b -> two@example.org R=r", false),
        ("2026-11-25 09:24:05 1xW9ET-0006Yz-0b Completed", false),
        ("2026-11-25 09:24:05 1xW9ET-0006Yz-0b <= alice@sender.test U=root", false),
        ("2026-11-25 09:24:05 1xW9ET-0006Yz-0b <= TLSRPT-noreply@sender.test U=root", true),
        ("2026-11-25 09:24:05 [99] 1xW9ET-0006Yz-0b <= <tlsrpt-noreply@sender.test> U=root", true),
        ("2026-11-25 09:24:05 1xW9ET-0006Yz-0b H=mx.plain.test [127.93.0.6]:25: a TLS session is required", true),
        ("2026-11-25 09:24:05 1xW9ET-0006Yz-0b H=mx [127.0.0.1] TLS error on connection (recv): Error in the pull function.", false),
        ("2026-11-25 09:24:05 1xW9ET-0006Yz-0b MTASTS-TLS event=host-defer domain=d", true),
        ("2026-11-25 09:24:05 1xW9ET-0006Yz-0b [192.0.2.10] SSL verify error: depth=0", true),
        ("2026-11-25 09:54:15 +0000 1xW9hf-0003Qb-24 TLS session: (gnutls_handshake): x: delivering unencrypted to H=mx [127.93.0.8] (not in hosts_require_tls)", true),
        ("2026-11-25 09:24:05 1xW9ET-0006Yz0b1AB-000A => a@d R=r", true),  // Exim 4.97 ids
        ("2026-11-25 09:24:05 Start queue run: pid=4502 -qqf", false),
        ("2026-11-25 09:24:05 [4502] H=mx [192.0.2.1]: TLS session: x", false),  // no message id
        ("2026-11-25 09:24:05", false),
    ])
    func keeps(_ line: String, _ expected: Bool) {
        #expect(Self.filter.mayMatter(Array(line.utf8)[...]) == expected)
    }
}
