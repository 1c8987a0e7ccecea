import MTASTSPolicy

/// An entry of `ignore_domains`: one exact domain name, or `*.suffix` for every name below the
/// suffix (at any depth: `*.example.com` covers `a.example.com` and `a.b.example.com`, not
/// `example.com` itself; list both to ignore both).
public enum DomainPattern: Sendable, Hashable, CustomStringConvertible {
    /// Exactly this name.
    case exact(DomainName)
    /// Every name that ends in `.` + this name.
    case subdomains(of: DomainName)

    /// Parses `example.com` or `*.example.com`; the name part must be a valid domain name.
    public init(parsing text: String) throws(DomainNameError) {
        if text.hasPrefix("*.") {
            self = .subdomains(of: try DomainName(validating: text.dropFirst(2)))
        } else {
            self = .exact(try DomainName(validating: text))
        }
    }

    /// Whether `domain` is covered by this pattern.
    public func matches(_ domain: DomainName) -> Bool {
        switch self {
        case .exact(let name):
            return domain == name
        case .subdomains(let suffix):
            return domain.value.hasSuffix("." + suffix.value)
        }
    }

    public var description: String {
        switch self {
        case .exact(let name): return name.value
        case .subdomains(let suffix): return "*." + suffix.value
        }
    }
}

extension Array where Element == DomainPattern {
    /// Whether any pattern covers `domain`.
    public func matches(_ domain: DomainName) -> Bool {
        contains { $0.matches(domain) }
    }
}
