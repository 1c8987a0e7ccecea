/// One `mx` entry of an MTA-STS policy: a host name, or `*.` followed by a host name.
///
/// Matching follows RFC 8461 §4.1: a pattern matches a host name exactly, or, with a leading
/// `*.`, matches exactly one extra left-most label (the RFC 6125 §6.4.3 one-label wildcard).
/// Comparison is case-insensitive and ignores a trailing dot. There is no substring or
/// regular-expression matching: `mx.example.com` never matches `evilmx.example.com.attacker.net`.
public struct MXPattern: Hashable, Sendable, CustomStringConvertible {
    /// The host part, canonical (lower case, no trailing dot), without the `*.` prefix.
    public let host: DomainName
    /// Whether the pattern starts with `*.`.
    public let isWildcard: Bool

    /// Parses a pattern as it appears in a policy's `mx:` line (RFC 8461 §3.2 `sts-policy-mx-value`).
    public init(parsing text: some StringProtocol) throws(DomainNameError) {
        if text.hasPrefix("*.") {
            self.host = try DomainName(validating: text.dropFirst(2))
            self.isWildcard = true
        } else {
            self.host = try DomainName(validating: text)
            self.isWildcard = false
        }
    }

    /// The pattern as written in a policy, canonicalised.
    public var description: String { isWildcard ? "*." + host.value : host.value }

    /// Whether `candidate` (an MX host name) is allowed by this pattern (RFC 8461 §4.1).
    public func matches(_ candidate: DomainName) -> Bool {
        guard isWildcard else { return candidate == host }
        // Exactly one extra left-most label: what follows the first dot is the pattern's host.
        let name = candidate.value.utf8
        guard let firstDot = name.firstIndex(of: UInt8(ascii: ".")) else { return false }
        return name[name.index(after: firstDot)...].elementsEqual(host.value.utf8)
    }

    /// Matches a host name given as text; text that is not a valid host name matches nothing.
    public func matches(_ candidate: some StringProtocol) -> Bool {
        guard let name = try? DomainName(validating: candidate) else { return false }
        return matches(name)
    }
}

extension Sequence where Element == MXPattern {
    /// Whether any pattern allows `host` (RFC 8461 §4.1).
    public func allow(_ host: DomainName) -> Bool { contains { $0.matches(host) } }
}
