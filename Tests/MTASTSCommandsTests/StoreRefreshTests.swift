import Foundation
import Testing
import TestWorld

/// `mtasts fetch --store` and `mtasts show` against a loopback world and a real LMDB file:
/// the RFC 8461 §5.1 refresh rule, checked through world request counts and `mdb_dump`.
@Suite("fetch --store follows RFC 8461 §5.1")
struct StoreRefreshTests {
    let domain = "refresh.example.test"

    func scenario(id: String, policy: String? = nil) -> Scenario {
        var scenario = Scenario.mtaSTS(domain: domain, id: id, policy: policy ?? Self.policy(domain, mode: "enforce"))
        scenario.dns.records.append(.txt("_smtp._tls.\(domain)", "v=TLSRPTv1; rua=mailto:tlsrpt@\(domain), https://reports.\(domain)/v1"))
        return scenario
    }

    static func policy(_ domain: String, mode: String) -> String {
        "version: STSv1\nmode: \(mode)\nmx: mx1.\(domain)\nmx: *.backup.\(domain)\nmax_age: 604800\n"
    }

    @Test func storesTheSeedKeysAndRefreshesByID() throws {
        let world = try World(scenario(id: "v1"))
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try TestConfig(world: world, directory: directory)
        let host = "mta-sts.\(domain)"

        // First fetch: HTTPS, stored under the Perl original's keys.
        let before = Int64(Date().timeIntervalSince1970)
        let first = try MTASTS.run(["fetch", domain, "--store", "--json", "--config", config.path])
        #expect(first.status == 0, "\(first.stdout) \(first.stderr)")
        #expect(try first.json()["source"] as? String == "https")
        #expect(try first.json()["stored"] as? Bool == true)
        var keys = try MDBDump.entries(of: config.cachePath)
        #expect(keys["\(domain):mode"] == "enforce")
        #expect(keys["\(domain):mx"] == "mx1.\(domain):*.backup.\(domain)")
        #expect(keys["\(domain):id"] == "v1")
        #expect(keys["\(domain):report"] == "tlsrpt@\(domain)")
        #expect(keys["\(domain):rua"] == "mailto:tlsrpt@\(domain),https://reports.\(domain)/v1")
        #expect(keys["\(domain):policy"] == Self.policy(domain, mode: "enforce"))
        #expect(keys["\(domain):max_age"] == "604800")
        #expect(keys["\(domain):status"] == "policy")
        let expire = try #require(keys["\(domain):expire"].flatMap { Int64($0) })
        #expect(expire >= before + 604_800 && expire <= before + 604_800 + 60)
        #expect(try world.stats().httpsRequests[host] == 1)

        // Same id, policy unexpired: no HTTPS request.
        let second = try MTASTS.run(["fetch", domain, "--store", "--json", "--config", config.path])
        #expect(second.status == 0)
        #expect(try second.json()["source"] as? String == "cache")
        #expect(try world.stats().httpsRequests[host] == 1)

        // --force fetches regardless.
        let forced = try MTASTS.run(["fetch", domain, "--store", "--force", "--json", "--config", config.path])
        #expect(forced.status == 0)
        #expect(try world.stats().httpsRequests[host] == 2)

        // A changed id: fetched again, new policy stored.
        try world.update(scenario(id: "v2", policy: Self.policy(domain, mode: "testing")))
        let third = try MTASTS.run(["fetch", domain, "--store", "--json", "--config", config.path])
        #expect(third.status == 0)
        #expect(try third.json()["source"] as? String == "https")
        #expect(try world.stats().httpsRequests[host] == 3)
        keys = try MDBDump.entries(of: config.cachePath)
        #expect(keys["\(domain):id"] == "v2")
        #expect(keys["\(domain):mode"] == "testing")
    }

    @Test func aFailureKeepsTheCachedPolicy() throws {
        let world = try World(scenario(id: "v1"))
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try TestConfig(world: world, directory: directory)
        #expect(try MTASTS.run(["fetch", domain, "--store", "--config", config.path]).status == 0)
        let stored = try MDBDump.entries(of: config.cachePath)

        // The id changes but the policy host now answers 500: the old policy stays.
        var broken = scenario(id: "v2")
        broken.https["mta-sts.\(domain)"]?.status = 500
        try world.update(broken)
        let failed = try MTASTS.run(["fetch", domain, "--store", "--json", "--config", config.path])
        #expect(failed.status == 4)
        let json = try failed.json()
        #expect(json["outcome"] as? String == "failure")
        #expect(json["result_type"] as? String == "sts-policy-fetch-error")
        #expect(json["cached_policy_kept"] as? Bool == true)
        var keys = try MDBDump.entries(of: config.cachePath)
        for key in ["mode", "mx", "id", "expire", "policy", "report"] {
            #expect(keys["\(domain):\(key)"] == stored["\(domain):\(key)"], "\(key) changed")
        }
        #expect(keys["\(domain):status"] == "failure")
        #expect(keys["\(domain):error_type"] == "sts-policy-fetch-error")
        #expect(keys["\(domain):failures"] == "1")
        #expect(keys["\(domain):error"]?.contains("500") == true)

        // DNS now fails outright: still kept, and the failures count up.
        var dnsDown = scenario(id: "v2")
        dnsDown.dns.behaviours["_mta-sts.\(domain)"] = "servfail"
        try world.update(dnsDown)
        #expect(try MTASTS.run(["fetch", domain, "--store", "--config", config.path]).status == 4)
        keys = try MDBDump.entries(of: config.cachePath)
        #expect(keys["\(domain):id"] == "v1")
        #expect(keys["\(domain):failures"] == "2")

        // The TXT record vanishes: the unexpired cached policy stays in force (RFC 8461 §5.1).
        var gone = scenario(id: "v2")
        gone.dns.records.removeAll { $0.name == "_mta-sts.\(domain)" }
        try world.update(gone)
        let vanished = try MTASTS.run(["fetch", domain, "--store", "--json", "--config", config.path])
        #expect(vanished.status == 3)
        #expect(try vanished.json()["cached_policy_kept"] as? Bool == true)
        keys = try MDBDump.entries(of: config.cachePath)
        #expect(keys["\(domain):mode"] == "enforce")
        #expect(keys["\(domain):status"] == "no-policy")

        // show reads it back, read-only.
        let show = try MTASTS.run(["show", domain, "--json", "--config", config.path])
        #expect(show.status == 0, "\(show.stderr)")
        let shown = try show.json()
        let policy = try #require(shown["policy"] as? [String: Any])
        #expect(policy["mode"] as? String == "enforce")
        #expect(policy["id"] as? String == "v1")
        #expect(policy["valid_now"] as? Bool == true)
        let check = try #require(shown["last_check"] as? [String: Any])
        #expect(check["outcome"] as? String == "no-policy")
    }

    @Test func showExplainsAMissingDomainAndAMissingCache() throws {
        let world = try World(scenario(id: "v1"))
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try TestConfig(world: world, directory: directory)

        let noCache = try MTASTS.run(["show", domain, "--config", config.path])
        #expect(noCache.status == 2)
        #expect(noCache.stderr.contains(config.cachePath))

        #expect(try MTASTS.run(["fetch", domain, "--store", "--config", config.path]).status == 0)
        let other = try MTASTS.run(["show", "other.example.test", "--json", "--config", config.path])
        #expect(other.status == 3)
        #expect(try other.json()["cached"] as? Bool == false)
    }
}
