import Discovery
import Foundation
import MTASTSConfig
import MTASTSPolicy
import PolicyStore
import Prewarm
import TestWorld

/// A loopback world, an LMDB cache in a temporary directory and a manual clock: what a pass
/// test needs. Every domain is named `<label>.prewarm.test`.
final class PassFixture {
    let world: World
    let directory: TemporaryDirectory
    let store: LMDBPolicyStore
    let clock: ManualWallClock
    var configuration: Configuration

    init(_ scenario: Scenario, concurrency: Int = 8, httpsTimeout: Duration = .seconds(5)) throws {
        world = try World(scenario)
        directory = try TemporaryDirectory()
        store = try LMDBPolicyStore(path: directory.file("cache.lmdb"), access: .readWrite)
        clock = ManualWallClock(Int64(Date().timeIntervalSince1970))
        configuration = Configuration()
        configuration.cache.path = directory.file("cache.lmdb")
        configuration.state.directory = directory.path
        configuration.resolver.nameservers = [world.nameserver]
        configuration.resolver.timeout = .seconds(2)
        configuration.resolver.attempts = 1
        configuration.https.caFile = world.caFile
        configuration.https.connectTimeout = httpsTimeout
        configuration.https.timeout = httpsTimeout
        configuration.prewarm.concurrency = concurrency
    }

    deinit { world.stop() }

    static func name(_ label: String) -> String { "\(label).prewarm.test" }

    static func domain(_ label: String) throws -> DomainName { try DomainName(validating: name(label)) }

    /// A policy body with `max_age`, mode `enforce` unless told.
    static func policy(_ label: String, mode: String = "enforce", maxAge: Int = 604_800) -> String {
        Scenario.policy(mode: mode, mx: ["mx.\(name(label))"], maxAge: maxAge)
    }

    static func scenario(_ label: String, id: String = "v1", mode: String = "enforce", maxAge: Int = 604_800) -> Scenario {
        Scenario.mtaSTS(domain: name(label), id: id, policy: policy(label, mode: mode, maxAge: maxAge))
    }

    func pass() throws -> PrewarmPass {
        let discoverer = try DiscovererFactory.make(configuration, userAgent: "mtasts-tests")
        return PrewarmPass(store: store, discoverer: discoverer, settings: RenewalSettings(configuration.prewarm),
                           concurrency: configuration.prewarm.concurrency, clock: clock)
    }

    /// One pass over `labels` (and whatever the cache holds) with `selection`.
    func run(_ labels: [String], _ selection: PassSelection = .due) throws -> PassSummary {
        let candidates = try labels.map { DomainCandidate(domain: try Self.domain($0), sources: ["test"]) }
        return try pass().run(candidates: candidates, includeCache: true, selection: selection)
    }

    func entry(_ label: String) throws -> CacheEntry? { try store.entry(for: try Self.domain(label)) }

    func httpsRequests(_ label: String) throws -> Int { try world.stats().httpsRequests["mta-sts.\(Self.name(label))"] ?? 0 }

    func txtQueries(_ label: String) throws -> Int { try world.stats().dnsQueries["_mta-sts.\(Self.name(label)) TXT"] ?? 0 }
}
