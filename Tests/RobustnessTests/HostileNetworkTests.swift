import Foundation
import Testing
import TestWorld

/// Item 3: every hostile DNS or HTTPS behaviour of the loopback world ends within the configured
/// timeouts with a recorded failure, bounded memory, and the cached policy kept.
@Suite("Hostile network")
struct HostileNetworkTests {
    static let httpsTimeout = 3.0
    static let dnsTimeout = 1.0
    /// A generous bound on any `mtasts` child's peak RSS.
    static let memoryBoundKiB = 200 * 1024

    enum Hostility: CustomStringConvertible, Sendable {
        case dns(String)
        case https(behaviour: String?, bodySize: Int?)

        var description: String {
            switch self {
            case .dns(let behaviour): "dns \(behaviour)"
            case .https(let behaviour, let size): "https \(behaviour ?? "body_size=\(size ?? 0)")"
            }
        }
    }

    static let cases: [Hostility] = [
        .dns("compression-loop"), .dns("oversize"), .dns("truncated-rr"), .dns("wrong-id"), .dns("flood"),
        .dns("garbage"), .dns("timeout"),
        .https(behaviour: "hang", bodySize: nil), .https(behaviour: "trickle", bodySize: nil),
        .https(behaviour: "endless-body", bodySize: nil), .https(behaviour: "endless-header", bodySize: nil),
        .https(behaviour: "reset-mid-body", bodySize: nil), .https(behaviour: nil, bodySize: 10 * 1024 * 1024),
    ]

    @Test("ends in time with a recorded failure and keeps the cached policy", arguments: cases)
    func hostile(_ hostility: Hostility) throws {
        let domain = "hostile.robust.test"
        let good = Scenario.policy(mode: "enforce", mx: ["mx.\(domain)"])
        let world = try World(.mtaSTS(domain: domain, id: "good1", policy: good))
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try RobustConfig(world: world, directory: directory, httpsTimeout: "3s", dnsTimeout: "1s")

        let first = try Child.mtasts(["fetch", "--store", "--json", domain, "--config", config.path])
        try #require(first.status == 0, "\(first.output)")

        // Hostile now, with a changed id so that the policy must be fetched again.
        var scenario = Scenario.mtaSTS(domain: domain, id: "bad2",
                                       policy: Scenario.policy(mode: "testing", mx: ["evil.\(domain)"]))
        switch hostility {
        case .dns(let behaviour):
            scenario.dns.behaviours["_mta-sts.\(domain)"] = behaviour
        case .https(let behaviour, let bodySize):
            scenario.https["mta-sts.\(domain)"]?.behaviour = behaviour
            scenario.https["mta-sts.\(domain)"]?.bodySize = bodySize
        }
        try world.update(scenario)

        let result = try Child.mtasts(["fetch", "--store", "--json", domain, "--config", config.path])
        let peak = Child.peakChildRSSKiB()
        print("robustness: \(hostility): exit \(result.status) in \(String(format: "%.2f", result.seconds)) s, children's peak RSS ≤ \(peak / 1024) MiB")
        // Bounded by the configured timeouts (plus start-up and one TLSRPT lookup).
        #expect(result.seconds < Self.httpsTimeout * 2 + Self.dnsTimeout * 4 + 5, "\(hostility) took \(result.seconds) s")
        #expect(peak < Self.memoryBoundKiB, "peak RSS \(peak) KiB")
        #expect(result.status == 4, "\(hostility): \(result.output)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["outcome"] as? String == "failure", "\(result.stdout)")
        #expect((json?["result_type"] as? String)?.isEmpty == false, "\(result.stdout)")
        #expect(json?["cached_policy_kept"] as? Bool == true, "\(result.stdout)")

        let keys = try MDBTools.dump(config.cachePath)
        #expect(keys["\(domain):id"] == "good1")
        #expect(keys["\(domain):mode"] == "enforce")
        #expect(keys["\(domain):mx"] == "mx.\(domain)")
        #expect(keys["\(domain):status"]?.contains("fail") == true, "status \(keys["\(domain):status"] ?? "-")")
        let lookup = try Child.run(Child.helper, ["--cache", config.cachePath, "--on-miss", "none", "policy", domain])
        #expect(lookup.stdout == "enforce", "\(lookup.output)")
    }
}
