import Foundation
import Gzip
import MTASTSPolicy
import PolicyStore
import TLSReport
import TLSSessions
import Testing

@Suite("RFC 8460 §4 report document")
struct ReportDocumentTests {
    let builder = ReportBuilder(identity: ReportSamples.identity)

    @Test("every required top-level field, with the day as 00:00:00Z to 23:59:59Z")
    func topLevelFields() throws {
        let report = builder.report(for: ReportSamples.tally, on: ReportSamples.day, cachedPolicy: ReportSamples.cachedPolicy)
        let object = try ReportSamples.object(report)
        #expect(object["organization-name"] as? String == "Example Mail")
        #expect(object["contact-info"] as? String == "postmaster@example.net")
        #expect(object["report-id"] as? String == "2026-11-24_example.com@mail.example.net")
        let range = try #require(object["date-range"] as? [String: String])
        #expect(range == ["start-datetime": "2026-11-24T00:00:00Z", "end-datetime": "2026-11-24T23:59:59Z"])
        #expect((object["policies"] as? [Any])?.count == 1)
        #expect(Set(object.keys) == ["organization-name", "date-range", "contact-info", "report-id", "policies"])
    }

    @Test("an sts policy carries the policy lines, the domain, mx-host patterns, counts and failure details")
    func stsPolicy() throws {
        let report = builder.report(for: ReportSamples.tally, on: ReportSamples.day, cachedPolicy: ReportSamples.cachedPolicy)
        let policies = try #require(try ReportSamples.object(report)["policies"] as? [[String: Any]])
        let policy = try #require(policies.first?["policy"] as? [String: Any])
        #expect(policy["policy-type"] as? String == "sts")
        #expect(policy["policy-string"] as? [String] == ["version: STSv1", "mode: enforce", "mx: mx1.example.com",
                                                         "mx: *.backup.example.com", "max_age: 86400"])
        #expect(policy["policy-domain"] as? String == "example.com")
        #expect(policy["mx-host"] as? [String] == ["mx1.example.com", "*.backup.example.com"])
        let summary = try #require(policies.first?["summary"] as? [String: Int])
        #expect(summary == ["total-successful-session-count": 5, "total-failure-session-count": 3])
        let details = try #require(policies.first?["failure-details"] as? [[String: Any]])
        #expect(details.count == 2)
        #expect(details[0]["result-type"] as? String == "certificate-expired")
        #expect(details[0]["sending-mta-ip"] as? String == "198.51.100.7")
        #expect(details[0]["receiving-mx-hostname"] as? String == "mx2.backup.example.com")
        #expect(details[0]["receiving-ip"] as? String == "192.0.2.2")
        #expect(details[0]["failed-session-count"] as? Int == 2)
        #expect(details[0]["failure-reason-code"] == nil)
        #expect(details[1]["result-type"] as? String == "starttls-not-supported")
        #expect(details[1]["failure-reason-code"] as? String
                == "a TLS session is required, but the server did not offer TLS support")
    }

    @Test("without a policy that day: no-policy-found, still with policy-domain")
    func noPolicyFound() throws {
        var expired = ReportSamples.cachedPolicy
        expired.expire = ReportSamples.day.start // ran out as the day began
        for cached in [nil, expired] {
            let report = builder.report(for: ReportSamples.tally, on: ReportSamples.day, cachedPolicy: cached)
            let policies = try #require(try ReportSamples.object(report)["policies"] as? [[String: Any]])
            let policy = try #require(policies.first?["policy"] as? [String: Any])
            #expect(policy["policy-type"] as? String == "no-policy-found")
            #expect(policy["policy-domain"] as? String == "example.com")
            #expect(policy["policy-string"] == nil)
            #expect(policy["mx-host"] == nil)
        }
    }

    @Test("a policy counts for a day when it was fetched before the day ended and not expired before it began",
          arguments: [
              (fetched: Int64(-3_600), expire: Int64(3_600), applies: true),
              (fetched: Int64(80_000), expire: Int64(900_000), applies: true),
              (fetched: Int64(86_400), expire: Int64(900_000), applies: false),
              (fetched: Int64(-90_000), expire: Int64(0), applies: false),
              (fetched: Int64(-90_000), expire: Int64(1), applies: true),
          ])
    func policyApplies(_ sample: (fetched: Int64, expire: Int64, applies: Bool)) {
        let start = ReportSamples.day.start
        var policy = ReportSamples.cachedPolicy
        policy.fetchedAt = start + sample.fetched
        policy.expire = start + sample.expire
        #expect(ReportBuilder.applied(policy, on: ReportSamples.day) == sample.applies)
    }

    @Test("a migrated policy without its text gets lines rebuilt from mode, mx and max_age")
    func linesWithoutText() {
        let policy = CachedPolicy(mode: .testing, mx: ["mx.example.com"], expire: 0, id: "1", text: nil, maxAge: 600)
        #expect(ReportBuilder.lines(of: policy) == ["version: STSv1", "mode: testing", "mx: mx.example.com", "max_age: 600"])
    }

    @Test("DANE: one tlsa policy per MX host (the TLSA base domain), failures with their host")
    func danePolicies() throws {
        var tally = SessionTally(domain: ReportSamples.domain, usedDANE: true)
        tally.recordSuccess(mxHost: "mx-b.example.com")
        tally.recordSuccess(mxHost: "mx-a.example.com")
        tally.recordFailure(FailureKey(resultType: .dnssecInvalid, receivingMXHostname: "mx-b.example.com"))
        let report = builder.report(for: tally, on: ReportSamples.day, cachedPolicy: ReportSamples.cachedPolicy)
        #expect(report.policies.map(\.type) == [.tlsa, .tlsa])
        #expect(report.policies.map(\.domain) == ["mx-a.example.com", "mx-b.example.com"])
        #expect(report.policies.map(\.successfulSessions) == [2, 0])
        #expect(report.policies[1].failures.map(\.key.resultType) == [.dnssecInvalid])
        #expect(report.policies.allSatisfy { $0.strings.isEmpty })
    }

    @Test("discovery failures of the day from the cache's last check join the policy's failure details")
    func discoveryFailures() throws {
        let check = CheckRecord(checkedAt: ReportSamples.day.start + 7_200, outcome: .failure,
                                error: "fetching https://mta-sts.example.com/.well-known/mta-sts.txt failed: 503",
                                errorType: "sts-policy-fetch-error", consecutiveFailures: 1,
                                failedAt: ReportSamples.day.start + 7_200)
        let store = MemoryPolicyStore()
        try store.put(CacheEntry(domain: ReportSamples.domain, lastCheck: check))
        let journal = LastCheckFailures(store: store)
        let failures = try journal.failures(of: ReportSamples.domain, on: ReportSamples.day)
        #expect(failures.map(\.resultType) == [.stsPolicyFetchError])
        #expect(try journal.failures(of: ReportSamples.domain, on: ReportSamples.day.adding(days: 1)).isEmpty)
        let report = builder.report(for: SessionTally(domain: ReportSamples.domain, successfulSessions: 4),
                                    on: ReportSamples.day, cachedPolicy: nil, discoveryFailures: failures)
        #expect(report.policies[0].type == .noPolicyFound)
        #expect(report.policies[0].failures.map(\.key.resultType) == [.stsPolicyFetchError])
        #expect(report.policies[0].failures[0].key.failureReasonCode?.contains("503") == true)
        #expect(report.policies[0].failedSessions == 1)
    }

    @Test("report-id: the same for the same (submitter, domain, day), different otherwise, and no file-name separator")
    func reportIDStability() throws {
        let identity = ReportSamples.identity
        let other = try DomainName(validating: "example.org")
        let id = identity.reportID(domain: ReportSamples.domain, day: ReportSamples.day)
        #expect(id == identity.reportID(domain: ReportSamples.domain, day: ReportSamples.day))
        #expect(id != identity.reportID(domain: other, day: ReportSamples.day))
        #expect(id != identity.reportID(domain: ReportSamples.domain, day: ReportSamples.day.adding(days: 1)))
        let otherSubmitter = ReportIdentity(organization: "X", contact: "a@b.example", submitter: "b.example")
        #expect(id != otherSubmitter.reportID(domain: ReportSamples.domain, day: ReportSamples.day))
        #expect(!id.contains("!") && !id.contains(" "))
    }

    @Test("the §5.1 file name: submitter!domain!begin!end!id.json.gz with Unix seconds of the day")
    func fileName() {
        let name = ReportSamples.identity.fileName(domain: ReportSamples.domain, day: ReportSamples.day)
        #expect(name == "mail.example.net!example.com!1795478400!1795564799!2026-11-24_example.com@mail.example.net.json.gz")
    }

    @Test("submitter defaults to the contact's domain")
    func submitterDefault() {
        #expect(ReportIdentity(organization: "O", contact: "tls@mail.example.org").submitter == "mail.example.org")
    }

    @Test("gzip round trip gives the JSON back, and the same input gives the same bytes")
    func gzipRoundTrip() throws {
        let report = builder.report(for: ReportSamples.tally, on: ReportSamples.day, cachedPolicy: ReportSamples.cachedPolicy)
        let compressed = try report.gzipped()
        #expect(compressed.prefix(2) == [0x1F, 0x8B])
        #expect(try Gzip.decompress(compressed) == report.jsonBytes)
        let again = builder.report(for: ReportSamples.tally, on: ReportSamples.day, cachedPolicy: ReportSamples.cachedPolicy)
        #expect(again.jsonBytes == report.jsonBytes)
    }

    @Test("odd characters in texts are escaped, never break the JSON")
    func escaping() throws {
        let identity = ReportIdentity(organization: "Quote \" back\\slash\ttab\u{1}ctl \u{e9}", contact: "a@b.example")
        var tally = SessionTally(domain: ReportSamples.domain)
        tally.recordFailure(FailureKey(resultType: .validationFailure, failureReasonCode: "line1\nline2"))
        let report = ReportBuilder(identity: identity).report(for: tally, on: ReportSamples.day, cachedPolicy: nil)
        let object = try ReportSamples.object(report)
        #expect(object["organization-name"] as? String == "Quote \" back\\slash\ttab\u{1}ctl \u{e9}")
    }
}
