import Foundation
import TestWorld

/// Many domains whose policies encode a version: policy version k has id `v<k>`, mode enforce
/// for even k and testing for odd k, and one mx `mx-v<k>.<domain>`. Keys written by one
/// transaction must all name the same k, which makes torn entries visible.
struct VersionedWorld {
    let domains: [String]

    init(count: Int, zone: String) {
        domains = (0..<count).map { "d\($0).\(zone)" }
    }

    static func mode(_ version: Int) -> String { version % 2 == 0 ? "enforce" : "testing" }
    static func mx(_ version: Int, _ domain: String) -> String { "mx-v\(version).\(domain)" }

    func scenario(version: Int) -> Scenario {
        var scenario = Scenario()
        for domain in domains {
            scenario.add(.mtaSTS(domain: domain, id: "v\(version)",
                                 policy: Scenario.policy(mode: Self.mode(version), mx: [Self.mx(version, domain)])))
        }
        return scenario
    }

    /// The version an mx-list answer names for `domain`, or nil when it is not one of ours.
    static func version(ofMX answer: String, domain: String) -> Int? {
        guard answer.hasPrefix("mx-v"), answer.hasSuffix("." + domain) else { return nil }
        return Int(answer.dropFirst(4).dropLast(domain.count + 1))
    }

    /// Checks the cache's keys (from `mdb_dump`): every domain present, its mode, mx and id
    /// from one version, an expiry set. Returns one sentence per problem.
    func inconsistencies(in keys: [String: String], atMost newest: Int) -> [String] {
        var problems: [String] = []
        for domain in domains {
            guard let id = keys["\(domain):id"], id.hasPrefix("v"), let version = Int(id.dropFirst()) else {
                problems.append("\(domain): id \(keys["\(domain):id"] ?? "missing")")
                continue
            }
            if version > newest { problems.append("\(domain): id \(id) was never served") }
            if keys["\(domain):mode"] != Self.mode(version) {
                problems.append("\(domain): mode \(keys["\(domain):mode"] ?? "missing") with id \(id)")
            }
            if keys["\(domain):mx"] != Self.mx(version, domain) {
                problems.append("\(domain): mx \(keys["\(domain):mx"] ?? "missing") with id \(id)")
            }
            if keys["\(domain):expire"].flatMap({ Int64($0) }) == nil {
                problems.append("\(domain): expire \(keys["\(domain):expire"] ?? "missing")")
            }
        }
        return problems
    }
}
