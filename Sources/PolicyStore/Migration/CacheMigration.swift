import MTASTSPolicy

/// Imports the cache the Perl original kept (`mtasts migrate --from PATH`).
///
/// The source is an LMDB DIRECTORY environment (`PATH/data.mdb`, as the Perl script used
/// `/var/spool/exim4/lmdb2`) or a single-file environment. It is opened read-only; its keys
/// are grouped by the domain before the LAST `:` and each domain is validated (domain name,
/// mode, expire digits, MX patterns) with the same decoder the cache reader uses. Valid
/// domains are copied, one write transaction each; everything else is skipped with a reason.
public struct CacheMigration {
    /// Migrates `source` into `target` (opened read-write). Every imported domain counts as
    /// learned at `now` (`D:learned`), so the prewarmer tracks and renews it. A policy that
    /// expired before `now` is not copied — it no longer applies (RFC 8461 §5.1) — but its
    /// domain is, so the prewarmer fetches a fresh policy. A domain the target already holds
    /// with a policy that is at least as new (`D:fetched`, else `D:expire`) is left alone.
    public static func migrate(from source: String, into target: LMDBPolicyStore, now: Int64) throws(StoreError) -> MigrationReport {
        let pairs = try readSource(source, target: target)
        var report = MigrationReport(sourceKeyCount: pairs.count)
        let groups = group(pairs, skipped: &report.skipped)
        for (domain, stored) in groups.sorted(by: { $0.key < $1.key }) {
            guard let candidate = candidate(domain, stored, now: now, skipped: &report.skipped) else { continue }
            var refusal: MigrationReport.Skipped?
            try target.update(domain) { existing in
                refusal = nil
                let (merged, reason) = merge(candidate, into: existing)
                refusal = reason
                return merged
            }
            if let refusal { report.skipped.append(refusal) } else { report.migrated.append(domain) }
        }
        return report
    }

    /// Every pair of the source, copied, after checking it is an LMDB environment other than
    /// the target.
    private static func readSource(_ source: String, target: LMDBPolicyStore) throws(StoreError) -> [LMDBPair] {
        let singleFile: Bool
        let dataFile: String
        switch FileProbe.kind(of: source) {
        case .directory:
            singleFile = false
            dataFile = source + "/data.mdb"
            guard FileProbe.kind(of: dataFile) == .regularFile else {
                throw invalid(source, "\(source) is a directory without data.mdb, so it is not an LMDB cache")
            }
        case .regularFile:
            singleFile = true
            dataFile = source
        case .missing:
            throw invalid(source, "no cache to migrate at \(source) (expected the Perl script's LMDB directory, such as /var/spool/exim4/lmdb2)")
        case .other, .unreadable:
            throw invalid(source, "\(source) is neither an LMDB directory nor an LMDB file")
        }
        if let a = FileProbe.identity(of: dataFile), let b = FileProbe.identity(of: target.path), a == b {
            throw invalid(source, "\(source) is the target cache itself; migrate from the old Perl cache")
        }
        do throws(StoreError) {
            let environment = try LMDBPolicyStore.open(path: source, singleFile: singleFile, readOnly: true, mapSize: nil)
            do throws(LMDBError) {
                return try environment.read { txn throws(LMDBError) in try txn.pairs() }
            } catch {
                throw StoreError(error, path: source, readOnly: true)
            }
        } catch where error.kind == .notACache {
            throw invalid(source, "\(source) is not an LMDB cache, so there is nothing to migrate (\(error.description))")
        } catch {
            throw error
        }
    }

    /// Groups pairs by the canonical domain before the LAST `:`, skipping keys that do not
    /// name a domain and a known value.
    private static func group(_ pairs: [LMDBPair], skipped: inout [MigrationReport.Skipped]) -> [DomainName: [CacheKeyName: [UInt8]]] {
        var groups: [DomainName: [CacheKeyName: [UInt8]]] = [:]
        for pair in pairs {
            let shownKey = String(decoding: pair.key, as: UTF8.self)
            guard let key = String(validating: pair.key, as: UTF8.self), !pair.key.contains(0) else {
                skipped.append(.init(key: shownKey, reason: "the key is not plain UTF-8 text"))
                continue
            }
            guard let (domainText, nameText) = CacheKey.split(key) else {
                skipped.append(.init(key: key, reason: "the key has no ':' between a domain and a name"))
                continue
            }
            let domain: DomainName
            do { domain = try DomainName(validating: domainText) } catch {
                skipped.append(.init(key: key, reason: error.description))
                continue
            }
            guard let name = CacheKeyName(rawValue: String(nameText)) else {
                skipped.append(.init(key: key, reason: "\(Printable.quoted(nameText)) is not a cache value name"))
                continue
            }
            guard groups[domain, default: [:]][name] == nil else {
                skipped.append(.init(key: key, reason: "another key names the same domain and value (domain names ignore case)"))
                continue
            }
            groups[domain, default: [:]][name] = pair.value
        }
        return groups
    }

    /// The entry to import for one domain (without an expired policy), or nil (with reasons)
    /// when it is invalid.
    private static func candidate(_ domain: DomainName, _ stored: [CacheKeyName: [UInt8]], now: Int64,
                                  skipped: inout [MigrationReport.Skipped]) -> CacheEntry? {
        guard let (entry, problems) = EntryDecoder.entry(for: domain, stored: stored) else { return nil }
        guard problems.isEmpty else {
            for problem in problems {
                skipped.append(.init(key: problem.key, reason: problem.message + "; \(domain) was not migrated"))
            }
            return nil
        }
        var imported = entry
        if let policy = entry.policy, !policy.isValid(at: now) {
            skipped.append(.init(key: CacheKey.make(domain, .expire),
                                 reason: "the policy of \(domain) expired at \(policy.expire) (now \(now)); it no longer applies and was not migrated, but the domain is tracked so the prewarmer fetches a fresh one"))
            imported.policy = nil
        }
        imported.tracking = DomainTracking(learnedAt: now, missedAt: entry.tracking?.missedAt)
        return imported
    }

    /// The entry to store, or nil with the reason the target's entry wins.
    private static func merge(_ candidate: CacheEntry, into existing: CacheEntry?) -> (CacheEntry?, MigrationReport.Skipped?) {
        guard var merged = existing else { return (candidate, nil) }
        let domain = candidate.domain
        if let mine = candidate.policy {
            if let theirs = existing?.policy, isAtLeastAsNew(theirs, as: mine) {
                return (nil, .init(key: CacheKey.make(domain, .expire),
                                   reason: "the target already holds a policy for \(domain) at least as new (expires \(theirs.expire)); kept it"))
            }
            merged.policy = mine
        } else if candidate.reporting == nil || existing?.reporting != nil {
            return (nil, .init(key: CacheKey.make(domain, .report),
                               reason: "the target already holds \(domain) and the source has no policy for it; kept the target's"))
        }
        merged.reporting = candidate.reporting ?? merged.reporting
        merged.lastCheck = merged.lastCheck ?? candidate.lastCheck
        merged.tracking = merged.tracking ?? candidate.tracking
        merged.problems = []
        return (merged, nil)
    }

    private static func isAtLeastAsNew(_ theirs: CachedPolicy, as mine: CachedPolicy) -> Bool {
        if let theirFetch = theirs.fetchedAt, let myFetch = mine.fetchedAt { return theirFetch >= myFetch }
        return theirs.expire >= mine.expire
    }

    private static func invalid(_ source: String, _ sentence: String) -> StoreError {
        StoreError(.invalidMigrationSource, path: source, sentence)
    }
}
