import DNSClient
import Discovery
import Foundation
import HTTPSFetch
import MTASTSPolicy
import PolicyStore
import Testing
import TestWorld

/// The dated journal of failed discoveries that the TLS report reads per day (RFC 8460 §4.3.2.2).
@Suite("Discovery failure journal")
struct DiscoveryFailureJournalTests {
    let domain = try! DomainName(validating: "broken.example.test")

    func scratch() -> String {
        let path = NSTemporaryDirectory() + "journal-" + UUID().uuidString
        return path
    }

    @Test func refresherJournalsEachFailureUnderTheUTCDay() throws {
        let world = try World(.mtaSTS(domain: domain.value, id: "one", policy: "this is not a policy\n"))
        defer { world.stop() }
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = FileDiscoveryFailureJournal(directory: directory)
        let resolver = Resolver(configuration: ResolverConfiguration(
            nameservers: [try Nameserver(parsing: world.nameserver)], timeout: .seconds(2), attempts: 1))
        let fetcher = PolicyFetcher(configuration: PolicyFetchConfiguration(
            caFile: world.caFile, connectTimeout: .seconds(3), timeout: .seconds(5)))
        let refresher = PolicyRefresher(discoverer: PolicyDiscoverer(resolver: resolver, fetcher: fetcher),
                                        store: MemoryPolicyStore(), journal: journal)
        let late: Int64 = 1_795_651_199 // 2026-11-25T23:59:59Z
        _ = try refresher.refresh(domain, now: late)
        _ = try refresher.refresh(domain, now: late + 1)

        let first = try journal.records(forDay: "2026-11-25")
        #expect(first.count == 1)
        #expect(first.first?.time == late)
        #expect(first.first?.domain == domain)
        #expect(first.first?.resultType == "sts-policy-invalid")
        #expect(first.first?.detail.isEmpty == false)
        #expect(try journal.records(forDay: "2026-11-26").count == 1)
        #expect(try journal.records(forDay: "2026-11-24").isEmpty)
        #expect(FileManager.default.fileExists(atPath: directory + "/discovery-failures-2026-11-26.jsonl"))
    }

    @Test(arguments: ["plain", "quote \" backslash \\ newline \n tab \t", "control \u{1} ü €"])
    func detailsSurviveTheRoundTrip(_ detail: String) throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = FileDiscoveryFailureJournal(directory: directory)
        let record = DiscoveryFailureRecord(time: 1_795_600_000, domain: domain, resultType: "sts-policy-fetch-error", detail: detail)
        try journal.append(record)
        #expect(try journal.records(forDay: "2026-11-25") == [record])
        let text = try String(contentsOfFile: journal.path(forDay: "2026-11-25"), encoding: .utf8)
        #expect(text.split(separator: "\n").count == 1)
    }

    @Test func aDaysFileIsBoundedAndOldFilesAreRemoved() throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = FileDiscoveryFailureJournal(directory: directory, maximumBytesPerDay: 1_000, retentionDays: 2)
        let day: Int64 = 1_795_478_400 // 2026-11-24
        for index in 0..<100 {
            try journal.append(DiscoveryFailureRecord(time: day + Int64(index), domain: domain,
                                                      resultType: "sts-policy-fetch-error", detail: "timeout \(index)"))
        }
        let kept = try journal.records(forDay: "2026-11-24")
        #expect(kept.count > 3 && kept.count < 100)
        let size = try FileManager.default.attributesOfItem(atPath: journal.path(forDay: "2026-11-24"))[.size] as? Int
        #expect((size ?? .max) <= 1_000)
        try journal.append(DiscoveryFailureRecord(time: day + 3 * 86_400, domain: domain, resultType: "sts-webpki-invalid", detail: "x"))
        #expect(!FileManager.default.fileExists(atPath: journal.path(forDay: "2026-11-24")))
        #expect(try journal.records(forDay: "2026-11-27").count == 1)
    }

    @Test func garbageLinesAreSkipped() throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = FileDiscoveryFailureJournal(directory: directory)
        try journal.append(DiscoveryFailureRecord(time: 1_795_600_000, domain: domain, resultType: "sts-policy-invalid", detail: "ok"))
        let handle = try #require(FileHandle(forWritingAtPath: journal.path(forDay: "2026-11-25")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not json\n{\"time\":1,\"domain\":\"bad domain\",\"result_type\":\"x\",\"detail\":\"y\"}\n{\"time\":\n".utf8))
        try handle.close()
        #expect(try journal.records(forDay: "2026-11-25").map(\.detail) == ["ok"])
    }
}
