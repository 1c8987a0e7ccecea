import MTASTSPolicy
import PolicyStore
import Testing

/// One table of behaviour, run against the LMDB and the memory driver.
@Suite struct StoreBehaviourTests {
    @Test(arguments: Driver.allCases)
    func entriesRoundTrip(driver: Driver) throws {
        let open = try driver.makeStore()
        for entry in Samples.all { try open.store.put(entry) }
        for entry in Samples.all {
            #expect(try open.store.entry(for: entry.domain) == entry)
        }
        #expect(try open.store.entry(for: domain("absent.example")) == nil)
    }

    @Test(arguments: Driver.allCases)
    func mxPatternsAreStoredCanonical(driver: Driver) throws {
        let open = try driver.makeStore(raw: ["raw.example:mode": "testing", "raw.example:mx": "MX.Raw.Example.:*.Raw.Example",
                                              "raw.example:expire": "1800000000", "raw.example:id": "r"])
        let written = with(Samples.full) { $0.policy?.mx = ["MX1.Example.COM.", "*.Mail.Example.com"] }
        try open.store.put(written)
        #expect(try open.store.entry(for: written.domain)?.policy?.mx == ["mx1.example.com", "*.mail.example.com"])
        #expect(try open.rawPairs().first { $0.key == "example.com:mx" }?.value == "mx1.example.com:*.mail.example.com")
        #expect(try open.store.entry(for: domain("raw.example"))?.policy?.mx == ["mx.raw.example", "*.raw.example"])
    }

    @Test(arguments: Driver.allCases)
    func domainsAreListedSorted(driver: Driver) throws {
        let open = try driver.makeStore(raw: ["zz.example:checked": "1", "junk-without-colon": "x",
                                              "Not A Domain:mode": "enforce", "UPPER.example:mode": "testing"])
        for entry in Samples.all { try open.store.put(entry) }
        #expect(try open.store.domains().map(\.value)
            == ["example.com", "failing.example", "missed.example", "none.example", "nothing.example", "zz.example"])
    }

    @Test(arguments: Driver.allCases)
    func replacingAnEntryRemovesStaleKeys(driver: Driver) throws {
        let open = try driver.makeStore()
        try open.store.put(Samples.full)
        var replacement = Samples.full
        replacement.reporting = CachedReporting(rua: ["https://report.example.com/v2"], reportAddress: nil)
        replacement.policy?.text = nil
        replacement.policy?.mx = ["mx2.example.com"]
        try open.store.put(replacement)
        #expect(try open.store.entry(for: Samples.full.domain) == replacement)
        let keys = try open.rawPairs().map(\.key)
        #expect(!keys.contains("example.com:report"))
        #expect(!keys.contains("example.com:policy"))
        #expect(keys.contains("example.com:rua"))

        try open.store.put(CacheEntry(domain: Samples.full.domain))
        #expect(try open.store.entry(for: Samples.full.domain) == nil)
        #expect(try open.rawPairs().isEmpty)
        #expect(try open.store.domains().isEmpty)
    }

    @Test(arguments: Driver.allCases)
    func otherDomainsAndUnknownKeysAreLeftAlone(driver: Driver) throws {
        let open = try driver.makeStore(raw: ["example.com:future_key": "kept", "example.com.evil:mode": "testing"])
        try open.store.put(Samples.full)
        try open.store.put(CacheEntry(domain: Samples.full.domain))
        #expect(try open.rawPairs() == [.init(key: "example.com.evil:mode", value: "testing"),
                                        .init(key: "example.com:future_key", value: "kept")])
    }

    /// Values written by other software that the format does not allow: reported, the bad
    /// part treated as absent, never a crash.
    @Test(arguments: Driver.allCases)
    func malformedValuesBecomeProblems(driver: Driver) throws {
        let open = try driver.makeStore(raw: [
            "bad.example:mode": "enforce", "bad.example:mx": "mx.bad.example", "bad.example:expire": "abc",
            "bad.example:id": "1", "bad.example:report": "postmaster@bad.example",
            "bad.example:checked": "-5", "bad.example:status": "policy",
            "mx.example:mode": "enforce", "mx.example:mx": "good.mx.example:bad mx!", "mx.example:expire": "1800000000",
            "mx.example:id": "7", "mx.example:fetched": "yesterday",
            "mode.example:mode": "strict", "mode.example:mx": "mx.mode.example", "mode.example:expire": "1800000000",
            "mode.example:id": "7", "mode.example:status": "maybe", "mode.example:checked": "1",
            "partial.example:expire": "1800000000",
            "empty.example:mode": "enforce", "empty.example:mx": "", "empty.example:expire": "1800000000",
            "empty.example:id": "1",
        ])
        let bad = try #require(try open.store.entry(for: domain("bad.example")))
        #expect(bad.policy == nil)
        #expect(bad.reporting == CachedReporting(rua: [], reportAddress: "postmaster@bad.example"))
        #expect(bad.lastCheck == nil)
        #expect(bad.problems == ["bad.example:checked is \"-5\", not a number",
                                 "bad.example:expire is \"abc\", not a number"])

        let mx = try #require(try open.store.entry(for: domain("mx.example")))
        #expect(mx.policy == nil)
        #expect(mx.problems == ["mx.example:fetched is \"yesterday\", not a number",
                                "mx.example:mx holds \"bad mx!\", not a valid MX pattern"])

        let mode = try #require(try open.store.entry(for: domain("mode.example")))
        #expect(mode.policy == nil && mode.lastCheck == nil)
        #expect(mode.problems == ["mode.example:mode is \"strict\", not enforce, testing or none",
                                  "mode.example:status is \"maybe\", not policy, no-policy or failure"])

        let partial = try #require(try open.store.entry(for: domain("partial.example")))
        #expect(partial.policy == nil)
        #expect(partial.problems.count == 3)
        #expect(partial.problems.contains("partial.example:mode is missing although other keys of its group are present"))

        let empty = try #require(try open.store.entry(for: domain("empty.example")))
        #expect(empty.policy == nil)
        #expect(empty.problems == ["empty.example:mx is empty although the mode is enforce"])
    }

    @Test(arguments: Driver.allCases)
    func optionalPartsThatAreMalformedAreDroppedAlone(driver: Driver) throws {
        let open = try driver.makeStore(raw: [
            "ok.example:mode": "testing", "ok.example:mx": "*.ok.example", "ok.example:expire": "1800000000",
            "ok.example:id": "x1", "ok.example:max_age": "1e9", "ok.example:failures": "many",
            "ok.example:checked": "1700000000", "ok.example:status": "failure",
        ])
        let entry = try #require(try open.store.entry(for: domain("ok.example")))
        #expect(entry.policy == CachedPolicy(mode: .testing, mx: ["*.ok.example"], expire: 1_800_000_000, id: "x1"))
        #expect(entry.lastCheck == CheckRecord(checkedAt: 1_700_000_000, outcome: .failure, consecutiveFailures: 0))
        #expect(entry.problems == ["ok.example:failures is \"many\", not a number",
                                   "ok.example:max_age is \"1e9\", not a number"])
    }

    @Test(arguments: Driver.allCases)
    func entriesTheFormatCannotCarryAreRefused(driver: Driver) throws {
        let open = try driver.makeStore()
        let cases: [(CacheEntry, String)] = [
            (with(Samples.full) { $0.policy?.mx = ["mx.example.com:25"] }, "example.com:mx"),
            (with(Samples.full) { $0.policy?.mx = [] }, "example.com:mx"),
            (with(Samples.full) { $0.policy?.id = "a\u{0}b" }, "example.com:id"),
            (with(Samples.full) { $0.policy?.expire = -1 }, "example.com:expire"),
            (with(Samples.full) { $0.reporting?.rua = ["mailto:a@example.com,b@example.com"] }, "example.com:rua"),
            (with(Samples.full) { $0.lastCheck?.error = "nul\u{0}" }, "example.com:error"),
        ]
        for (entry, key) in cases {
            let error = try #require(throws: StoreError.self) { try open.store.put(entry) }
            #expect(error.kind == .invalidEntry)
            #expect(error.description.contains(key), "\(error)")
        }
        #expect(try open.rawPairs().isEmpty, "a refused entry writes nothing")
    }

    @Test(arguments: Driver.allCases)
    func updateReadsAndWritesTogether(driver: Driver) throws {
        let open = try driver.makeStore()
        try open.store.put(Samples.failing)
        let stored = try open.store.update(Samples.failing.domain) { current in
            guard var entry = current else { return nil }
            entry.lastCheck?.consecutiveFailures += 1
            return entry
        }
        #expect(stored?.lastCheck?.consecutiveFailures == 4)
        #expect(try open.store.entry(for: Samples.failing.domain)?.lastCheck?.consecutiveFailures == 4)
        let unchanged = try open.store.update(domain("new.example")) { _ in nil }
        #expect(unchanged == nil)
        #expect(throws: StoreError.self) {
            try open.store.update(domain("new.example")) { _ in Samples.full }
        }
    }
}

func with(_ entry: CacheEntry, _ change: (inout CacheEntry) -> Void) -> CacheEntry {
    var copy = entry
    change(&copy)
    return copy
}
