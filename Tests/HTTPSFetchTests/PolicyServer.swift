import HTTPSFetch
import Testing
import TestWorld

/// A loopback world serving the policy host `mta-sts.example.test` as `host` describes, plus
/// any `others`, and fetchers that trust the world's test CA. Each test starts its own and
/// stops it when done.
struct PolicyServer {
    static let policyHost = "mta-sts.example.test"
    static let url = "https://mta-sts.example.test/.well-known/mta-sts.txt"
    static let policy = Scenario.policy(mx: ["mx1.example.test", "*.mx.example.test"])

    let world: World

    init(_ host: HTTPSHost, others: [String: HTTPSHost] = [:]) throws {
        var hosts = others
        hosts[Self.policyHost] = host
        world = try World(Scenario(https: hosts))
    }

    func stop() { world.stop() }

    func configuration(timeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10)) -> PolicyFetchConfiguration {
        PolicyFetchConfiguration(caFile: world.caFile, connectTimeout: connectTimeout, timeout: timeout)
    }

    /// Fetches the policy host from the world's address (unless `addresses` is given).
    func fetch(
        timeout: Duration = .seconds(30), addresses: [String]? = nil
    ) throws(PolicyFetchError) -> PolicyDocument {
        try PolicyFetcher(configuration: configuration(timeout: timeout))
            .fetch(policyHost: Self.policyHost, addresses: addresses ?? [world.address])
    }

    /// The error a fetch must end in, and how long it took to get there.
    func failure(
        timeout: Duration = .seconds(30), configuration: PolicyFetchConfiguration? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (error: PolicyFetchError, elapsed: Duration) {
        let fetcher = PolicyFetcher(configuration: configuration ?? self.configuration(timeout: timeout))
        var outcome: Result<PolicyDocument, PolicyFetchError>!
        let elapsed = ContinuousClock().measure {
            outcome = Result { () throws(PolicyFetchError) in
                try fetcher.fetch(policyHost: Self.policyHost, addresses: [world.address])
            }
        }
        let error = try #require(throws: PolicyFetchError.self, sourceLocation: sourceLocation) { try outcome.get() }
        #expect(error.url == Self.url, sourceLocation: sourceLocation)
        return (error, elapsed)
    }

    /// HTTP requests the world saw for the policy host.
    func requests(for host: String = Self.policyHost) throws -> Int {
        try world.stats().httpsRequests[host] ?? 0
    }
}
