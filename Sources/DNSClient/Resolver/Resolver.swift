/// A careful DNS stub resolver (RFC 1035, RFC 1123 §6.1.3): it sends recursive queries to the
/// configured servers and validates what comes back. Synchronous and blocking; a value with no
/// shared mutable state, so any number of threads may use one concurrently.
public struct Resolver: Sendable {
    public let configuration: ResolverConfiguration

    /// The longest CNAME chain followed, counted over the answer and any re-queries.
    public static let maximumCNAMEHops = 8

    public init(configuration: ResolverConfiguration) {
        self.configuration = configuration
    }

    public func txt(_ name: String) throws(DNSError) -> DNSAnswer<TXTRecord> {
        try lookup(name, .txt) { if case .txt(let record) = $0 { record } else { nil } }
    }

    public func mx(_ name: String) throws(DNSError) -> DNSAnswer<MXRecord> {
        try lookup(name, .mx) {
            if case .mx(let preference, let exchange) = $0 {
                MXRecord(preference: preference, exchange: exchange.hostText)
            } else { nil }
        }
    }

    /// IPv4 addresses as dotted-quad text.
    public func a(_ name: String) throws(DNSError) -> DNSAnswer<String> {
        try lookup(name, .a) { if case .a(let bytes) = $0 { IPAddressText.ipv4(bytes) } else { nil } }
    }

    /// IPv6 addresses as RFC 5952 text.
    public func aaaa(_ name: String) throws(DNSError) -> DNSAnswer<String> {
        try lookup(name, .aaaa) { if case .aaaa(let bytes) = $0 { IPAddressText.ipv6(bytes) } else { nil } }
    }

    /// TLSA records, e.g. for "_25._tcp.mx.example.com" (RFC 7672 §2.2).
    public func tlsa(_ name: String) throws(DNSError) -> DNSAnswer<TLSARecord> {
        try lookup(name, .tlsa) { if case .tlsa(let record) = $0 { record } else { nil } }
    }

    /// One query without CNAME following: the raw NOERROR or NXDOMAIN response. Other RCODEs,
    /// timeouts and bad answers throw, as for the typed lookups.
    public func query(_ name: String, type: RecordType) throws(DNSError) -> DNSMessage {
        try ask(try validated(name, type), type: type)
    }

    /// Looks `name` up and keeps the records of `type` owned by it or, through CNAMEs, by the
    /// end of its chain (RFC 1034 §3.6.2). A chain that ends inside an answer without records
    /// of the type is continued by a new query for its last target.
    func lookup<Record: Sendable>(_ name: String, _ type: RecordType,
                                  _ extract: (RecordData) -> Record?) throws(DNSError) -> DNSAnswer<Record> {
        var current = try validated(name, type)
        var chain = CNAMEChain(start: current)
        while true {
            let response = try ask(current, type: type)
            let outcome: CNAMEChain.Outcome
            do {
                outcome = try chain.select(type, for: current, in: response)
            } catch {
                throw error.attributed(name: current.description, type: type, server: nil)
            }
            switch outcome {
            case .records(let records, let owner):
                return DNSAnswer(records: records.compactMap { extract($0.data) },
                                 authenticated: response.header.authenticData,
                                 nameDoesNotExist: response.responseCode == .nameError,
                                 canonicalName: owner.description)
            case .continueWith(let target):
                current = target
            }
        }
    }

    func validated(_ name: String, _ type: RecordType) throws(DNSError) -> DNSName {
        do {
            return try DNSName(validating: name)
        } catch {
            throw error.attributed(name: name, type: type, server: nil)
        }
    }

    /// Sends the query to each server in order, `attempts` rounds (RFC 1035 §7.2), until one
    /// gives NOERROR or NXDOMAIN. SERVFAIL, REFUSED, other RCODEs, timeouts, network errors
    /// and malformed answers move on to the next server; the last error is reported.
    func ask(_ name: DNSName, type: RecordType) throws(DNSError) -> DNSMessage {
        let servers = configuration.nameservers
        guard !servers.isEmpty else {
            throw DNSError(.invalidConfiguration("no nameservers are configured"), queryName: name.description, queryType: type)
        }
        guard configuration.timeout > .zero else {
            throw DNSError(.invalidConfiguration("the timeout is not positive"), queryName: name.description, queryType: type)
        }
        var lastError: DNSError?
        for _ in 0..<max(1, configuration.attempts) {
            for server in servers {
                do {
                    return try ask(name, type: type, server: server)
                } catch {
                    lastError = error
                }
            }
        }
        throw lastError!.attributed(name: name.description, type: type, server: nil)
    }

    private func ask(_ name: DNSName, type: RecordType, server: Nameserver) throws(DNSError) -> DNSMessage {
        var random = SystemRandomNumberGenerator()
        var query = QueryBuilder(id: random.next(), name: name, type: type)
        var response = try MessageExchange.run(query, server: server, timeout: configuration.timeout)
        // RFC 6891 §7: a server that answers FORMERR without an OPT record may not know EDNS0.
        if response.responseCode == .formatError && response.edns == nil {
            query.edns = false
            query.id = random.next()
            response = try MessageExchange.run(query, server: server, timeout: configuration.timeout)
        }
        switch response.responseCode {
        case .noError, .nameError: return response
        case .serverFailure: throw DNSError(.serverFailure, server: server)
        case .refused: throw DNSError(.refused, server: server)
        default: throw DNSError(.responseCode(response.responseCode.rawValue), server: server)
        }
    }
}
