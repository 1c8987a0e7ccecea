import Testing
@testable import DNSClient

@Suite("DNSError")
struct DNSErrorTests {
    static let server = try! Nameserver(parsing: "127.0.0.1")

    @Test(arguments: [
        (DNSError.Code.serverFailure, DNSError.Kind.serverFailure,
         "DNS query for _mta-sts.example.com TXT failed: server 127.0.0.1:53 answered SERVFAIL"),
        (.refused, .refused, "DNS query for _mta-sts.example.com TXT failed: server 127.0.0.1:53 answered REFUSED"),
        (.responseCode(4), .unexpectedResponseCode, "DNS query for _mta-sts.example.com TXT failed: server 127.0.0.1:53 answered NOTIMP"),
        (.timeout(milliseconds: 1500, ignoredDatagrams: 2, overTCP: false), .timeout,
         "DNS query for _mta-sts.example.com TXT failed: server 127.0.0.1:53 did not answer within 1.5 s (ignored 2 datagrams that did not match the query)"),
        (.timeout(milliseconds: 5000, ignoredDatagrams: 0, overTCP: true), .timeout,
         "DNS query for _mta-sts.example.com TXT failed: server 127.0.0.1:53 did not answer over TCP within 5 s"),
        (.malformed("the CNAME chain loops back to a.example"), .malformedResponse,
         "DNS query for _mta-sts.example.com TXT failed: server 127.0.0.1:53 sent a malformed response: the CNAME chain loops back to a.example"),
        (.network("UDP recv failed: Connection refused (errno 111)"), .network,
         "DNS query for _mta-sts.example.com TXT failed: network error talking to server 127.0.0.1:53: UDP recv failed: Connection refused (errno 111)"),
    ])
    func rendersOneSentence(code: DNSError.Code, kind: DNSError.Kind, text: String) {
        let error = DNSError(code, queryName: "_mta-sts.example.com", queryType: .txt, server: Self.server)
        #expect(error.kind == kind)
        #expect(error.isTemporary)
        #expect(error.description == text)
    }

    @Test func controlCharactersInNamesAreEscaped() {
        let error = DNSError(.invalidName("x"), queryName: "a\nb\"c", queryType: .a)
        #expect(error.description == "DNS query for \"a\\x0ab\\\"c\" A failed: invalid name: x")
    }

    @Test func unknownTypesRenderPerRFC3597() {
        #expect(RecordType(rawValue: 65534).description == "TYPE65534")
        #expect(RecordType.tlsa.description == "TLSA")
    }
}
