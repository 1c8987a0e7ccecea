import DNSClient
import MTASTSPolicy

/// What `_smtp._tls.<domain>` says about where reports go (RFC 8460 §3).
public enum ReportAddressLookup: Sendable, Equatable {
    /// Exactly one valid record: its mailto: and https: destinations.
    case destinations([ReportURI])
    /// No valid record (none, several, or invalid): the domain gets no report.
    case none(String)
    /// The lookup failed for now (SERVFAIL, timeout): try again on a later run.
    case temporaryFailure(String)
}

/// The DNS questions a report run asks: the TLSRPT record, and the addresses of HTTPS
/// report hosts (so libcurl connects only where our own resolver says).
public protocol ReportDNS: Sendable {
    func reportDestinations(for domain: DomainName) -> ReportAddressLookup
    func addresses(of host: String) -> [String]
}

/// ``ReportDNS`` through the project's DNS client.
public struct ResolverReportDNS: ReportDNS {
    public let resolver: Resolver

    public init(resolver: Resolver) { self.resolver = resolver }

    public func reportDestinations(for domain: DomainName) -> ReportAddressLookup {
        let name = domain.prefixed(with: "_smtp._tls")
        let answer: DNSAnswer<TXTRecord>
        do {
            answer = try resolver.txt(name)
        } catch {
            return error.isTemporary ? .temporaryFailure("\(error)") : .none("\(error)")
        }
        switch TLSRPTRecord.select(from: answer.records.map(\.text)) {
        case .record(let record):
            let destinations = record.reportURIs.compactMap(ReportURI.init)
            return destinations.isEmpty ? .none("\(name) lists no usable rua") : .destinations(destinations)
        case .noRecord: return .none("\(name) has no v=TLSRPTv1 record")
        case .multipleRecords(let count): return .none("\(name) has \(count) v=TLSRPTv1 records (RFC 8460 §3 wants one)")
        case .invalid(let reason): return .none("\(name): \(reason)")
        }
    }

    public func addresses(of host: String) -> [String] {
        let v4 = (try? resolver.a(host).records) ?? []
        let v6 = (try? resolver.aaaa(host).records) ?? []
        return v4 + v6
    }
}
