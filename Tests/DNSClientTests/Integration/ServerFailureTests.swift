import DNSClient
import Testing
import TestWorld

/// Failing and hostile servers: every case is a temporary `DNSError` within the time budget,
/// never a crash or a hang.
@Suite("Failing and hostile servers")
struct ServerFailureTests {
    /// Slack on top of timeout × attempts for process scheduling on a busy machine; a bound,
    /// not a benchmark.
    static let margin: Duration = .seconds(3)

    @Test(arguments: [("servfail", DNSError.Kind.serverFailure, "SERVFAIL"), ("refused", .refused, "REFUSED")])
    func errorRcodesAreTemporaryErrors(behaviour: String, kind: DNSError.Kind, rcode: String) throws {
        let name = "_mta-sts.\(behaviour).test"
        let world = try World(Scenario(dns: DNSZone(records: [.txt(name, "v=STSv1; id=1")], behaviours: [name: behaviour])))
        defer { world.stop() }
        guard let (error, _) = expectDNSError({ () throws(DNSError) in try resolver(world, attempts: 2).txt(name) }) else { return }
        #expect(error.kind == kind)
        #expect(error.isTemporary)
        #expect(error.server?.description == world.nameserver)
        #expect(error.description == "DNS query for \(name) TXT failed: server \(world.nameserver) answered \(rcode)")
        // Two attempts over the one server.
        #expect(try world.stats().queries(name, "TXT") == 2)
    }

    @Test func silentServerTimesOutWithinTheConfiguredTime() throws {
        let name = "slow.example.test"
        let world = try World(Scenario(dns: DNSZone(records: [.a(name)], behaviours: [name: "timeout"])))
        defer { world.stop() }
        let timeout = Duration.milliseconds(400)
        guard let (error, elapsed) = expectDNSError({ () throws(DNSError) in
            try resolver(world, timeout: timeout, attempts: 2).a(name)
        }) else { return }
        #expect(error.kind == .timeout)
        #expect(error.isTemporary)
        #expect(error.description == "DNS query for \(name) A failed: server \(world.nameserver) did not answer within 400 ms")
        #expect(elapsed >= timeout * 2)
        #expect(elapsed < timeout * 2 + Self.margin)
        #expect(try world.stats().queries(name, "A") == 2)
    }

    /// Behaviour, the kinds of error it may cause, and whether the TCP path is involved.
    static let hostile: [(String, Set<DNSError.Kind>, Bool)] = [
        ("compression-loop", [.malformedResponse], false),
        ("pointer-past-end", [.malformedResponse], false),
        ("truncated-rr", [.malformedResponse], false),
        ("oversize", [.malformedResponse], true),
        ("flood", [.malformedResponse], true),
        ("wrong-id", [.timeout], false),
        ("wrong-question", [.timeout], false),
        // Random bytes: ignored as not matching (timeout), or malformed in the unlikely case
        // they start with the query's ID and question.
        ("garbage", [.timeout, .malformedResponse], false),
    ]

    @Test(arguments: hostile)
    func hostileAnswersAreErrors(behaviour: String, kinds: Set<DNSError.Kind>, usesTCP: Bool) throws {
        let name = "\(behaviour).hostile.test"
        let world = try World(Scenario(dns: DNSZone(records: [.txt(name, "v=STSv1; id=1")], behaviours: [name: behaviour])))
        defer { world.stop() }
        // Short when waiting out the deadline is the expected end; long otherwise, so that a
        // slow machine cannot turn an expected malformedResponse into a timeout.
        let timeout = kinds.contains(.timeout) ? Duration.milliseconds(500) : .seconds(5)
        guard let (error, elapsed) = expectDNSError({ () throws(DNSError) in
            try resolver(world, timeout: timeout, attempts: 2).txt(name)
        }) else { return }
        #expect(kinds.contains(error.kind), "\(error)")
        #expect(error.isTemporary)
        #expect(error.description.hasPrefix("DNS query for \(name) TXT failed: "))
        #expect(error.description.contains(world.nameserver))
        #expect(elapsed < timeout * 2 + Self.margin)
        let stats = try world.stats()
        #expect(stats.queries(name, "TXT") >= 2)
        if usesTCP { #expect(stats.queries(name, "TXT", tcpOnly: true) == 2) }
        if kinds == [.timeout] { #expect(error.description.contains("ignored 1 datagram that did not match")) }
    }

    @Test func floodIsRefusedByTheRecordCap() throws {
        let name = "flood.hostile.test"
        let world = try World(Scenario(dns: DNSZone(behaviours: [name: "flood"])))
        defer { world.stop() }
        guard let (error, _) = expectDNSError({ () throws(DNSError) in try resolver(world, attempts: 1).txt(name) }) else { return }
        #expect(error.description.contains("announces 5001 records, more than the 1000 accepted"))
    }

    @Test func nothingListeningIsANetworkError() throws {
        // A world that was stopped leaves its address with nothing bound to port 53:
        // the kernel answers with ICMP port unreachable, seen as ECONNREFUSED.
        let world = try World(Scenario())
        let server = world.nameserver
        world.stop()
        let dns = Resolver(configuration: ResolverConfiguration(
            nameservers: [try Nameserver(parsing: server)], timeout: .seconds(2), attempts: 1))
        guard let (error, elapsed) = expectDNSError({ () throws(DNSError) in try dns.a("example.test") }) else { return }
        #expect(error.kind == .network)
        #expect(error.isTemporary)
        #expect(error.description.contains("Connection refused"))
        #expect(elapsed < .seconds(2) + Self.margin)
    }
}
