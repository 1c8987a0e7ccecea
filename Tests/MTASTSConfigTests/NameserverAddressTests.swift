import MTASTSConfig
import Testing

@Suite("Nameserver addresses")
struct NameserverAddressTests {
    static let valid: [(String, String, UInt16, Bool)] = [
        ("127.0.0.1", "127.0.0.1", 53, false),
        ("127.0.0.1:53", "127.0.0.1", 53, false),
        ("192.0.2.1:5353", "192.0.2.1", 5353, false),
        ("192.0.2.1:65535", "192.0.2.1", 65535, false),
        ("::1", "::1", 53, true),
        ("2001:db8::1", "2001:db8::1", 53, true),
        ("[::1]", "::1", 53, true),
        ("[::1]:53", "::1", 53, true),
        ("[2001:db8::53]:1053", "2001:db8::53", 1053, true),
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1", 53, true),
    ]

    @Test("accepts IP literals with an optional port", arguments: valid)
    func accepts(_ text: String, _ host: String, _ port: UInt16, _ isIPv6: Bool) throws {
        let address = try #require(NameserverAddress(text))
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.isIPv6 == isIPv6)
    }

    static let invalid = [
        "", "localhost", "dns.example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4:", "1.2.3.4:0",
        "1.2.3.4:65536", "1.2.3.4:053x", "1.2.3.4:+53", "1.2.3.4:999999", "[1.2.3.4]:53", "[::1", "[::1]53",
        "[::1]:", "::1]", "[]:53", "fe80::1%eth0", "[fe80::1%eth0]:53", " 1.2.3.4", "1.2.3.4 ", "[::1]:53:53",
        ":::", "1.2.3.4\u{0}",
    ]

    @Test("refuses everything else", arguments: invalid)
    func refuses(_ text: String) {
        #expect(NameserverAddress(text) == nil)
    }

    @Test("renders with the port, IPv6 in brackets")
    func renders() throws {
        #expect(try #require(NameserverAddress("192.0.2.1")).description == "192.0.2.1:53")
        #expect(try #require(NameserverAddress("::1")).description == "[::1]:53")
    }

    @Test("the settings hand out parsed addresses")
    func settingsAddresses() throws {
        let configuration = try Configuration.parse(
            yaml: "resolver:\n  nameservers: [\"127.0.0.1:5300\", \"[::1]:5300\"]\n", source: "test.yaml")
        #expect(configuration.resolver.nameserverAddresses == [
            NameserverAddress(host: "127.0.0.1", port: 5300, isIPv6: false),
            NameserverAddress(host: "::1", port: 5300, isIPv6: true),
        ])
        #expect(Configuration().resolver.nameserverAddresses == nil)
    }
}
