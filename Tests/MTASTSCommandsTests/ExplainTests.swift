import Foundation
import Testing
import TestWorld

/// `mtasts explain` against the loopback world: every step and the verdict.
@Suite("explain")
struct ExplainTests {
    static let uncovered = "partial.example.test"

    static func world() throws -> OperatorWorld {
        try OperatorWorld(extra: { scenario in
            let domain = Self.uncovered
            scenario.dns.records += [.txt("_mta-sts.\(domain)", "v=STSv1; id=p1"), .a("mta-sts.\(domain)"),
                                     .txt("_mta-sts.\(domain)", "some-other=record"),
                                     .mx(domain, 10, "mx1.\(domain)"), .mx(domain, 20, "backup.elsewhere.test"),
                                     .txt("_smtp._tls.\(domain)", "v=TLSRPTv1; rua=mailto:tlsrpt@\(domain)")]
            scenario.https["mta-sts.\(domain)"] = HTTPSHost(body: Scenario.policy(mode: "enforce", mx: ["*.\(domain)"]))
        })
    }

    static func steps(_ json: [String: Any]) -> [String: (result: String, details: [String])] {
        var steps: [String: (String, [String])] = [:]
        for step in json["steps"] as? [[String: Any]] ?? [] {
            steps[step["step"] as? String ?? ""] = (step["result"] as? String ?? "", step["details"] as? [String] ?? [])
        }
        return steps
    }

    @Test func goodDomainPassesEveryStep() throws {
        let setup = try Self.world()
        defer { setup.stop() }
        let domain = OperatorWorld.good
        let result = try setup.mtasts(["explain", domain, "--json"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let json = try result.json()
        #expect(json["verdict"] as? String == "ok")
        let steps = Self.steps(json)
        #expect(steps["TXT _mta-sts.\(domain)"]?.result == "pass")
        #expect(steps["TXT _mta-sts.\(domain)"]?.details.contains("id: g1") == true)
        let https = try #require(steps["HTTPS https://mta-sts.\(domain)/.well-known/mta-sts.txt"])
        #expect(https.result == "pass")
        #expect(https.details.contains("content type: text/plain"))
        #expect(https.details.contains { $0.hasPrefix("certificate subject: ") && $0.contains("mta-sts.\(domain)") })
        #expect(steps["policy"]?.details.contains("mode: enforce") == true)
        #expect(steps["MX \(domain)"]?.details == ["10 mx.\(domain): matches mx.\(domain)"])
        #expect(steps["DANE"]?.result == "info")

        let text = try setup.mtasts(["explain", domain])
        #expect(text.stdout.contains("[PASS] policy"))
        #expect(text.stdout.hasSuffix("verdict: ok: policy g1, mode enforce; every MX host is covered\n"))
    }

    @Test func mxNotCoveredByThePolicy() throws {
        let setup = try Self.world()
        defer { setup.stop() }
        let domain = Self.uncovered
        let result = try setup.mtasts(["explain", domain, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["verdict"] as? String == "mx-not-covered")
        let steps = Self.steps(json)
        #expect(steps["TXT _mta-sts.\(domain)"]?.details.contains("discarded: \"some-other=record\" (does not start with v=STSv1;)") == true)
        #expect(steps["MX \(domain)"]?.result == "fail")
        #expect(steps["MX \(domain)"]?.details == ["10 mx1.\(domain): matches *.\(domain)", "20 backup.elsewhere.test: matches no mx pattern"])
        #expect(steps["TXT _smtp._tls.\(domain)"]?.details == ["rua: mailto:tlsrpt@\(domain)"])
        #expect((json["summary"] as? String)?.contains("backup.elsewhere.test not covered") == true)
    }

    @Test func expiredCertificateIsAFailure() throws {
        let setup = try Self.world()
        defer { setup.stop() }
        let domain = OperatorWorld.expired
        let result = try setup.mtasts(["explain", domain, "--json"])
        #expect(result.status == 4)
        let json = try result.json()
        #expect(json["verdict"] as? String == "failure")
        let https = try #require(Self.steps(json)["HTTPS https://mta-sts.\(domain)/.well-known/mta-sts.txt"])
        #expect(https.result == "fail")
        #expect(https.details.first?.hasPrefix("sts-webpki-invalid: ") == true)
    }

    @Test func noTXTRecordIsNoPolicy() throws {
        let setup = try Self.world()
        defer { setup.stop() }
        let domain = OperatorWorld.noTXT
        let result = try setup.mtasts(["explain", domain, "--json"])
        #expect(result.status == 3)
        let json = try result.json()
        #expect(json["verdict"] as? String == "no-policy")
        let steps = Self.steps(json)
        #expect(steps["TXT _mta-sts.\(domain)"]?.result == "fail")
        #expect(steps["MX \(domain)"]?.details == ["10 mx.\(domain)"])
        #expect(steps["HTTPS https://mta-sts.\(domain)/.well-known/mta-sts.txt"] == nil)
    }
}
