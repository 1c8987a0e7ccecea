import DNSClient
import Testing
import TestWorld

/// Several nameservers: each is tried in order, and the last error is reported.
@Suite("Nameserver failover")
struct FailoverTests {
    static let name = "_mta-sts.failover.test"

    @Test(arguments: ["timeout", "servfail", "refused", "garbage"])
    func secondServerAnswersWhenTheFirstFails(behaviour: String) throws {
        let broken = try World(Scenario(dns: DNSZone(records: [.txt(Self.name, "v=STSv1; id=bad")],
                                                     behaviours: [Self.name: behaviour])))
        defer { broken.stop() }
        let working = try World(Scenario(dns: DNSZone(records: [.txt(Self.name, "v=STSv1; id=good")])))
        defer { working.stop() }

        let answer = try resolver(broken, working, timeout: .seconds(2), attempts: 2).txt(Self.name)
        #expect(answer.records.map(\.text) == ["v=STSv1; id=good"])
        #expect(try broken.stats().queries(Self.name, "TXT") == 1)
        #expect(try working.stats().queries(Self.name, "TXT") == 1)
    }

    @Test func lastErrorIsReportedAfterAllRounds() throws {
        let first = try World(Scenario(dns: DNSZone(behaviours: [Self.name: "servfail"])))
        defer { first.stop() }
        let second = try World(Scenario(dns: DNSZone(behaviours: [Self.name: "refused"])))
        defer { second.stop() }

        guard let (error, _) = expectDNSError({ () throws(DNSError) in
            try resolver(first, second, timeout: .seconds(2), attempts: 3).txt(Self.name)
        }) else { return }
        #expect(error.kind == .refused)
        #expect(error.server?.description == second.nameserver)
        // Three rounds over both servers, in order.
        #expect(try first.stats().queries(Self.name, "TXT") == 3)
        #expect(try second.stats().queries(Self.name, "TXT") == 3)
    }

    /// The world's second DNS listener on [::1]: the same zone over an IPv6 nameserver,
    /// UDP and the TCP fallback.
    @Test func ipv6Nameserver() throws {
        let world = try World(Scenario(dns: DNSZone(
            records: [.a("v6.example.test", "192.0.2.6"), .txt("big.example.test", strings: [String(repeating: "x", count: 250), String(repeating: "y", count: 250), String(repeating: "z", count: 250), String(repeating: "w", count: 250), String(repeating: "v", count: 250)])])))
        defer { world.stop() }
        let nameserver = try #require(world.nameserver6, "the world has no IPv6 listener on this machine")
        let dns = Resolver(configuration: ResolverConfiguration(
            nameservers: [try Nameserver(parsing: nameserver)], timeout: .seconds(3), attempts: 1))
        #expect(try dns.a("v6.example.test").records == ["192.0.2.6"])
        #expect(try dns.txt("big.example.test").records.first?.text.count == 1250)
        #expect(try world.stats().queries("big.example.test", "TXT", tcpOnly: true) >= 1)
    }
}
