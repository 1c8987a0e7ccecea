import CacheLookup
import MTASTSPolicy
import PolicyStore
import Testing
import TestWorld

/// The decision table of docs/lookups.md: entry state → the three answers, with `now`
/// injected, against the in-memory store and a real LMDB file.
@Suite("Decision table")
struct DecisionTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let entry: CacheEntry?
        let onFailure: LookupSettings.FailureAnswer
        let policy: String
        let goodHost: String
        let badHost: String
        let mxList: String
        var testDescription: String { name }
    }

    static let patterns = "mx1.example.com:*.backup.example.com"
    static let rows: [Row] = [
        Row(name: "valid enforce", entry: Entries.entry(policy: Entries.policy(.enforce)), onFailure: .none,
            policy: "enforce", goodHost: "", badHost: AnswerText.noMatch, mxList: patterns),
        Row(name: "valid testing", entry: Entries.entry(policy: Entries.policy(.testing)), onFailure: .none,
            policy: "testing", goodHost: "", badHost: "", mxList: patterns),
        Row(name: "valid none", entry: Entries.entry(policy: Entries.policy(.none)), onFailure: .none,
            policy: "none", goodHost: "", badHost: "", mxList: ""),
        Row(name: "valid enforce, last refresh failed", entry: Entries.entry(policy: Entries.policy(.enforce), check: .failure),
            onFailure: .defer, policy: "enforce", goodHost: "", badHost: AnswerText.noMatch, mxList: patterns),
        Row(name: "no policy", entry: Entries.entry(check: .noPolicy), onFailure: .defer,
            policy: "none", goodHost: "", badHost: "", mxList: ""),
        Row(name: "expired policy, then no policy", entry: Entries.entry(policy: Entries.policy(.enforce, expire: Moment.now), check: .noPolicy),
            onFailure: .none, policy: "none", goodHost: "", badHost: "", mxList: ""),
        Row(name: "failed, on_failure none (RFC 8461 §5.1)", entry: Entries.entry(check: .failure), onFailure: .none,
            policy: "none", goodHost: "", badHost: "", mxList: ""),
        Row(name: "failed, on_failure defer", entry: Entries.entry(check: .failure), onFailure: .defer,
            policy: "fail", goodHost: "", badHost: "", mxList: ""),
        Row(name: "expired enforce policy and failed refresh, defer", entry: Entries.entry(policy: Entries.policy(.enforce, expire: Moment.earlier), check: .failure),
            onFailure: .defer, policy: "fail", goodHost: "", badHost: "", mxList: ""),
        Row(name: "miss: no entry", entry: nil, onFailure: .defer, policy: "none", goodHost: "", badHost: "", mxList: ""),
        Row(name: "miss: only tracking keys", entry: Entries.entry(missedAt: Moment.earlier), onFailure: .defer,
            policy: "none", goodHost: "", badHost: "", mxList: ""),
        Row(name: "miss: expired policy, last check found it", entry: Entries.entry(policy: Entries.policy(.enforce, expire: Moment.now), check: .policy),
            onFailure: .defer, policy: "none", goodHost: "", badHost: "", mxList: ""),
    ]

    enum Driver: String, CaseIterable, Sendable { case memory, lmdb }

    /// The answers for `row` through the given store driver, `on_miss none`, `now` fixed.
    static func answers(_ row: Row, _ driver: Driver) throws -> [LookupAnswer] {
        let settings = LookupSettings(onFailure: row.onFailure, onMiss: .none)
        var keep: CacheFile?
        let cache: any LookupCache
        switch driver {
        case .memory:
            let store = MemoryPolicyStore()
            if let entry = row.entry { try store.put(entry) }
            cache = StoreLookupCache(store)
        case .lmdb:
            keep = try CacheFile(row.entry.map { [$0] } ?? [])
            cache = LMDBLookupCache(path: keep!.path)
        }
        let lookup = CacheLookup(settings: settings, cache: cache, log: LookupLog(.discard), clock: { Moment.now })
        let answers = [
            lookup.answer(.policy(domain: "example.com")),
            lookup.answer(.validMX(domain: "example.com", host: "a.backup.example.com")),
            lookup.answer(.validMX(domain: "EXAMPLE.com.", host: "b.a.backup.example.com")),
            lookup.answer(.mxList(domain: "example.com")),
        ]
        withExtendedLifetime(keep) {}
        return answers
    }

    @Test(arguments: rows, Driver.allCases)
    func answers(row: Row, driver: Driver) throws {
        let answers = try Self.answers(row, driver)
        #expect(answers == [.answer(row.policy), .answer(row.goodHost), .answer(row.badHost), .answer(row.mxList)])
    }

    @Test func entryStateUsesExpiryStrictly() {
        let policy = Entries.policy(.enforce, expire: Moment.now + 1)
        #expect(EntryState(Entries.entry(policy: policy), now: Moment.now) == .policy(policy))
        #expect(EntryState(Entries.entry(policy: policy), now: Moment.now + 1) == .miss)
    }

    @Test func aMissIsRecordedAndOnMissNoneAnswersAtOnce() throws {
        let store = MemoryPolicyStore()
        let lookup = CacheLookup(settings: LookupSettings(onMiss: .none), cache: StoreLookupCache(store),
                                 log: LookupLog(.discard), clock: { Moment.now })
        #expect(lookup.answer(.policy(domain: "Missed.Example.com")) == .answer("none"))
        let entry = try store.entry(for: DomainName(validating: "missed.example.com"))
        #expect(entry?.tracking?.missedAt == Moment.now)
        #expect(entry?.policy == nil)
    }

    /// A fetcher that writes a policy into the store, as `mtasts fetch --store` would.
    struct StoringFetcher: MissFetching {
        let store: MemoryPolicyStore
        func fetch(_ domain: DomainName, settings: LookupSettings) -> ChildOutcome {
            _ = try? store.update(domain) { entry in
                var updated = entry ?? CacheEntry(domain: domain)
                updated.policy = Entries.policy(.enforce)
                return updated
            }
            return .exited(0)
        }
    }

    struct FailingFetcher: MissFetching {
        func fetch(_ domain: DomainName, settings: LookupSettings) -> ChildOutcome { .killedAtDeadline }
    }

    @Test func onMissFetchAnswersFromTheFreshEntry() throws {
        let store = MemoryPolicyStore()
        let lookup = CacheLookup(settings: LookupSettings(onMiss: .fetch), cache: StoreLookupCache(store),
                                 fetcher: StoringFetcher(store: store), log: LookupLog(.discard), clock: { Moment.now })
        #expect(lookup.answer(.policy(domain: "example.com")) == .answer("enforce"))
        #expect(try store.entry(for: Entries.domain)?.tracking?.missedAt == Moment.now)
    }

    @Test(arguments: [(LookupSettings.FailureAnswer.none, "none"), (.defer, "fail")])
    func anUnsuccessfulMissFetchCountsAsAFailure(onFailure: LookupSettings.FailureAnswer, expected: String) {
        let lookup = CacheLookup(settings: LookupSettings(onFailure: onFailure, onMiss: .fetch),
                                 cache: StoreLookupCache(MemoryPolicyStore()), fetcher: FailingFetcher(),
                                 log: LookupLog(.discard), clock: { Moment.now })
        #expect(lookup.answer(.policy(domain: "example.com")) == .answer(expected))
    }

    @Test func anInvalidHostIsRefusedOnlyUnderEnforce() throws {
        let store = MemoryPolicyStore()
        try store.put(Entries.entry(policy: Entries.policy(.enforce)))
        try store.put(CacheEntry(domain: DomainName(validating: "testing.example"), policy: Entries.policy(.testing)))
        let lookup = CacheLookup(settings: LookupSettings(onMiss: .none), cache: StoreLookupCache(store),
                                 log: LookupLog(.discard), clock: { Moment.now })
        #expect(lookup.answer(.validMX(domain: "example.com", host: "192.0.2.1")) == .answer(AnswerText.invalidHost))
        #expect(lookup.answer(.validMX(domain: "testing.example", host: "192.0.2.1")) == .answer(""))
        #expect(lookup.answer(.validMX(domain: "not a domain", host: "mx1.example.com")) == .answer(""))
    }

    @Test func aMissingCacheCannotAnswer() throws {
        let directory = try TemporaryDirectory()
        let lookup = CacheLookup(settings: LookupSettings(onMiss: .none),
                                 cache: LMDBLookupCache(path: directory.path + "/absent.lmdb"),
                                 log: LookupLog(.discard), clock: { Moment.now })
        let answer = lookup.answer(.policy(domain: "example.com"))
        guard case .cannotAnswer(let reason) = answer else {
            Issue.record("expected cannotAnswer, got \(answer)")
            return
        }
        #expect(reason.contains("absent.lmdb"))
        #expect(answer.output.hasPrefix("error:"))
    }
}
