import Testing
@testable import HTTPSFetch

@Suite("Policy host, port and pinned addresses")
struct PolicyEndpointTests {
    @Test func buildsURLAndResolveEntry() throws {
        let endpoint = try PolicyEndpoint(host: "MTA-STS.Example.COM.", port: 443, addresses: ["192.0.2.1", "2001:db8::1"])
        #expect(endpoint.host == "mta-sts.example.com")
        #expect(endpoint.url == "https://mta-sts.example.com/.well-known/mta-sts.txt")
        #expect(endpoint.resolveEntry == "mta-sts.example.com:443:192.0.2.1,[2001:db8::1]")
    }

    @Test func namesANonDefaultPortInTheURL() throws {
        let endpoint = try PolicyEndpoint(host: "mta-sts.example.com", port: 8443, addresses: ["127.0.0.1"])
        #expect(endpoint.url == "https://mta-sts.example.com:8443/.well-known/mta-sts.txt")
        #expect(endpoint.resolveEntry == "mta-sts.example.com:8443:127.0.0.1")
    }

    @Test(arguments: [
        "", ".", "mta-sts..example.com", "-mta-sts.example.com", "mta-sts-.example.com", "mta_sts.example.com",
        "mta-sts.example.com/evil", "mta-sts.example.com:444", "mta-sts.example.com\r\nHost: x", "mta sts.example.com",
        "mta-sts.exämple.com", "127.0.0.1", "[::1]", String(repeating: "a", count: 64) + ".example.com",
        String(repeating: "abcdefghi.", count: 26) + "com",
    ])
    func rejectsHostNamesBeforeCurl(_ host: String) {
        #expect {
            _ = try PolicyEndpoint(host: host, port: 443, addresses: ["127.0.0.1"])
        } throws: { error in
            let error = try #require(error as? PolicyFetchError)
            return error.category == .fetch && error.description.contains("is not a valid host name")
        }
    }

    @Test func noAddressesIsAFetchError() throws {
        let error = try #require(throws: PolicyFetchError.self) {
            try PolicyEndpoint(host: "mta-sts.example.com", port: 443, addresses: [])
        }
        #expect(error.category == .fetch)
        #expect(error.url == "https://mta-sts.example.com/.well-known/mta-sts.txt")
        #expect(error.description
            == "fetching https://mta-sts.example.com/.well-known/mta-sts.txt failed: mta-sts.example.com has no A or AAAA address")
    }

    @Test(arguments: [0, -1, 65_536])
    func rejectsPortsOutOfRange(_ port: Int) throws {
        let error = try #require(throws: PolicyFetchError.self) {
            try PolicyEndpoint(host: "mta-sts.example.com", port: port, addresses: ["127.0.0.1"])
        }
        #expect(error.description.contains("port \(port) is not between 1 and 65535"))
    }

    @Test(arguments: ["127.0.0.1,10.0.0.1", "localhost", "[::1]", "fe80::1%eth0", "", "1.2.3.4:80"])
    func rejectsAddressesThatAreNotLiterals(_ address: String) throws {
        let error = try #require(throws: PolicyFetchError.self) {
            try PolicyEndpoint(host: "mta-sts.example.com", port: 443, addresses: ["127.0.0.1", address])
        }
        #expect(error.category == .fetch)
        #expect(error.description.contains("is not an IPv4 or IPv6 address"))
    }
}

@Suite("IP address literal syntax")
struct IPAddressLiteralTests {
    @Test(arguments: [
        "127.0.0.1", "0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::1", "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::", "::ffff:192.0.2.1", "1:2:3:4:5:6:1.2.3.4", "FE80::AbCd",
    ])
    func accepts(_ text: String) {
        #expect(IPAddressLiteral.isValid(text))
    }

    @Test(arguments: [
        "256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4", "1:2:3:4:5:6:7:8:9", "1::2::3", ":::",
        "12345::", "g::1", "1:2:3:4:5:6:7", "::1.2.3", "1.2.3.4::", " ::1", "1:2:3:4:5:6:7:1.2.3.4",
    ])
    func rejects(_ text: String) {
        #expect(!IPAddressLiteral.isValid(text))
    }
}
