import MTASTSPolicy

/// The value names after `D:` in a cache key. Keys are only ever built from a canonical
/// ``DomainName`` and one of these names, so nothing else can become a key.
enum CacheKeyName: String, CaseIterable, Sendable, Comparable {
    // Policy: the first four (and `report`) are the Perl original's keys, read by Exim configurations.
    case mode, mx, expire, id, policy, maxAge = "max_age", fetched
    // Reporting.
    case rua, report
    // Last discovery attempt.
    case checked, status, error, errorType = "error_type", failures, failedAt = "failed_at"
    // Tracking: why a domain outside the configuration is prewarmed.
    case learned, missed
    // DANE (RFC 8461 §2): whether the MX hosts have DNSSEC-validated TLSA records.
    case dane, daneChecked = "dane_checked"

    static let policyNames: [CacheKeyName] = [.mode, .mx, .expire, .id, .policy, .maxAge, .fetched]
    static let reportingNames: [CacheKeyName] = [.rua, .report]
    static let checkNames: [CacheKeyName] = [.checked, .status, .error, .errorType, .failures, .failedAt]
    static let trackingNames: [CacheKeyName] = [.learned, .missed]
    static let daneNames: [CacheKeyName] = [.dane, .daneChecked]

    static func < (lhs: CacheKeyName, rhs: CacheKeyName) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Hashes the case, not its raw string (the default for raw-value enums, which made every
    /// table lookup of an entry decode hash a string): length and first letter tell the names apart.
    func hash(into hasher: inout Hasher) {
        let utf8 = rawValue.utf8
        hasher.combine(utf8.count &<< 8 | Int(utf8.first ?? 0))
    }
}

/// Building and splitting `D:name` keys.
enum CacheKey {
    /// The separator between domain and name; a domain name never contains it.
    static let separator: Character = ":"

    static func make(_ domain: DomainName, _ name: CacheKeyName) -> String {
        domain.value + String(separator) + name.rawValue
    }

    /// `D:`, the bytes every key of the domain starts with.
    static func prefix(_ domain: DomainName) -> [UInt8] {
        var bytes = Array(domain.value.utf8)
        bytes.append(UInt8(ascii: ":"))
        return bytes
    }

    /// Every ``CacheKeyName`` (`allCases` builds a new array on each use) and its bytes.
    static let names: [CacheKeyName] = CacheKeyName.allCases
    static let nameBytes: [[UInt8]] = names.map { Array($0.rawValue.utf8) }

    /// Splits at the LAST `:` into the domain text and the name; nil without a `:`.
    static func split(_ key: String) -> (domain: Substring, name: Substring)? {
        guard let index = key.lastIndex(of: separator) else { return nil }
        return (key[..<index], key[key.index(after: index)...])
    }

    /// The canonical domain a stored key belongs to, or nil when the part before the last `:`
    /// is not a canonical domain name (keys written by other software).
    static func domain(of key: [UInt8]) -> DomainName? {
        guard let text = String(validating: key, as: UTF8.self), let (domainText, name) = split(text),
              !name.isEmpty, let domain = try? DomainName(validating: domainText),
              domain.value == domainText else { return nil }
        return domain
    }
}

/// Renders a stored value for an error message: quoted, control characters escaped, shortened.
enum Printable {
    static func quoted(_ text: some StringProtocol, limit: Int = 80) -> String {
        var out = "\""
        for scalar in text.unicodeScalars.prefix(limit) {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0..<0x20, 0x7F: out += "\\x" + hex(UInt8(scalar.value))
            default: out.unicodeScalars.append(scalar)
            }
        }
        if text.unicodeScalars.count > limit { out += "…" }
        return out + "\""
    }

    /// Bytes that may not be UTF-8, shown as text with invalid sequences replaced.
    static func quoted(bytes: [UInt8], limit: Int = 80) -> String {
        quoted(String(decoding: bytes, as: UTF8.self), limit: limit)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
