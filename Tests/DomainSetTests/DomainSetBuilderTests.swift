import DomainSet
import MTASTSConfig
import MTASTSPolicy
import PolicyStore
import TestWorld
import Testing

func name(_ text: String) -> DomainName { try! DomainName(validating: text) }

@Suite("Domain set")
struct DomainSetBuilderTests {
    static let now: Int64 = 1_800_000_000
    static let day: Int64 = 86_400
    static let filesPattern = TestPaths.fixture("DomainSet/domains.d/*.txt")

    static func configuration(_ change: (inout Configuration) -> Void = { _ in }) -> Configuration {
        var configuration = Configuration()
        configuration.domains = [name("config.example"), name("partner.example")]
        configuration.domainFiles = [filesPattern]
        configuration.ignoreDomains = [.exact(name("ignored.example")), .subdomains(of: name("internal.example"))]
        change(&configuration)
        return configuration
    }

    static func store() throws -> MemoryPolicyStore {
        let store = MemoryPolicyStore()
        try store.put(CacheEntry(domain: name("learned.example"), tracking: DomainTracking(learnedAt: now - 2 * day)))
        try store.put(CacheEntry(domain: name("stale.example"), tracking: DomainTracking(learnedAt: now - 31 * day)))
        try store.put(CacheEntry(domain: name("missed.example"), tracking: DomainTracking(missedAt: now - 60)))
        try store.put(CacheEntry(domain: name("partner.example"), tracking: DomainTracking(learnedAt: now - day, missedAt: now - 5)))
        try store.put(CacheEntry(domain: name("internal.example"), tracking: DomainTracking(learnedAt: now - day)))
        try store.put(CacheEntry(domain: name("deep.mail.internal.example"), tracking: DomainTracking(learnedAt: now - day)))
        try store.put(CacheEntry(domain: name("ignored.example"), tracking: DomainTracking(missedAt: now - 5)))
        return store
    }

    @Test("the union of config, files, learned and missed, ignore list applied, sorted")
    func union() throws {
        let set = try DomainSetBuilder.build(configuration: Self.configuration(), store: Self.store(), now: Self.now)
        #expect(set.names.map(\.value) == [
            "config.example", "indented.example", "internal.example", "learned.example", "missed.example",
            "more.example", "partner-two.example", "partner.example",
        ])
        #expect(set.tracked(name("partner.example")) == TrackedDomain(
            domain: name("partner.example"), sources: [.config, .file, .learned, .miss],
            lastSeen: Self.now - Self.day, missedAt: Self.now - 5))
        #expect(set.tracked(name("partner.example"))?.sortedSources == [.config, .file, .learned, .miss])
        #expect(set.tracked(name("config.example"))?.sources == [.config])
        #expect(set.tracked(name("more.example"))?.sources == [.file])
        #expect(set.tracked(name("learned.example")) == TrackedDomain(
            domain: name("learned.example"), sources: [.learned], lastSeen: Self.now - 2 * Self.day))
        #expect(set.tracked(name("missed.example")) == TrackedDomain(
            domain: name("missed.example"), sources: [.miss], missedAt: Self.now - 60))
        // `*.internal.example` covers names below it, not the name itself.
        #expect(set.tracked(name("internal.example"))?.sources == [.learned])
        #expect(set.tracked(name("deep.mail.internal.example")) == nil)
        #expect(set.tracked(name("mail.internal.example")) == nil)
        #expect(set.tracked(name("ignored.example")) == nil)
        #expect(set.tracked(name("stale.example")) == nil)
        #expect(set.tracked(name("not-matched.example")) == nil)
    }

    @Test("invalid lines of domain files are warnings naming file and line")
    func warnings() throws {
        let set = try DomainSetBuilder.build(configuration: Self.configuration(), store: MemoryPolicyStore(), now: Self.now)
        let file = TestPaths.fixture("DomainSet/domains.d/10-partners.txt")
        #expect(set.warnings.map(\.description) == [
            #"\#(file):6: invalid domain name "exa mple.com": character ' ' is not allowed (only letters, digits, hyphens and dots); line skipped"#,
            #"\#(file):7: invalid domain name "192.0.2.1": the last label is all digits (an IP address is not a domain); line skipped"#,
        ])
    }

    @Test("forgetting after learn.forget_after, at the edge", arguments: [
        (Int64(30 * 86_400), true), (Int64(30 * 86_400 + 1), false), (Int64(0), true),
    ])
    func forgetting(age: Int64, kept: Bool) throws {
        let store = MemoryPolicyStore()
        try store.put(CacheEntry(domain: name("a.example"), tracking: DomainTracking(learnedAt: Self.now - age)))
        let configuration = Self.configuration { $0.domains = []; $0.domainFiles = [] }
        let set = try DomainSetBuilder.build(configuration: configuration, store: store, now: Self.now)
        #expect(set.names == (kept ? [name("a.example")] : []))
    }

    @Test("forget_after is taken from the configuration")
    func forgetAfterSetting() throws {
        let store = MemoryPolicyStore()
        try store.put(CacheEntry(domain: name("a.example"), tracking: DomainTracking(learnedAt: Self.now - 2 * Self.day)))
        let configuration = Self.configuration { $0.domains = []; $0.domainFiles = []; $0.learn.forgetAfter = .seconds(86_400) }
        #expect(try DomainSetBuilder.build(configuration: configuration, store: store, now: Self.now).domains.isEmpty)
    }

    @Test("a missing domain file named without a glob is an error; a glob matching nothing is not")
    func missingFile() throws {
        let missing = "/nonexistent/mtasts-domains.txt"
        let configuration = Self.configuration { $0.domainFiles = [missing] }
        let error = try #require(throws: DomainSetError.self) {
            try DomainSetBuilder.build(configuration: configuration, store: MemoryPolicyStore(), now: Self.now)
        }
        #expect(error.description.hasPrefix("cannot read domain file \(missing): "))
        let empty = Self.configuration { $0.domainFiles = ["/nonexistent/*.txt"] }
        #expect(try DomainSetBuilder.build(configuration: empty, store: MemoryPolicyStore(), now: Self.now).names.count == 2)
    }

    @Test("recording and forgetting learned domains keeps policies and misses")
    func learnedDomains() throws {
        let store = MemoryPolicyStore()
        try store.put(CacheEntry(domain: name("old.example"), tracking: DomainTracking(learnedAt: Self.now - 40 * Self.day, missedAt: Self.now - 9)))
        try store.put(CacheEntry(domain: name("known.example"), tracking: DomainTracking(learnedAt: Self.now - Self.day)))
        let learned = LearnedDomains(store: store, ignore: [.subdomains(of: name("internal.example"))])
        let result = try learned.record([
            name("known.example"): Self.now - 2 * Self.day, // older than the stored time: the stored one stays
            name("fresh.example"): Self.now - 10,
            name("a.internal.example"): Self.now,
        ])
        #expect(result.learned.map(\.value) == ["fresh.example", "known.example"])
        #expect(result.new.map(\.value) == ["fresh.example"])
        #expect(try store.entry(for: name("known.example"))?.tracking?.learnedAt == Self.now - Self.day)
        #expect(try store.entry(for: name("fresh.example"))?.tracking?.learnedAt == Self.now - 10)
        #expect(try store.entry(for: name("a.internal.example")) == nil)
        let forgotten = try learned.forgetStale(forgetAfter: .seconds(30 * 86_400), now: Self.now)
        #expect(forgotten == [name("old.example")])
        #expect(try store.entry(for: name("old.example"))?.tracking == DomainTracking(missedAt: Self.now - 9))
    }
}
