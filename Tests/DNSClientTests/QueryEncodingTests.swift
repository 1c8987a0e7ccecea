import Testing
@testable import DNSClient

@Suite("Query encoding (RFC 1035 §4.1, RFC 6891, RFC 6840 §5.7)")
struct QueryEncodingTests {
    @Test func encodesHeaderQuestionAndOPTRecord() throws {
        let name = try DNSName(validating: "_mta-sts.Example.COM.")
        let query = QueryBuilder(id: 0xBEEF, name: name, type: .txt)
        var expected: [UInt8] = [0xBE, 0xEF, 0x01, 0x20, 0, 1, 0, 0, 0, 0, 0, 1]
        expected += [8] + Array("_mta-sts".utf8) + [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0]
        expected += [0, 16, 0, 1]
        expected += [0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 0]
        #expect(query.bytes == expected)
    }

    @Test func flagsAskForRecursionAndAuthenticData() throws {
        let bytes = QueryBuilder(id: 1, name: try DNSName(validating: "example.com"), type: .a).bytes
        var reader = WireReader(bytes)
        let header = try DNSMessage.parseHeader(&reader)
        #expect(header.recursionDesired)
        #expect(header.authenticData)
        #expect(!header.isResponse)
        #expect(!header.checkingDisabled)
    }

    @Test func queryParsesBackWithEDNSPayload() throws {
        let bytes = QueryBuilder(id: 7, name: try DNSName(validating: "_25._tcp.mx.example.net"), type: .tlsa).bytes
        let message = try DNSMessage(parsing: bytes)
        #expect(message.questions == [DNSMessage.Question(name: try DNSName(validating: "_25._tcp.mx.example.net"), type: .tlsa)])
        #expect(message.edns == DNSMessage.EDNS(udpPayloadSize: 1232))
        #expect(message.additionals.isEmpty)
    }

    @Test func withoutEDNSHasNoAdditionalRecord() throws {
        var query = QueryBuilder(id: 7, name: try DNSName(validating: "example.org"), type: .mx)
        query.edns = false
        let bytes = query.bytes
        #expect(bytes[10...11] == [0, 0])
        #expect(try DNSMessage(parsing: bytes).edns == nil)
    }
}

@Suite("Query names")
struct QueryNameTests {
    @Test(arguments: [
        ("example.com", "example.com"),
        ("Example.COM.", "example.com"),
        ("_mta-sts.example.com", "_mta-sts.example.com"),
        ("_smtp._tls.example.com", "_smtp._tls.example.com"),
        ("_25._tcp.mx1.example.com", "_25._tcp.mx1.example.com"),
        ("localhost", "localhost"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
    ])
    func acceptsAndCanonicalises(text: String, canonical: String) throws {
        #expect(try DNSName(validating: text).description == canonical)
    }

    static let invalid: [String] = [
        "", ".", "a..b", ".example.com", "exa mple.com", "example.com\u{0}", "example.com;rm",
        "$HOME.example", "bücher.example", "a\tb", "example.com..",
        String(repeating: "a", count: 64) + ".com",
        Array(repeating: String(repeating: "a", count: 63), count: 4).joined(separator: "."),
    ]

    @Test(arguments: invalid)
    func rejectsBeforeAnyNetworkIO(text: String) {
        // No nameservers at all: a network attempt would fail with invalidConfiguration instead.
        let resolver = Resolver(configuration: ResolverConfiguration(nameservers: []))
        #expect {
            _ = try resolver.txt(text)
        } throws: { error in
            guard let error = error as? DNSError else { return false }
            return error.kind == .invalidName && !error.isTemporary && error.queryType == .txt
        }
    }

    @Test func longestNameIsAccepted() throws {
        // 3 × 63 + 61 bytes of labels + 4 length bytes + root = 255 wire bytes.
        let labels = Array(repeating: String(repeating: "a", count: 63), count: 3) + [String(repeating: "b", count: 61)]
        let name = try DNSName(validating: labels.joined(separator: "."))
        #expect(name.wireLength == 255)
        #expect(throws: DNSError.self) { try DNSName(validating: labels.joined(separator: ".") + "b") }
    }

    @Test func invalidNameErrorNamesTheTextAndTheCause() {
        let resolver = Resolver(configuration: ResolverConfiguration(nameservers: []))
        do {
            _ = try resolver.mx("bad name.example")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "DNS query for \"bad name.example\" MX failed: invalid name: byte 0x20 at offset 3 is not a letter, digit, hyphen or underscore")
        }
    }

    @Test func presentationEscapesOddBytesFromTheWire() {
        let name = DNSName(validatedLabels: [[0x61, 0x2E, 0x62], [0x00, 0x20, 0x5C], Array("COM".utf8)])
        #expect(name.description == "a\\.b.\\000\\032\\\\.com")
        #expect(DNSName.root.description == ".")
        #expect(DNSName.root.hostText == "")
    }

    @Test func comparisonIgnoresASCIICase() throws {
        #expect(try DNSName(validating: "MX.Example.Com") == DNSName(validatedLabels: [Array("mx".utf8), Array("EXAMPLE".utf8), Array("com".utf8)]))
    }
}
