import DNSClient
import Discovery
import HTTPSFetch
import MTASTSPolicy
import PolicyStore
import Testing
import TestWorld

/// The refresher against a loopback world, with time passed in: expiry decides, not sleeps.
@Suite("Refresher against the loopback world, with injected time")
struct DiscoveryWorldTests {
    let domain = try! DomainName(validating: "clock.example.test")

    func refresher(_ world: World, store: some PolicyStore) throws -> PolicyRefresher {
        let resolver = Resolver(configuration: ResolverConfiguration(
            nameservers: [try Nameserver(parsing: world.nameserver)], timeout: .seconds(2), attempts: 1))
        let fetcher = PolicyFetcher(configuration: PolicyFetchConfiguration(
            caFile: world.caFile, connectTimeout: .seconds(3), timeout: .seconds(5)))
        return PolicyRefresher(discoverer: PolicyDiscoverer(resolver: resolver, fetcher: fetcher), store: store)
    }

    @Test func anExpiredPolicyIsFetchedAgainEvenWithTheSameID() throws {
        let policy = "version: STSv1\nmode: enforce\nmx: mx.clock.example.test\nmax_age: 3600\n"
        let world = try World(.mtaSTS(domain: domain.value, id: "same", policy: policy))
        defer { world.stop() }
        let store = MemoryPolicyStore()
        let refresher = try refresher(world, store: store)
        let clock = ManualWallClock(1_800_000_000)
        let host = "mta-sts.\(domain.value)"

        let first = try refresher.refresh(domain, now: clock.now())
        guard case .fetched = first.result.outcome else { Issue.record("expected a fetch, got \(first.result.outcome)"); return }
        #expect(try store.entry(for: domain)?.policy?.expire == clock.now() + 3600)

        clock.advance(by: 3599)
        let second = try refresher.refresh(domain, now: clock.now())
        guard case .unchanged = second.result.outcome else { Issue.record("expected unchanged, got \(second.result.outcome)"); return }
        #expect(try world.stats().httpsRequests[host] == 1)

        clock.advance(by: 1) // now == expire: the cached policy is no longer valid
        let third = try refresher.refresh(domain, now: clock.now())
        guard case .fetched = third.result.outcome else { Issue.record("expected a fetch, got \(third.result.outcome)"); return }
        #expect(try world.stats().httpsRequests[host] == 2)
        #expect(try store.entry(for: domain)?.policy?.expire == clock.now() + 3600)
    }
}
