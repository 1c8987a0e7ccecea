import MTASTSPolicy

/// A policy as the cache holds it: keys `D:mode`, `D:mx`, `D:expire`, `D:id` (the ones the Perl
/// original wrote and Exim configurations read) and `D:policy`, `D:max_age`, `D:fetched`.
public struct CachedPolicy: Sendable, Equatable {
    public var mode: PolicyMode
    /// The policy's `mx` patterns as text, in document order (`D:mx`, joined with `:`). The
    /// store writes and reads them canonical (lower case, no trailing dot).
    public var mx: [String]
    /// Unix seconds after which the policy is no longer valid: fetch time + `max_age` (`D:expire`).
    public var expire: Int64
    /// The `id` of the `_mta-sts` TXT record the policy was fetched for, an opaque string (`D:id`).
    public var id: String
    /// The policy document as served (`D:policy`); absent in caches migrated from the Perl script.
    public var text: String?
    /// The policy's `max_age` (`D:max_age`); absent in migrated caches.
    public var maxAge: Int?
    /// Unix seconds of the HTTPS fetch (`D:fetched`); absent in migrated caches.
    public var fetchedAt: Int64?

    public init(mode: PolicyMode, mx: [String], expire: Int64, id: String,
                text: String? = nil, maxAge: Int? = nil, fetchedAt: Int64? = nil) {
        self.mode = mode
        self.mx = mx
        self.expire = expire
        self.id = id
        self.text = text
        self.maxAge = maxAge
        self.fetchedAt = fetchedAt
    }

    /// Builds the cache form of a freshly fetched policy: it expires `max_age` seconds after
    /// the fetch (RFC 8461 §3.2, §5.1).
    public init(policy: Policy, id: String, fetchedAt: Int64) {
        self.init(mode: policy.mode, mx: policy.mx.map(\.description),
                  expire: fetchedAt + Int64(policy.maxAge), id: id,
                  text: policy.text, maxAge: policy.maxAge, fetchedAt: fetchedAt)
    }

    /// Whether the policy may still be applied at `now`: a cached policy stays valid until its
    /// `max_age` has run out (RFC 8461 §5.1), i.e. while `expire > now`.
    public func isValid(at now: Int64) -> Bool { expire > now }

    /// The `mx` patterns parsed; patterns that do not parse are left out.
    public var patterns: [MXPattern] { mx.compactMap { try? MXPattern(parsing: $0) } }
}
