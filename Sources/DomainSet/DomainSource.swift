/// Why a domain is in the domain set.
public enum DomainSource: String, Sendable, CaseIterable, Comparable {
    /// Listed in the configuration's `domains`.
    case config
    /// Listed in a file matched by `domain_files`.
    case file
    /// Learned from Exim's main logs (`D:learned` in the cache), seen within `learn.forget_after`.
    case learned
    /// A cache-only lookup found no usable policy (`D:missed` in the cache).
    case miss

    public static func < (lhs: DomainSource, rhs: DomainSource) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
