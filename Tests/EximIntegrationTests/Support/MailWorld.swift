import TestWorld

/// Worlds for mail: domains whose MX records point at hosts on the world's address, where
/// the SMTP sink answers as `smtp` says.
enum MailWorld {
    /// `domain` with one MX record per host (preference 10, 20, …), each host an A record
    /// to the world, and the sink's behaviour per host.
    static func domain(_ domain: String, mx hosts: [String], smtp: SMTPHost = SMTPHost()) -> Scenario {
        var scenario = Scenario()
        for (index, host) in hosts.enumerated() {
            scenario.dns.records.append(.mx(domain, 10 * (index + 1), host))
            scenario.dns.records.append(.a(host))
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
