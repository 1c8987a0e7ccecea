import Testing
@testable import DNSClient

@Suite("Nameserver parsing")
struct NameserverTests {
    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1", UInt16(53), "127.0.0.1:53"),
        ("127.0.0.1:5353", "127.0.0.1", 5353, "127.0.0.1:5353"),
        ("::1", "::1", 53, "[::1]:53"),
        ("[::1]:53", "::1", 53, "[::1]:53"),
        ("[2001:db8::1]", "2001:db8::1", 53, "[2001:db8::1]:53"),
        ("[2001:DB8:0:0:0:0:0:1]:8053", "2001:db8::1", 8053, "[2001:db8::1]:8053"),
        ("fe80::1%eth0", "fe80::1%eth0", 53, "[fe80::1%eth0]:53"),
        ("[fe80::1%2]:53", "fe80::1%2", 53, "[fe80::1%2]:53"),
        ("192.0.2.255:65535", "192.0.2.255", 65535, "192.0.2.255:65535"),
    ])
    func parses(text: String, address: String, port: UInt16, description: String) throws {
        let server = try Nameserver(parsing: text)
        #expect(server.address == address)
        #expect(server.port == port)
        #expect(server.description == description)
    }

    @Test(arguments: [
        "", "localhost", "dns.example.com", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:53x",
        "127.0.0.1:+53", "256.0.0.1", "127.1", "0x7f.0.0.1", " 127.0.0.1", "127.0.0.1 ", "[127.0.0.1]:53",
        "[::1", "[::1]53", "[::1]:", "::1:53:", "::1%", "::1%bad/zone", "127.0.0.1%eth0", "[::1]:٥٣",
        "1.2.3.4\u{0}", "::g",
    ])
    func rejects(text: String) {
        do {
            let server = try Nameserver(parsing: text)
            Issue.record("accepted \(server)")
        } catch {
            #expect(error.kind == .invalidNameserver)
            #expect(!error.isTemporary)
            #expect(error.description.hasPrefix("invalid nameserver \""))
        }
    }

    @Test func errorNamesTheText() {
        #expect(throws: DNSError.self) { try Nameserver(parsing: "dns.example") }
        do { _ = try Nameserver(parsing: "dns.example") } catch {
            #expect(error.description == "invalid nameserver \"dns.example\": expected an IPv4 or IPv6 address, optionally with a port as in 192.0.2.1:53 or [2001:db8::1]:53")
        }
    }

    @Test func equalAddressesAreEqualServers() throws {
        #expect(try Nameserver(parsing: "[0:0::1]:53") == Nameserver(parsing: "::1"))
        #expect(try Nameserver(address: "::1", port: 5300).description == "[::1]:5300")
    }
}
