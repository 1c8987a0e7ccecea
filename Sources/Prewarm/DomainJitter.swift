import MTASTSPolicy

/// A deterministic per-domain offset, so that renewals of policies fetched together spread out
/// and tests stay reproducible: FNV-1a of the domain's canonical name.
public enum DomainJitter {
    /// A value in `0...limit` (0 when `limit` ≤ 0).
    public static func offset(for domain: DomainName, upTo limit: Int64) -> Int64 {
        guard limit > 0 else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in domain.description.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int64(hash % UInt64(limit + 1))
    }
}
