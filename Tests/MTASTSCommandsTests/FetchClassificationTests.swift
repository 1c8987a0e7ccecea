import Foundation
import Testing
import TestWorld

/// `mtasts fetch --json` against a loopback world: one case per failure class of RFC 8461
/// discovery, each with the outcome, RFC 8460 result type and exit status it must produce.
@Suite("mtasts fetch classifies every discovery outcome")
struct FetchClassificationTests {
    enum Case: String, CaseIterable, Sendable {
        case valid, splitTXT, noTXT, twoTXT, badID, idFirst, servfail, dnsTimeout
        case wrongHostCertificate, expiredCertificate, selfSignedCertificate
        case notFound, redirect, htmlMediaType, oversizeBody, oversizeChunkedBody, neverAnswers
        case invalidPolicy, noAddress

        var expected: (outcome: String, resultType: String?, status: Int32) {
            switch self {
            case .valid, .splitTXT: return ("policy", nil, 0)
            case .noTXT, .twoTXT, .badID, .idFirst: return ("no-policy", nil, 3)
            case .servfail, .dnsTimeout, .notFound, .redirect, .neverAnswers, .noAddress:
                return ("failure", "sts-policy-fetch-error", 4)
            case .wrongHostCertificate, .expiredCertificate, .selfSignedCertificate:
                return ("failure", "sts-webpki-invalid", 4)
            case .htmlMediaType, .oversizeBody, .oversizeChunkedBody, .invalidPolicy:
                return ("failure", "sts-policy-invalid", 4)
            }
        }

        static func policy(for domain: String) -> String {
            "version: STSv1\r\nmode: enforce\r\nmx: mx1.\(domain)\r\nmx: *.backup.\(domain)\r\nmax_age: 86400\r\n"
        }

        func scenario(domain: String) -> Scenario {
            var scenario = Scenario.mtaSTS(domain: domain, id: "20261125T01", policy: Self.policy(for: domain))
            let txtName = "_mta-sts.\(domain)"
            let host = "mta-sts.\(domain)"
            func replaceTXT(_ records: [DNSRecordSpec]) {
                scenario.dns.records.removeAll { $0.name == txtName }
                scenario.dns.records += records
            }
            switch self {
            case .valid: break
            case .splitTXT: replaceTXT([.txt(txtName, "v=STSv1; id=2026", "1125T01;")])
            case .noTXT: replaceTXT([.txt(txtName, "v=spf1 -all")])
            case .twoTXT: replaceTXT([.txt(txtName, "v=STSv1; id=a1;"), .txt(txtName, "v=STSv1; id=b2;")])
            case .badID: replaceTXT([.txt(txtName, "v=STSv1; id=not-alnum;")])
            case .idFirst: replaceTXT([.txt(txtName, "id=20261125T01; v=STSv1;")])
            case .servfail: scenario.dns.behaviours[txtName] = "servfail"
            case .dnsTimeout: scenario.dns.behaviours[txtName] = "timeout"
            case .wrongHostCertificate: scenario.https[host]?.certificate = "wrong-host"
            case .expiredCertificate: scenario.https[host]?.certificate = "expired"
            case .selfSignedCertificate: scenario.https[host]?.certificate = "self-signed"
            case .notFound: scenario.https[host]?.status = 404
            case .redirect:
                scenario.https[host]?.status = 301
                scenario.https[host]?.headers = ["Location": "https://\(host)/elsewhere.txt"]
            case .htmlMediaType: scenario.https[host]?.contentType = "text/html"
            case .oversizeBody: scenario.https[host]?.bodySize = 70 * 1024
            case .oversizeChunkedBody:
                scenario.https[host]?.bodySize = 70 * 1024
                scenario.https[host]?.behaviour = "chunked"
            case .neverAnswers: scenario.https[host]?.behaviour = "hang"
            case .invalidPolicy: scenario.https[host]?.body = "version: STSv1\nmode: enforce\nmax_age: 86400\n"
            case .noAddress: scenario.dns.records.removeAll { $0.name == host }
            }
            return scenario
        }
    }

    @Test(arguments: Case.allCases)
    func classifies(_ testCase: Case) throws {
        let domain = "\(testCase.rawValue.lowercased()).example.test"
        let world = try World(testCase.scenario(domain: domain))
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try TestConfig(world: world, directory: directory, dnsTimeout: "1s", httpsTimeout: "2s")

        let started = ContinuousClock.now
        let result = try MTASTS.run(["fetch", domain, "--json", "--config", config.path])
        let elapsed = ContinuousClock.now - started
        let json = try result.json()
        let expected = testCase.expected

        #expect(result.status == expected.status, "\(result.stdout) \(result.stderr)")
        #expect(json["domain"] as? String == domain)
        #expect(json["outcome"] as? String == expected.outcome)
        #expect(json["result_type"] as? String == expected.resultType)
        #expect((json["detail"] as? String)?.isEmpty == false)
        // Timeouts are bounded: 1 s of DNS or 2 s of HTTPS, plus generous slack for a loaded machine.
        #expect(elapsed < .seconds(20))

        switch testCase {
        case .valid, .splitTXT:
            let policy = try #require(json["policy"] as? [String: Any])
            #expect(json["id"] as? String == "20261125T01")
            #expect(policy["mode"] as? String == "enforce")
            #expect(policy["max_age"] as? Int == 86400)
            #expect(policy["mx"] as? [String] == ["mx1.\(domain)", "*.backup.\(domain)"])
            #expect(json["source"] as? String == "https")
        case .redirect:
            // Redirects are never followed: exactly one request reached the server.
            #expect(try world.stats().httpsRequests["mta-sts.\(domain)"] == 1)
        default:
            #expect(json["policy"] is NSNull)
        }
    }
}
