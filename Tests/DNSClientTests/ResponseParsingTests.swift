import Testing
@testable import DNSClient

@Suite("Parsing answers (RFC 1035 §4.1, §3.3)")
struct ResponseParsingTests {
    func name(_ text: String) -> DNSName { try! DNSName(validating: text) }

    /// Selects the records of `type` for `owner` the way a lookup does.
    func select(_ type: RecordType, _ owner: String, _ bytes: [UInt8]) throws -> (CNAMEChain.Outcome, DNSMessage) {
        let message = try DNSMessage(parsing: bytes)
        var chain = CNAMEChain(start: name(owner))
        return (try chain.select(type, for: name(owner), in: message), message)
    }

    @Test func txtWithSeveralStringsJoinsThemWithNothingBetween() throws {
        var wire = WireBuilder(answers: 2, additionals: 1)
        wire.question("_mta-sts.example.com", .txt)
        wire.record(owner: { $0.pointer(12) }, .txt) { builder in
            builder.u8(16); builder.raw(Array("v=STSv1; id=2024".utf8))
            builder.u8(4); builder.raw(Array("0101".utf8))
        }
        wire.record(owner: { $0.pointer(12) }, .txt) { builder in
            builder.u8(2); builder.raw([0xC3, 0x28])    // invalid UTF-8
        }
        wire.opt()
        let (outcome, message) = try select(.txt, "_mta-sts.example.com", wire.bytes)
        guard case .records(let records, let owner) = outcome else { Issue.record("\(outcome)"); return }
        #expect(owner == name("_mta-sts.example.com"))
        #expect(records.count == 2)
        guard case .txt(let first) = records[0].data, case .txt(let second) = records[1].data else {
            Issue.record("not TXT"); return
        }
        #expect(first.strings.count == 2)
        #expect(first.text == "v=STSv1; id=20240101")
        #expect(second.text == "\u{FFFD}(")
        #expect(message.edns?.udpPayloadSize == 1232)
        #expect(records[0].ttl == 300)
    }

    @Test func mxWithCompressedExchange() throws {
        var wire = WireBuilder(answers: 2)
        wire.question("example.com", .mx)
        wire.record(owner: { $0.pointer(12) }, .mx) { $0.u16(10); $0.name("MX1", pointer: 12) }
        wire.record(owner: { $0.pointer(12) }, .mx) { $0.u16(0); $0.name("") }   // null MX, RFC 7505
        let (outcome, _) = try select(.mx, "example.com", wire.bytes)
        guard case .records(let records, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(records.map(\.data) == [.mx(preference: 10, exchange: name("mx1.example.com")), .mx(preference: 0, exchange: .root)])
        let exchanges = records.compactMap { record -> String? in
            if case .mx(_, let exchange) = record.data { exchange.hostText } else { nil }
        }
        #expect(exchanges == ["mx1.example.com", ""])
    }

    @Test func aAndAAAAAddressesRenderAsText() throws {
        var wire = WireBuilder(answers: 2)
        wire.question("host.example", .a)
        wire.record(owner: { $0.pointer(12) }, .a) { $0.raw([192, 0, 2, 1]) }
        wire.record(owner: { $0.pointer(12) }, .aaaa) { $0.raw([0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [1]) }
        let message = try DNSMessage(parsing: wire.bytes)
        guard case .a(let v4) = message.answers[0].data, case .aaaa(let v6) = message.answers[1].data else {
            Issue.record("wrong data"); return
        }
        #expect(IPAddressText.ipv4(v4) == "192.0.2.1")
        #expect(IPAddressText.ipv6(v6) == "2001:db8::1")
        #expect(IPAddressText.ipv6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 192, 0, 2, 1]) == "::ffff:192.0.2.1")
    }

    @Test func tlsaRecordAndPresentation() throws {
        var wire = WireBuilder(answers: 1)
        wire.question("_25._tcp.mx.example.com", .tlsa)
        wire.record(owner: { $0.pointer(12) }, .tlsa) { $0.raw([3, 1, 1, 0xAB, 0x0C, 0xFF]) }
        let message = try DNSMessage(parsing: wire.bytes)
        guard case .tlsa(let record) = message.answers[0].data else { Issue.record("not TLSA"); return }
        #expect(record == TLSARecord(usage: 3, selector: 1, matchingType: 1, data: [0xAB, 0x0C, 0xFF]))
        #expect(record.text == "3 1 1 ab0cff")
    }

    @Test func cnameChainIsFollowedToTheFinalOwner() throws {
        var wire = WireBuilder(answers: 4)
        wire.question("www.example.com", .a)
        wire.cname("www.example.com", "Alias.Example.NET")
        wire.cname("alias.example.net", "final.example.org")
        wire.record("other.example.org", .a) { $0.raw([10, 0, 0, 9]) }     // not on the chain: ignored
        wire.record("FINAL.example.org", .a) { $0.raw([192, 0, 2, 7]) }
        let (outcome, _) = try select(.a, "www.example.com", wire.bytes)
        guard case .records(let records, let owner) = outcome else { Issue.record("\(outcome)"); return }
        #expect(owner == name("final.example.org"))
        #expect(records.map(\.data) == [.a([192, 0, 2, 7])])
    }

    @Test func cnameChainWithoutRecordsAsksForTheTarget() throws {
        var wire = WireBuilder(answers: 1)
        wire.question("www.example.com", .txt)
        wire.cname("www.example.com", "target.example.net")
        let (outcome, _) = try select(.txt, "www.example.com", wire.bytes)
        #expect(outcome == .continueWith(name("target.example.net")))
    }

    @Test func cnameLoopIsMalformed() throws {
        var wire = WireBuilder(answers: 2)
        wire.question("a.example", .a)
        wire.cname("a.example", "b.example")
        wire.cname("b.example", "a.example")
        #expect(throws: DNSError.self) { try select(.a, "a.example", wire.bytes) }
    }

    @Test func cnameChainLongerThanEightIsRefused() throws {
        var wire = WireBuilder(answers: 10)
        wire.question("n0.example", .a)
        for hop in 0..<9 { wire.cname("n\(hop).example", "n\(hop + 1).example") }
        wire.record("n9.example", .a) { $0.raw([192, 0, 2, 1]) }
        do {
            _ = try select(.a, "n0.example", wire.bytes)
            Issue.record("expected an error")
        } catch let error as DNSError {
            #expect(error.kind == .malformedResponse)
            #expect(error.description.contains("longer than 8"))
        }
        var eight = WireBuilder(answers: 9)
        eight.question("n0.example", .a)
        for hop in 0..<8 { eight.cname("n\(hop).example", "n\(hop + 1).example") }
        eight.record("n8.example", .a) { $0.raw([192, 0, 2, 1]) }
        #expect(try select(.a, "n0.example", eight.bytes).0 == .records([ResourceRecord(name: name("n8.example"), type: .a, ttl: 300, data: .a([192, 0, 2, 1]))], owner: name("n8.example")))
    }

    @Test func twoCNAMEsForOneOwnerAreMalformed() throws {
        var wire = WireBuilder(answers: 2)
        wire.question("a.example", .a)
        wire.cname("a.example", "b.example")
        wire.cname("a.example", "c.example")
        #expect(throws: DNSError.self) { try select(.a, "a.example", wire.bytes) }
    }

    @Test func nxdomainIsAnEmptyAnswer() throws {
        var wire = WireBuilder(rcode: 3, authorities: 1)
        wire.question("missing.example.com", .txt)
        wire.record("example.com", .soa) { $0.name("ns.example.com"); $0.name("host.example.com"); $0.raw(Array(repeating: 0, count: 20)) }
        let (outcome, message) = try select(.txt, "missing.example.com", wire.bytes)
        #expect(message.responseCode == .nameError)
        #expect(outcome == .records([], owner: name("missing.example.com")))
        #expect(message.authorities.first?.type == .soa)
    }

    @Test func nodataIsAnEmptyAnswerWithNoError() throws {
        var wire = WireBuilder(answers: 1)
        wire.question("example.com", .tlsa)
        wire.record(owner: { $0.pointer(12) }, .a) { $0.raw([192, 0, 2, 1]) }   // another type: not an answer
        let (outcome, message) = try select(.tlsa, "example.com", wire.bytes)
        #expect(message.responseCode == .noError)
        #expect(outcome == .records([], owner: name("example.com")))
    }

    @Test(arguments: [(UInt16(0x0020), true), (UInt16(0), false)])
    func adBitIsExposed(flags: UInt16, authenticated: Bool) throws {
        var wire = WireBuilder(flags: flags, answers: 0)
        wire.question("example.com", .a)
        #expect(try DNSMessage(parsing: wire.bytes).header.authenticData == authenticated)
    }

    @Test func truncationAndExtendedRcode() throws {
        var wire = WireBuilder(flags: 0x0200, additionals: 1)
        wire.question("example.com", .txt)
        wire.opt(extendedRcode: 1)
        let message = try DNSMessage(parsing: wire.bytes)
        #expect(message.header.isTruncated)
        #expect(message.responseCode.rawValue == 16)    // BADVERS, RFC 6891 §9
        #expect(message.responseCode.description == "BADVERS")
    }

    @Test func upperCaseOwnerMatchesQuestion() throws {
        var wire = WireBuilder(answers: 1)
        wire.question("EXAMPLE.com", .a)
        wire.record("example.COM", .a) { $0.raw([192, 0, 2, 2]) }
        let (outcome, _) = try select(.a, "Example.Com", wire.bytes)
        guard case .records(let records, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(records.count == 1)
    }
}
