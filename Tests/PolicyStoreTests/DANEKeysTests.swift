import MTASTSPolicy
import PolicyStore
import Testing

/// `D:dane` (`yes`/`no`) and `D:dane_checked`: the prewarmer's DANE check (RFC 8461 §2).
@Suite("DANE keys")
struct DANEKeysTests {
    @Test(arguments: Driver.allCases, [true, false])
    func roundTrip(driver: Driver, validated: Bool) throws {
        let open = try driver.makeStore()
        let entry = CacheEntry(domain: domain("dane.example"), dane: DANEStatus(hasValidatedTLSA: validated, checkedAt: Samples.now))
        try open.store.put(entry)
        #expect(try open.store.entry(for: domain("dane.example")) == entry)
        #expect(try open.rawPairs() == [
            LMDBTools.Pair(key: "dane.example:dane", value: validated ? "yes" : "no"),
            LMDBTools.Pair(key: "dane.example:dane_checked", value: String(Samples.now)),
        ])
    }

    @Test(arguments: Driver.allCases)
    func malformedValuesAreProblems(driver: Driver) throws {
        let open = try driver.makeStore(raw: ["bad.example:dane": "maybe", "bad.example:dane_checked": "1",
                                              "half.example:dane": "yes"])
        let bad = try #require(try open.store.entry(for: domain("bad.example")))
        #expect(bad.dane == nil)
        #expect(bad.problems == [#"bad.example:dane is "maybe", not yes or no"#])
        let half = try #require(try open.store.entry(for: domain("half.example")))
        #expect(half.dane == nil)
        #expect(half.problems.count == 1)
    }
}
