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

    @Test(.disabled("the test world listens on 127.x.y.z only, not on ::1"))
    func ipv6Nameserver() throws {
        let dns = Resolver(configuration: ResolverConfiguration(nameservers: [try Nameserver(parsing: "[::1]:53")]))
        #expect(try dns.a("example.test").records.isEmpty == false)
    }
}
