/// The outcome of a successful lookup. An empty `records` list is a definite "no record":
/// NXDOMAIN (`nameDoesNotExist`) or NODATA (the name exists without records of the type);
/// neither is an error (RFC 2308 §2).
public struct DNSAnswer<Record: Sendable>: Sendable {
    /// The records of the asked type owned by the queried name, or by the end of its CNAME chain.
    public var records: [Record]
    /// The AD bit of the response that gave the answer (RFC 4035 §3.2.3): `true` only when a
    /// validating resolver vouches for it. Meaningful only if the path to that resolver is trusted.
    public var authenticated: Bool
    /// `true` for NXDOMAIN (RCODE 3).
    public var nameDoesNotExist: Bool
    /// The owner name of `records`: the queried name, or the final target of its CNAME chain.
    public var canonicalName: String

    public init(records: [Record], authenticated: Bool, nameDoesNotExist: Bool, canonicalName: String) {
        self.records = records
        self.authenticated = authenticated
        self.nameDoesNotExist = nameDoesNotExist
        self.canonicalName = canonicalName
    }

    /// The same answer with each record transformed.
    func map<Other: Sendable>(_ transform: (Record) -> Other) -> DNSAnswer<Other> {
        DNSAnswer<Other>(records: records.map(transform), authenticated: authenticated,
                         nameDoesNotExist: nameDoesNotExist, canonicalName: canonicalName)
    }
}

extension DNSAnswer: Equatable where Record: Equatable {}
