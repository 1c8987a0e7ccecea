import MTASTSPolicy

/// A malformed or missing value found while reading, with the key it concerns.
struct EntryProblem: Sendable, Equatable {
    var key: String
    var message: String
}

/// Reads a domain's stored values back into a ``CacheEntry``. Nothing here trusts the bytes:
/// a value that is malformed is reported as a problem and its part of the entry left absent.
enum EntryDecoder {
    /// Decodes `stored` (raw values by name); nil when none of the names is present.
    static func entry(for domain: DomainName, stored: [CacheKeyName: [UInt8]]) -> (CacheEntry, [EntryProblem])? {
        guard !stored.isEmpty else { return nil }
        var decoding = Decoding(domain: domain)
        var texts: [CacheKeyName: String] = [:]
        for (name, bytes) in stored {
            if let text = decoding.text(name, bytes) { texts[name] = text }
        }
        decoding.texts = texts
        var entry = CacheEntry(domain: domain)
        entry.policy = decoding.policy()
        entry.reporting = decoding.reporting()
        entry.lastCheck = decoding.check()
        entry.tracking = decoding.tracking()
        entry.dane = decoding.dane()
        let problems = decoding.problems.sorted { $0.key < $1.key }
        entry.problems = problems.map(\.message)
        return (entry, problems)
    }

    private struct Decoding {
        let domain: DomainName
        var texts: [CacheKeyName: String] = [:]
        var problems: [EntryProblem] = []

        init(domain: DomainName) { self.domain = domain }

        /// Plain text without NUL, as the format requires.
        mutating func text(_ name: CacheKeyName, _ bytes: [UInt8]) -> String? {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                report(name, "is \(Printable.quoted(bytes: bytes)), not UTF-8 text")
                return nil
            }
            guard !bytes.contains(0) else {
                report(name, "is \(Printable.quoted(text)), which contains a NUL byte")
                return nil
            }
            return text
        }

        mutating func policy() -> CachedPolicy? {
            guard CacheKeyName.policyNames.contains(where: { texts[$0] != nil }) else { return nil }
            let mode = required(.mode).flatMap { value -> PolicyMode? in
                if let mode = PolicyMode(rawValue: value) { return mode }
                report(.mode, "is \(Printable.quoted(value)), not enforce, testing or none")
                return nil
            }
            let expire = required(.expire).flatMap { number(.expire, $0) }
            let id = required(.id)
            let mx = mxPatterns(mode: mode)
            // Optional parts: a malformed one is dropped, the policy kept.
            let text = texts[.policy]
            let maxAge = texts[.maxAge].flatMap { number(.maxAge, $0) }.flatMap { Int(exactly: $0) }
            let fetchedAt = texts[.fetched].flatMap { number(.fetched, $0) }
            guard let mode, let expire, let id, let mx else { return nil }
            return CachedPolicy(mode: mode, mx: mx, expire: expire, id: id,
                                text: text, maxAge: maxAge, fetchedAt: fetchedAt)
        }

        mutating func reporting() -> CachedReporting? {
            let rua = texts[.rua].map { $0.split(separator: ",").map(String.init) }
            var address = texts[.report]
            if address?.isEmpty == true {
                report(.report, "is empty")
                address = nil
            }
            guard rua != nil || address != nil else { return nil }
            return CachedReporting(rua: rua ?? [], reportAddress: address)
        }

        mutating func check() -> CheckRecord? {
            guard CacheKeyName.checkNames.contains(where: { texts[$0] != nil }) else { return nil }
            let checkedAt = required(.checked).flatMap { number(.checked, $0) }
            let outcome = required(.status).flatMap { value -> CheckRecord.Outcome? in
                if let outcome = CheckRecord.Outcome(rawValue: value) { return outcome }
                report(.status, "is \(Printable.quoted(value)), not policy, no-policy or failure")
                return nil
            }
            let failures = texts[.failures].flatMap { number(.failures, $0) }.flatMap { Int(exactly: $0) } ?? 0
            let failedAt = texts[.failedAt].flatMap { number(.failedAt, $0) }
            guard let checkedAt, let outcome else { return nil }
            return CheckRecord(checkedAt: checkedAt, outcome: outcome, error: texts[.error],
                               errorType: texts[.errorType], consecutiveFailures: failures, failedAt: failedAt)
        }

        mutating func tracking() -> DomainTracking? {
            let tracking = DomainTracking(learnedAt: texts[.learned].flatMap { number(.learned, $0) },
                                          missedAt: texts[.missed].flatMap { number(.missed, $0) })
            return tracking.isEmpty ? nil : tracking
        }

        /// `D:dane` (`yes`/`no`) and `D:dane_checked`; both or neither.
        mutating func dane() -> DANEStatus? {
            guard CacheKeyName.daneNames.contains(where: { texts[$0] != nil }) else { return nil }
            let validated = required(.dane).flatMap { value -> Bool? in
                switch value {
                case "yes": return true
                case "no": return false
                default:
                    report(.dane, "is \(Printable.quoted(value)), not yes or no")
                    return nil
                }
            }
            let checkedAt = required(.daneChecked).flatMap { number(.daneChecked, $0) }
            guard let validated, let checkedAt else { return nil }
            return DANEStatus(hasValidatedTLSA: validated, checkedAt: checkedAt)
        }

        /// `D:mx`: patterns joined with `:`, each a valid MX pattern (RFC 8461 §3.2), returned
        /// canonical (lower case, no trailing dot); may be empty or absent only in mode `none`.
        private mutating func mxPatterns(mode: PolicyMode?) -> [String]? {
            guard let value = texts[.mx] else {
                if mode == PolicyMode.none { return [] }
                report(.mx, "is missing although other policy keys are present")
                return nil
            }
            var patterns: [String] = []
            for pattern in value.split(separator: ":") {
                do { patterns.append(try MXPattern(parsing: pattern).description) } catch {
                    report(.mx, "holds \(Printable.quoted(pattern)), not a valid MX pattern")
                    return nil
                }
            }
            if patterns.isEmpty, let mode, mode != .none {
                report(.mx, "is empty although the mode is \(mode.rawValue)")
                return nil
            }
            return patterns
        }

        private mutating func required(_ name: CacheKeyName) -> String? {
            if let value = texts[name] { return value }
            if !problems.contains(where: { $0.key == key(name) }) {
                report(name, "is missing although other keys of its group are present")
            }
            return nil
        }

        /// Unix seconds and counts: decimal digits only, fitting in 64 bits.
        private mutating func number(_ name: CacheKeyName, _ value: String) -> Int64? {
            if !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int64(value) {
                return number
            }
            report(name, "is \(Printable.quoted(value)), not a number")
            return nil
        }

        private func key(_ name: CacheKeyName) -> String { CacheKey.make(domain, name) }

        private mutating func report(_ name: CacheKeyName, _ detail: String) {
            problems.append(EntryProblem(key: key(name), message: key(name) + " " + detail))
        }
    }
}
