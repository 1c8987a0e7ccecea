import Foundation
import MTASTSPolicy
import PolicyStore
import TestWorld

enum Run {
    /// Runs `executable` with `arguments` (no shell); stdin as given; output kept verbatim.
    static func process(_ executable: String, _ arguments: [String], stdin: String = "") throws -> RunResult {
        try ChildProcess(executable, executable == mtasts ? WriterArguments.allowingRoot(arguments) : arguments,
                         stdin: stdin).run()
    }

    static var helper: String { TestPaths.builtProduct("mtasts-lookup") }
    static var mtasts: String { TestPaths.builtProduct("mtasts") }
    static var module: String { TestPaths.builtProduct("libmtasts_exim.so") }

    /// The helper with `arguments`, environment without MTASTS_CONFIG.
    static func helper(_ arguments: [String]) throws -> RunResult {
        // A miss fetch runs `mtasts fetch --store`, which refuses root unless allowed (tests run as root).
        try ChildProcess(helper, arguments,
                         environment: .inherited(removing: ["MTASTS_CONFIG"], setting: ["MTASTS_ALLOW_ROOT": "1"])).run()
    }
}

/// Fixed moments for the decision table (Unix seconds).
enum Moment {
    static let now: Int64 = 1_800_000_000
    static let later: Int64 = now + 86_400
    static let earlier: Int64 = now - 86_400
}

/// Cache entries in every state the lookups distinguish.
enum Entries {
    static let domain = try! DomainName(validating: "example.com")

    static func policy(_ mode: PolicyMode, expire: Int64 = Moment.later,
                       mx: [String] = ["mx1.example.com", "*.backup.example.com"]) -> CachedPolicy {
        CachedPolicy(mode: mode, mx: mode == .none ? [] : mx, expire: expire, id: "v1")
    }

    static func entry(policy: CachedPolicy? = nil, check: CheckRecord.Outcome? = nil,
                      missedAt: Int64? = nil) -> CacheEntry {
        CacheEntry(domain: domain, policy: policy,
                   lastCheck: check.map { CheckRecord(checkedAt: Moment.earlier, outcome: $0) },
                   tracking: missedAt.map { DomainTracking(missedAt: $0) })
    }
}

/// A cache file in a temporary directory, written through the real LMDB store.
struct CacheFile {
    let directory: TemporaryDirectory
    var path: String { directory.path + "/cache.lmdb" }

    init(_ entries: [CacheEntry]) throws {
        directory = try TemporaryDirectory()
        let store = try LMDBPolicyStore(path: directory.path + "/cache.lmdb", access: .readWrite)
        for entry in entries { try store.put(entry) }
    }

    /// The entry as stored now, read through a fresh read-write handle (this process never
    /// opens the file read-only, so the registry's ordering rule cannot bite).
    func entry(_ domain: String) throws -> CacheEntry? {
        try LMDBPolicyStore(path: path, access: .readWrite).entry(for: DomainName(validating: domain))
    }
}
