import MTASTSPolicy
import PolicyStore
import Testing

/// The two drivers; behaviour tests run against both with `@Test(arguments: Driver.allCases)`.
enum Driver: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case lmdb, memory

    var testDescription: String { rawValue }

    /// An empty store, or one holding exactly `raw` keys and values as another program would
    /// have written them (for LMDB: with the real `mdb_load`).
    func makeStore(raw: [String: String] = [:]) throws -> OpenStore {
        switch self {
        case .memory:
            return OpenStore(store: MemoryPolicyStore(rawValues: raw), directory: nil, path: nil)
        case .lmdb:
            let directory = try TemporaryDirectory()
            let path = directory.file("mtasts.lmdb")
            if !raw.isEmpty {
                try LMDBTools.load(raw.sorted { $0.key < $1.key }.map { LMDBTools.Pair(key: $0.key, value: $0.value) },
                                   into: path)
            }
            let store = try LMDBPolicyStore(path: path, access: .readWrite)
            return OpenStore(store: store, directory: directory, path: path)
        }
    }
}

/// A store and what keeps its file alive.
struct OpenStore {
    let store: any PolicyStore
    let directory: TemporaryDirectory?
    /// The LMDB file, for the LMDB driver.
    let path: String?

    /// The raw pairs as stored: via `mdb_dump` for LMDB, the memory driver's table otherwise.
    func rawPairs() throws -> [LMDBTools.Pair] {
        if let path { return try LMDBTools.dump(path) }
        let memory = try #require(store as? MemoryPolicyStore)
        return memory.rawValues.map { LMDBTools.Pair(key: $0.key, value: $0.value) }
    }
}

func domain(_ text: String) -> DomainName {
    // Test inputs are literals known to be valid.
    try! DomainName(validating: text)
}

/// Sample entries covering every key.
enum Samples {
    static let now: Int64 = 1_700_000_000

    static let policyText = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.mail.example.com\nmax_age: 86400\n"

    static let full = CacheEntry(
        domain: domain("example.com"),
        policy: CachedPolicy(mode: .enforce, mx: ["mx1.example.com", "*.mail.example.com"], expire: now + 86_400,
                             id: "20240101T000000", text: policyText, maxAge: 86_400, fetchedAt: now),
        reporting: CachedReporting(rua: ["mailto:tlsrpt@example.com", "https://report.example.com/v1"]),
        lastCheck: CheckRecord(checkedAt: now, outcome: .policy),
        tracking: DomainTracking(learnedAt: now - 60, missedAt: now - 120))

    static let failing = CacheEntry(
        domain: domain("failing.example"),
        policy: CachedPolicy(mode: .testing, mx: ["mx.failing.example"], expire: now + 600, id: "abc"),
        lastCheck: CheckRecord(checkedAt: now + 60, outcome: .failure,
                               error: "the HTTPS fetch of https://mta-sts.failing.example/.well-known/mta-sts.txt timed out after 10 seconds",
                               errorType: "sts-policy-fetch-error", consecutiveFailures: 3, failedAt: now + 60))

    static let modeNone = CacheEntry(
        domain: domain("none.example"),
        policy: CachedPolicy(mode: .none, mx: [], expire: now + 3600, id: "off", text: "version: STSv1\nmode: none\nmax_age: 3600\n",
                             maxAge: 3600, fetchedAt: now))

    static let checkOnly = CacheEntry(domain: domain("nothing.example"),
                                      lastCheck: CheckRecord(checkedAt: now, outcome: .noPolicy))

    static let missOnly = CacheEntry(domain: domain("missed.example"), tracking: DomainTracking(missedAt: now))

    static let all = [full, failing, modeNone, checkOnly, missOnly]
}
