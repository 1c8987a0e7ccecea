/// Follows CNAME records across one lookup, which may span several responses.
///
/// RFC 2181 §10.1: a name has at most one CNAME, so several for one owner are malformed.
/// A name seen twice is a loop; more than `Resolver.maximumCNAMEHops` links is refused too.
struct CNAMEChain {
    private var seen: Set<DNSName>

    init(start: DNSName) { seen = [start] }

    var hops: Int { seen.count - 1 }

    /// Follows the chain from `name` through `answers` and returns its last owner name.
    mutating func follow(from name: DNSName, in answers: [ResourceRecord]) throws(DNSError) -> DNSName {
        var owner = name
        while true {
            let aliases = answers.filter { $0.name == owner && $0.type == .cname }
            guard let alias = aliases.first, case .cname(let target) = alias.data else { return owner }
            guard aliases.count == 1 else {
                throw .malformed("\(owner) has \(aliases.count) CNAME records; RFC 2181 §10.1 allows one")
            }
            guard seen.insert(target).inserted else {
                throw .malformed("the CNAME chain loops back to \(target)")
            }
            guard hops <= Resolver.maximumCNAMEHops else {
                throw .malformed("the CNAME chain is longer than \(Resolver.maximumCNAMEHops) links")
            }
            owner = target
        }
    }
}
