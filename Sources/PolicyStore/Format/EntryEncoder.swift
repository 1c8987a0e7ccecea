import MTASTSPolicy

/// Turns a ``CacheEntry`` into the plain-text values of its keys, refusing anything the format
/// (and Exim's `lmdb` lookup, which reads raw bytes) cannot carry: NUL bytes, separators
/// inside list items, negative times, unparsable MX patterns.
enum EntryEncoder {
    /// The values to store; names absent from the result are deleted by `put`.
    static func values(of entry: CacheEntry, path: String) throws(StoreError) -> [CacheKeyName: String] {
        var encoder = Encoding(domain: entry.domain, path: path)
        if let policy = entry.policy { try encoder.add(policy) }
        if let reporting = entry.reporting { try encoder.add(reporting) }
        if let check = entry.lastCheck { try encoder.add(check) }
        if let tracking = entry.tracking { try encoder.add(tracking) }
        if let dane = entry.dane { try encoder.add(dane) }
        return encoder.values
    }

    private struct Encoding {
        let domain: DomainName
        let path: String
        var values: [CacheKeyName: String] = [:]

        mutating func add(_ policy: CachedPolicy) throws(StoreError) {
            var patterns: [String] = []
            for pattern in policy.mx {
                do { patterns.append(try MXPattern(parsing: pattern).description) } catch {
                    throw refuse(.mx, "MX pattern \(Printable.quoted(pattern)) is not valid (\(error))")
                }
            }
            if policy.mode != .none && policy.mx.isEmpty {
                throw refuse(.mx, "a policy in mode \(policy.mode.rawValue) needs at least one MX pattern (RFC 8461 §3.2)")
            }
            try set(.mode, policy.mode.rawValue)
            try set(.mx, patterns.joined(separator: ":"))  // canonical: lower case, no trailing dot
            try set(.expire, number: policy.expire)
            guard !policy.id.isEmpty else { throw refuse(.id, "the policy id is empty") }
            try set(.id, policy.id)
            if let text = policy.text { try set(.policy, text) }
            if let maxAge = policy.maxAge { try set(.maxAge, number: Int64(maxAge)) }
            if let fetchedAt = policy.fetchedAt { try set(.fetched, number: fetchedAt) }
        }

        mutating func add(_ reporting: CachedReporting) throws(StoreError) {
            for uri in reporting.rua where uri.isEmpty || uri.contains(",") {
                throw refuse(.rua, "rua URI \(Printable.quoted(uri)) is empty or holds an unencoded ',' (RFC 8460 §3)")
            }
            if !reporting.rua.isEmpty { try set(.rua, reporting.rua.joined(separator: ",")) }
            if let address = reporting.reportAddress {
                guard !address.isEmpty else { throw refuse(.report, "the report address is empty") }
                try set(.report, address)
            }
        }

        mutating func add(_ check: CheckRecord) throws(StoreError) {
            try set(.checked, number: check.checkedAt)
            try set(.status, check.outcome.rawValue)
            if let error = check.error { try set(.error, error) }
            if let errorType = check.errorType { try set(.errorType, errorType) }
            try set(.failures, number: Int64(check.consecutiveFailures))
            if let failedAt = check.failedAt { try set(.failedAt, number: failedAt) }
        }

        mutating func add(_ tracking: DomainTracking) throws(StoreError) {
            if let learnedAt = tracking.learnedAt { try set(.learned, number: learnedAt) }
            if let missedAt = tracking.missedAt { try set(.missed, number: missedAt) }
        }

        mutating func add(_ dane: DANEStatus) throws(StoreError) {
            try set(.dane, dane.hasValidatedTLSA ? "yes" : "no")
            try set(.daneChecked, number: dane.checkedAt)
        }

        private mutating func set(_ name: CacheKeyName, _ value: String) throws(StoreError) {
            guard !value.utf8.contains(0) else { throw refuse(name, "the value contains a NUL byte") }
            values[name] = value
        }

        private mutating func set(_ name: CacheKeyName, number: Int64) throws(StoreError) {
            guard number >= 0 else { throw refuse(name, "\(number) is negative") }
            values[name] = String(number)
        }

        private func refuse(_ name: CacheKeyName, _ reason: String) -> StoreError {
            StoreError(.invalidEntry, path: path,
                       "refusing to store \(CacheKey.make(domain, name)) in \(path): \(reason)")
        }
    }
}
