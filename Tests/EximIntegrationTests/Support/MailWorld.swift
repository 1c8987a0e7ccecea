import TestWorld

/// Worlds for mail: domains whose MX records point at hosts on the world's address, where
/// the SMTP sink answers as `smtp` says.
enum MailWorld {
    /// An address on loopback where nothing listens (worlds use 127.2-250.x.y). Exim drops MX
    /// hosts whose address it has already listed, so a second MX needs an address of its own.
    static let silentAddress = "127.0.0.254"

    /// `domain` with one MX record per host (preference 10, 20, …), each host an A record
    /// to the world (or to `addresses[host]`), and the sink's behaviour per host.
    static func domain(_ domain: String, mx hosts: [String], smtp: SMTPHost = SMTPHost(),
                       addresses: [String: String] = [:]) -> Scenario {
        var scenario = Scenario()
        for (index, host) in hosts.enumerated() {
            scenario.dns.records.append(.mx(domain, 10 * (index + 1), host))
            scenario.dns.records.append(.a(host, addresses[host] ?? "@world"))
            scenario.smtp[host] = smtp
        }
        return scenario
    }

    /// Every standard cache case's domain with its `mx1.<domain>` host and a valid certificate.
    static func standard() -> Scenario {
        TestCache.Case.allCases.reduce(Scenario()) { scenario, testCase in
            scenario.merging(domain(testCase.domain, mx: ["mx1.\(testCase.domain)"]))
        }
    }
}
