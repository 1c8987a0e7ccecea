import CacheLookup
import Foundation
import MTASTSPolicy
import PolicyStore
import Testing
import TestWorld

/// A miss with `on_miss fetch` runs the built `mtasts fetch --store` against the loopback
/// world, bounded by the deadline.
@Suite("Miss fetch against the loopback world")
struct MissFetchTests {
    let domain = "fresh.example.test"

    /// A configuration pointing the resolver and HTTPS at `world`, its cache in `directory`.
    static func config(world: World, directory: TemporaryDirectory, httpsTimeout: String = "3s") throws -> (config: String, cache: String) {
        let cache = directory.path + "/cache.lmdb"
        let config = directory.path + "/mtasts.yaml"
        try WorldConfigFile(world: world, path: config, cachePath: cache, dnsTimeout: "1s",
                            httpsTimeout: httpsTimeout, connectTimeout: "3s")
        // The lookup opens the cache read-only: it must exist (the prewarmer creates it).
        _ = try LMDBPolicyStore(path: cache, access: .readWrite)
        return (config, cache)
    }

    func helper(_ config: String, _ cache: String, deadline: String, _ question: [String]) throws -> RunResult {
        try Run.helper(["--cache", cache, "--config", config, "--mtasts", Run.mtasts, "--miss-deadline", deadline] + question)
    }

    @Test func aMissIsFetchedAndAnsweredFromTheFreshPolicy() throws {
        let policy = Scenario.policy(mode: "enforce", mx: ["mx.\(domain)"])
        let world = try World(.mtaSTS(domain: domain, id: "v1", policy: policy))
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let (config, cache) = try Self.config(world: world, directory: directory)

        let answer = try helper(config, cache, deadline: "20", ["policy", domain])
        #expect(answer.status == 0, "\(answer.stderr)")
        #expect(answer.stdout == "enforce")
        let stored = try LMDBPolicyStore(path: cache, access: .readWrite).entry(for: DomainName(validating: domain))
        #expect(stored?.policy?.mx == ["mx.\(domain)"])
        #expect(stored?.tracking?.missedAt != nil)

        // Now a hit: answered from the cache with no further HTTPS request.
        let before = try world.stats().httpsRequests["mta-sts.\(domain)"] ?? 0
        let list = try helper(config, cache, deadline: "20", ["mx-list", domain])
        #expect(list.stdout == "mx.\(domain)")
        #expect(try world.stats().httpsRequests["mta-sts.\(domain)"] ?? 0 == before)
    }

    @Test func aMissWhoseHTTPSHangsIsAnsweredWithinTheDeadline() throws {
        var scenario = Scenario.mtaSTS(domain: domain, id: "v1", policy: Scenario.policy(mx: ["mx.\(domain)"]))
        scenario.https["mta-sts.\(domain)"]?.behaviour = "hang"
        let world = try World(scenario)
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let (config, cache) = try Self.config(world: world, directory: directory, httpsTimeout: "60s")

        let answer = try helper(config, cache, deadline: "2", ["policy", domain])
        #expect(answer.status == 0)
        #expect(answer.stdout == "none")
        // Bound, not benchmark: the deadline plus generous start-up slack, far below the 60 s
        // the fetch itself would wait.
        #expect(answer.seconds < 2 + 8, "took \(answer.seconds) s")
        #expect(answer.stderr.contains("killed"))
        let deferred = try helper(config, cache, deadline: "1", ["--on-failure", "defer", "policy", domain])
        #expect(deferred.stdout == "fail")
        #expect(try LMDBPolicyStore(path: cache, access: .readWrite)
            .entry(for: DomainName(validating: domain))?.tracking?.missedAt != nil)
    }

    @Test func aMissingMtastsExecutableStillAnswers() throws {
        let directory = try TemporaryDirectory()
        let cache = directory.path + "/cache.lmdb"
        _ = try LMDBPolicyStore(path: cache, access: .readWrite)
        let answer = try Run.helper(["--cache", cache, "--mtasts", directory.path + "/no-mtasts", "policy", "example.com"])
        #expect(answer.status == 0)
        #expect(answer.stdout == "none")
        #expect(answer.stderr.contains("could not be started"))
        let entry = try LMDBPolicyStore(path: cache, access: .readWrite).entry(for: DomainName(validating: "example.com"))
        #expect(entry?.tracking?.missedAt != nil)
        #expect(entry?.policy == nil)
    }
}

/// The module inside Debian's Exim, asked about a domain the cache does not know: it spawns
/// `mtasts fetch --store` (never fetching in-process) and answers from the fresh policy.
@Suite("Miss fetch through the Exim module", .enabled(if: EximBE.available, "needs root and /usr/sbin/exim"))
struct ModuleMissFetchTests {
    @Test func theModuleFetchesAMissWithinExim() throws {
        let domain = "module.example.test"
        let world = try World(.mtaSTS(domain: domain, id: "m1", policy: Scenario.policy(mode: "testing", mx: ["mx.\(domain)"])))
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let (config, cache) = try MissFetchTests.config(world: world, directory: directory)
        let settings = "--cache \(cache) --config \(config) --mtasts \(Run.mtasts) --miss-deadline 20"
        // Exim runs as root here: its miss fetch (`mtasts fetch --store`) is allowed to.
        let lines = try EximBE(prelude: "add_environment = MTASTS_ALLOW_ROOT=1\n").expand([
            "${dlfunc{\(Run.module)}{mtasts_policy}{\(domain)}{\(settings)}}",
            "${dlfunc{\(Run.module)}{mtasts_mx_hostlist}{\(domain)}{\(settings)}}",
        ])
        #expect(lines == ["testing", "mx.\(domain)"])
        #expect(try world.stats().httpsRequests["mta-sts.\(domain)"] == 1)
    }
}
