import DNSClient
import Dispatch
import Synchronization
import Testing
import TestWorld

/// Lookups against the real DNS server of the test world (Tests/World) on 127.x.y.z:53.
@Suite("Lookups against the test world")
struct RecordLookupTests {
    static let tlsaHex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

    @Test func everyRecordType() throws {
        let world = try World(Scenario(dns: DNSZone(records: [
            .txt("_mta-sts.example.test", "v=STSv1; ", "id=20240101"),
            .txt("_smtp._tls.example.test", "v=TLSRPTv1; rua=mailto:tls@example.test"),
            .mx("example.test", 20, "MX2.Example.Test."),
            .mx("example.test", 10, "mx1.example.test"),
            .a("mx1.example.test", "192.0.2.25"),
            .aaaa("mx1.example.test", "2001:DB8:0:0:0:0:0:25"),
            .tlsa("_25._tcp.mx1.example.test", usage: 3, selector: 1, matchingType: 1, data: Self.tlsaHex),
        ])))
        defer { world.stop() }
        let dns = try resolver(world)

        let sts = try dns.txt("_mta-sts.example.test")
        #expect(sts.records.map(\.text) == ["v=STSv1; id=20240101"])
        #expect(sts.records.first?.strings.count == 2)
        #expect(!sts.nameDoesNotExist)
        #expect(try dns.txt("_SMTP._TLS.example.test.").records.map(\.text) == ["v=TLSRPTv1; rua=mailto:tls@example.test"])

        let mx = try dns.mx("example.test")
        #expect(Set(mx.records) == [MXRecord(preference: 10, exchange: "mx1.example.test"),
                                    MXRecord(preference: 20, exchange: "mx2.example.test")])
        #expect(try dns.a("mx1.example.test").records == ["192.0.2.25"])
        #expect(try dns.aaaa("mx1.example.test").records == ["2001:db8::25"])

        let tlsa = try dns.tlsa("_25._tcp.mx1.example.test")
        #expect(tlsa.records.map(\.text) == ["3 1 1 " + Self.tlsaHex])
        #expect(tlsa.records.first?.data.count == 32)

        let stats = try world.stats()
        #expect(stats.queries("_mta-sts.example.test", "TXT") == 1)
        #expect(stats.queries("_25._tcp.mx1.example.test", "TLSA") == 1)
        #expect(stats.dnsMalformed == 0)
    }

    @Test func nxdomainAndNodataAreEmptyAnswersNotErrors() throws {
        let world = try World(Scenario(dns: DNSZone(records: [.a("host.example.test", "192.0.2.1")])))
        defer { world.stop() }
        let dns = try resolver(world)

        let missing = try dns.txt("_mta-sts.nowhere.test")
        #expect(missing.records.isEmpty)
        #expect(missing.nameDoesNotExist)

        let nodata = try dns.mx("host.example.test")
        #expect(nodata.records.isEmpty)
        #expect(!nodata.nameDoesNotExist)

        let raw = try dns.query("nowhere.test", type: .a)
        #expect(raw.responseCode == .nameError)
        #expect(raw.authorities.first?.type == .soa)
    }

    @Test func authenticDataBitIsExposed() throws {
        let world = try World(Scenario(dns: DNSZone(
            records: [.tlsa("_25._tcp.signed.test", "3 1 1 " + Self.tlsaHex),
                      .tlsa("_25._tcp.unsigned.test", "3 1 1 " + Self.tlsaHex)],
            authenticated: ["_25._tcp.signed.test"])))
        defer { world.stop() }
        let dns = try resolver(world)
        #expect(try dns.tlsa("_25._tcp.signed.test").authenticated)
        #expect(try !dns.tlsa("_25._tcp.unsigned.test").authenticated)
        #expect(try dns.query("_25._tcp.signed.test", type: .tlsa).header.authenticData)
    }

    @Test func truncatedAnswerIsRetriedOverTCP() throws {
        let long = String(repeating: "a", count: 250)
        let world = try World(Scenario(dns: DNSZone(
            records: [.txt("tc.example.test", "v=STSv1; id=tc"),
                      .txt("big.example.test", strings: Array(repeating: long, count: 12))],
            behaviours: ["tc.example.test": "truncate"])))
        defer { world.stop() }
        let dns = try resolver(world)

        #expect(try dns.txt("tc.example.test").records.map(\.text) == ["v=STSv1; id=tc"])
        // About 3 KB, more than the 1232 bytes offered over UDP: the world sets TC.
        let big = try dns.txt("big.example.test")
        #expect(big.records.first?.text == String(repeating: long, count: 12))

        let stats = try world.stats()
        #expect(stats.queries("tc.example.test", "TXT") == 2)
        #expect(stats.queries("tc.example.test", "TXT", tcpOnly: true) == 1)
        #expect(stats.queries("big.example.test", "TXT", tcpOnly: true) == 1)
    }

    @Test func cnameChainsAreFollowed() throws {
        var records: [DNSRecordSpec] = [
            .cname("www.example.test", "Alias.Example.Test"),
            .cname("alias.example.test", "final.example.test"),
            .a("final.example.test", "192.0.2.80"),
            .cname("dangling.example.test", "missing.example.test"),
            .cname("nodata.example.test", "final.example.test"),
        ]
        // n0 → … → n8: the world puts 8 CNAMEs in one answer without n8's record, so the
        // client must ask again for n8. m0 → … → m9 is one link too many.
        for hop in 0..<8 { records.append(.cname("n\(hop).example.test", "n\(hop + 1).example.test")) }
        records.append(.a("n8.example.test", "192.0.2.88"))
        for hop in 0..<9 { records.append(.cname("m\(hop).example.test", "m\(hop + 1).example.test")) }
        records.append(.a("m9.example.test", "192.0.2.99"))
        let world = try World(Scenario(dns: DNSZone(
            records: records, authenticated: ["www.example.test", "alias.example.test", "final.example.test"])))
        defer { world.stop() }
        let dns = try resolver(world)

        let www = try dns.a("www.example.test")
        #expect(www.records == ["192.0.2.80"])
        #expect(www.canonicalName == "final.example.test")
        #expect(www.authenticated)

        let dangling = try dns.a("dangling.example.test")
        #expect(dangling.records.isEmpty)
        #expect(dangling.nameDoesNotExist)
        #expect(dangling.canonicalName == "missing.example.test")

        let nodata = try dns.txt("nodata.example.test")
        #expect(nodata.records.isEmpty)
        #expect(!nodata.nameDoesNotExist)

        let long = try dns.a("n0.example.test")
        #expect(long.records == ["192.0.2.88"])
        let stats = try world.stats()
        #expect(stats.queries("n0.example.test", "A") == 1)
        #expect(stats.queries("n8.example.test", "A") == 1)
        #expect(stats.queries("www.example.test", "A") == 1)

        guard let (error, _) = expectDNSError({ () throws(DNSError) in try dns.a("m0.example.test") }) else { return }
        #expect(error.kind == .malformedResponse)
        #expect(error.description.contains("longer than 8"))
    }

    @Test func cnameLoopIsAnError() throws {
        let world = try World(Scenario(dns: DNSZone(records: [
            .cname("a.loop.test", "b.loop.test"), .cname("b.loop.test", "a.loop.test"),
        ])))
        defer { world.stop() }
        guard let (error, _) = expectDNSError({ () throws(DNSError) in try resolver(world).a("a.loop.test") }) else { return }
        #expect(error.kind == .malformedResponse)
        #expect(error.isTemporary)
        #expect(error.description.contains("loops back"))
    }

    @Test func parallelThreadsShareOneResolver() throws {
        let world = try World(Scenario(dns: DNSZone(records: (0..<8).map { .a("h\($0).example.test", "192.0.2.\($0 + 1)") })))
        defer { world.stop() }
        let dns = try resolver(world)
        let results = Mutex<[Int: Result<[String], DNSError>]>([:])
        // Blocking lookups on 8 threads at once, as the prewarmer runs them.
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var seen: [String] = []
            let outcome = Result { () throws(DNSError) -> [String] in
                for _ in 0..<20 { seen += try dns.a("h\(worker).example.test").records }
                return seen
            }
            results.withLock { $0[worker] = outcome }
        }
        let all = try results.withLock { $0 }.sorted { $0.key < $1.key }.map { try $0.value.get() }
        #expect(all.count == 8)
        #expect(all.enumerated().allSatisfy { $1 == Array(repeating: "192.0.2.\($0 + 1)", count: 20) })
        #expect(try world.stats().totalDNSQueries == 160)
    }
}
