/// Everything the loopback world serves: a DNS zone, HTTPS hosts and SMTP sink hosts by name.
///
/// Encodes to the JSON scenario documented in `Tests/World/README.md`.
public struct Scenario: Codable, Sendable, Equatable {
    public var dns: DNSZone
    public var https: [String: HTTPSHost]
    /// MX hosts of the SMTP sink on port 25, by name (the SNI Exim sends with `tls_sni`).
    public var smtp: [String: SMTPHost]

    public init(dns: DNSZone = DNSZone(), https: [String: HTTPSHost] = [:], smtp: [String: SMTPHost] = [:]) {
        self.dns = dns
        self.https = https
        self.smtp = smtp
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dns = try container.decodeIfPresent(DNSZone.self, forKey: .dns) ?? DNSZone()
        https = try container.decodeIfPresent([String: HTTPSHost].self, forKey: .https) ?? [:]
        smtp = try container.decodeIfPresent([String: SMTPHost].self, forKey: .smtp) ?? [:]
    }

    /// Adds `other`'s records, names and hosts; on conflicts (behaviours, hosts, ttl) `other` wins.
    public mutating func add(_ other: Scenario) {
        dns.records += other.dns.records
        dns.authenticated += other.dns.authenticated.filter { !dns.authenticated.contains($0) }
        dns.behaviours.merge(other.dns.behaviours) { _, new in new }
        dns.ttl = other.dns.ttl ?? dns.ttl
        https.merge(other.https) { _, new in new }
        smtp.merge(other.smtp) { _, new in new }
    }

    /// This scenario with `other` added (see `add(_:)`).
    public func merging(_ other: Scenario) -> Scenario {
        var merged = self
        merged.add(other)
        return merged
    }
}

extension Scenario {
    /// A domain with a working MTA-STS setup (RFC 8461 §3.1, §3.2): the `_mta-sts` TXT
    /// record with `id`, `mta-sts.<domain>` A pointing at the world, and the HTTPS host
    /// `mta-sts.<domain>` serving `policy` with a valid certificate.
    public static func mtaSTS(domain: String, id: String, policy: String) -> Scenario {
        let policyHost = "mta-sts.\(domain)"
        return Scenario(
            dns: DNSZone(records: [
                .txt("_mta-sts.\(domain)", "v=STSv1; id=\(id)"),
                .a(policyHost),
            ]),
            https: [policyHost: HTTPSHost(body: policy)]
        )
    }

    /// A policy body (RFC 8461 §3.2): `version`, `mode`, one `mx` line per pattern, `max_age`,
    /// lines ended by CRLF.
    public static func policy(mode: String = "enforce", mx: [String], maxAge: Int = 86400) -> String {
        var lines = ["version: STSv1", "mode: \(mode)"]
        lines += mx.map { "mx: \($0)" }
        lines.append("max_age: \(maxAge)")
        return lines.map { $0 + "\r\n" }.joined()
    }
}
