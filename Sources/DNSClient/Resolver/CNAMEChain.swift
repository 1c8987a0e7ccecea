/// Follows CNAME records across one lookup, which may span several responses.
///
/// RFC 2181 §10.1: a name has at most one CNAME, so several for one owner are malformed.
/// A name seen twice is a loop; more than `Resolver.maximumCNAMEHops` links is refused too.
struct CNAMEChain {
    private var seen: Set<DNSName>

    init(start: DNSName) { seen = [start] }

    var hops: Int { seen.count - 1 }

    /// What a response means for a lookup.
    enum Outcome: Equatable {
        /// The final answer: the records of the asked type owned by `owner` (empty for
        /// NXDOMAIN or NODATA).
        case records([ResourceRecord], owner: DNSName)
        /// The chain ended on `target` without records of the asked type: ask for it.
        case continueWith(DNSName)
    }

    /// Picks the records of `type` for `name` out of a NOERROR or NXDOMAIN response:
    /// only records whose owner is the end of the CNAME chain count (RFC 1034 §3.6.2,
    /// RFC 2181 §5.4.1 for not trusting the rest). For NXDOMAIN the RCODE speaks for the
    /// last name of the chain (RFC 6604 §3), so there are no records and no re-query.
    mutating func select(_ type: RecordType, for name: DNSName, in response: DNSMessage) throws(DNSError) -> Outcome {
        let owner = try follow(from: name, in: response.answers)
        if response.responseCode == .nameError { return .records([], owner: owner) }
        let records = response.answers.filter {
            $0.name == owner && $0.type == type && $0.recordClass == ResourceRecord.classIN
        }
        // Records found, or NODATA for a name that is not an alias here.
        if !records.isEmpty || owner == name { return .records(records, owner: owner) }
        return .continueWith(owner)
    }

    /// Follows the chain from `name` through `answers` and returns its last owner name.
    mutating func follow(from name: DNSName, in answers: [ResourceRecord]) throws(DNSError) -> DNSName {
        var owner = name
        while true {
            // Identical duplicates count once (RFC 2181 §5: an RRset has no duplicates).
            var targets: [DNSName] = []
            for record in answers where record.name == owner {
                if case .cname(let target) = record.data, !targets.contains(target) { targets.append(target) }
            }
            guard let target = targets.first else { return owner }
            guard targets.count == 1 else {
                throw .malformed("\(owner) has \(targets.count) different CNAME records; RFC 2181 §10.1 allows one")
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
