import MTASTSConfig
@testable import Prewarm
import Testing

/// The resolver and HTTPS timeouts always fit `prewarm.domain_deadline`.
@Suite("Domain deadline")
struct DeadlineBudgetTests {
    static func configuration(deadline: Int64, dnsTimeout: Int64 = 5, attempts: Int = 2,
                              https: Int64 = 30) -> Configuration {
        var configuration = Configuration()
        configuration.prewarm.domainDeadline = .seconds(deadline)
        configuration.resolver.timeout = .seconds(dnsTimeout)
        configuration.resolver.attempts = attempts
        configuration.https.timeout = .seconds(https)
        return configuration
    }

    static let rows: [(deadline: Int64, dns: Int64, attempts: Int, servers: Int, https: Int64)] = [
        (60, 5, 2, 1, 30), (60, 5, 2, 3, 30), (5, 5, 2, 1, 30), (3_600, 5, 2, 1, 30), (10, 300, 10, 3, 3_600),
    ]

    @Test("worst case within the deadline", arguments: rows)
    func fits(_ row: (deadline: Int64, dns: Int64, attempts: Int, servers: Int, https: Int64)) {
        let configuration = Self.configuration(deadline: row.deadline, dnsTimeout: row.dns, attempts: row.attempts, https: row.https)
        let budget = DeadlineBudget(configuration: configuration, nameserverCount: row.servers)
        let worst = budget.worstCase(nameserverCount: row.servers)
        // The floors (200 ms per DNS try, 1 attempt, 1 s HTTPS) may exceed an absurdly tight deadline.
        #expect(worst <= .seconds(row.deadline) || (budget.resolverAttempts == 1 && budget.httpsTimeout == .seconds(1)))
        #expect(budget.resolverTimeout <= .seconds(row.dns))
        #expect(budget.httpsTimeout <= .seconds(row.https))
        #expect(budget.httpsConnectTimeout <= budget.httpsTimeout)
    }

    @Test("generous deadlines leave the configured timeouts alone")
    func untouched() {
        let budget = DeadlineBudget(configuration: Self.configuration(deadline: 3_600), nameserverCount: 2)
        #expect(budget.resolverTimeout == .seconds(5))
        #expect(budget.resolverAttempts == 2)
        #expect(budget.httpsTimeout == .seconds(30))
        #expect(budget.httpsConnectTimeout == .seconds(10))
    }
}
