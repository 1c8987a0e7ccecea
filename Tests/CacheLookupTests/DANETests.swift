import CacheLookup
import Foundation
import MTASTSPolicy
import PolicyStore
import Testing
import TestWorld

/// DANE (RFC 8461 §2): the refresher records DNSSEC-validated TLSA records for the MX hosts;
/// the lookups then answer `dane` whatever the MTA-STS policy says.
@Suite("DANE")
struct DANETests {
    let domain = "dane.example.test"

    @Test func daneTakesPrecedenceInTheDecision() throws {
        let store = MemoryPolicyStore()
        var entry = Entries.entry(policy: Entries.policy(.enforce))
        entry.dane = DANEStatus(hasValidatedTLSA: true, checkedAt: Moment.earlier)
        try store.put(entry)
        let lookup = CacheLookup(settings: LookupSettings(onMiss: .none), cache: StoreLookupCache(store),
                                 log: LookupLog(.discard), clock: { Moment.now })
        #expect(lookup.answer(.policy(domain: "example.com")) == .answer("dane"))
        #expect(lookup.answer(.validMX(domain: "example.com", host: "elsewhere.net")) == .answer(""))
        #expect(lookup.answer(.mxList(domain: "example.com")) == .answer(""))

        entry.dane = DANEStatus(hasValidatedTLSA: false, checkedAt: Moment.earlier)
        try store.put(entry)
        #expect(lookup.answer(.policy(domain: "example.com")) == .answer("enforce"))
    }

    func scenario(mxAuthenticated: Bool, tlsaAuthenticated: [String]) -> Scenario {
        var scenario = Scenario.mtaSTS(domain: domain, id: "v1", policy: Scenario.policy(mx: ["*.\(domain)"]))
        scenario.dns.records += [
            .mx(domain, 10, "mx1.\(domain)"), .mx(domain, 20, "mx2.\(domain)"),
            .tlsa("_25._tcp.mx1.\(domain)", usage: 3, selector: 1, matchingType: 1, data: String(repeating: "ab", count: 32)),
            .tlsa("_25._tcp.mx2.\(domain)", usage: 3, selector: 1, matchingType: 1, data: String(repeating: "cd", count: 32)),
        ]
        scenario.dns.authenticated = (mxAuthenticated ? [domain] : []) + tlsaAuthenticated
        return scenario
    }

    @Test(arguments: [
        (true, ["mx1", "mx2"], "dane", "yes"),
        (true, ["mx1"], "enforce", "no"),            // one MX host without validated TLSA
        (false, ["mx1", "mx2"], "enforce", "no"),    // MX set not validated (RFC 7672 §2.2.1)
        (true, [], "enforce", "no"),                 // TLSA present but unsigned: not DANE
    ])
    func theRefresherRecordsDANEAndTheHelperAnswersIt(mxAuthenticated: Bool, validatedHosts: [String],
                                                       expected: String, stored: String) throws {
        let world = try World(scenario(mxAuthenticated: mxAuthenticated,
                                       tlsaAuthenticated: validatedHosts.map { "_25._tcp.\($0).\(domain)" }))
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let (config, cache) = try MissFetchTests.config(world: world, directory: directory)
        let fetch = try Run.process(Run.mtasts, ["fetch", "--store", "--config", config, domain])
        #expect(fetch.status == 0, "\(fetch.stdout) \(fetch.stderr)")
        let entry = try LMDBPolicyStore(path: cache, access: .readWrite).entry(for: DomainName(validating: domain))
        #expect(entry?.dane?.hasValidatedTLSA == (stored == "yes"))
        let answer = try Run.helper(["--cache", cache, "--on-miss", "none", "policy", domain])
        #expect(answer.stdout == expected)
        let show = try Run.process(Run.mtasts, ["show", "--config", config, domain])
        #expect(show.stdout.contains(stored == "yes" ? "DANE: validated TLSA" : "DANE: no"))
    }
}
