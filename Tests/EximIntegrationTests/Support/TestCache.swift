import Foundation
import MTASTSPolicy
import PolicyStore

/// Cache contents the tests write with the real store, the way the prewarmer would.
enum TestCache {
    /// The domains of the standard table and what the cache holds for them.
    enum Case: String, CaseIterable, Sendable, CustomStringConvertible {
        case enforce = "enforce.test"
        case testing = "testing.test"
        case none = "none.test"
        /// Discovery failed and no policy was ever cached.
        case failed = "failed.test"
        /// Nothing in the cache at all.
        case miss = "miss.test"

        var domain: String { rawValue }
        var description: String { rawValue }
    }

    static var now: Int64 { Int64(time(nil)) }

    /// A policy entry for `domain` listing `mx`, valid for a day.
    static func policy(_ domain: String, _ mode: PolicyMode, mx: [String]) throws -> CacheEntry {
        let fetched = now
        return CacheEntry(domain: try DomainName(validating: domain),
                          policy: CachedPolicy(mode: mode, mx: mx, expire: fetched + 86_400, id: "20240101",
                                               maxAge: 86_400, fetchedAt: fetched),
                          lastCheck: CheckRecord(checkedAt: fetched, outcome: .policy))
    }

    /// A domain whose discovery failed, with no policy cached.
    static func failure(_ domain: String) throws -> CacheEntry {
        CacheEntry(domain: try DomainName(validating: domain),
                   lastCheck: CheckRecord(checkedAt: now, outcome: .failure,
                                          error: "The policy host did not answer.",
                                          errorType: "sts-policy-fetch-error",
                                          consecutiveFailures: 1, failedAt: now))
    }

    /// The entries for the standard cases, each domain's policy listing `mx1.<domain>`.
    static func standardEntries() throws -> [CacheEntry] {
        var entries: [CacheEntry] = []
        for testCase in Case.allCases {
            let domain = testCase.domain
            switch testCase {
            case .enforce: entries.append(try policy(domain, .enforce, mx: ["mx1.\(domain)"]))
            case .testing: entries.append(try policy(domain, .testing, mx: ["mx1.\(domain)"]))
            case .none: entries.append(try policy(domain, .none, mx: ["mx1.\(domain)"]))
            case .failed: entries.append(try failure(domain))
            case .miss: break
            }
        }
        return entries
    }

    /// Writes `entries` into a new cache at `path` with `LMDBPolicyStore`.
    static func write(_ entries: [CacheEntry], to path: String) throws {
        let store = try LMDBPolicyStore(path: path, access: .readWrite)
        for entry in entries { try store.put(entry) }
    }
}
