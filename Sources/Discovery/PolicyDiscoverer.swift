import DNSClient
import HTTPSFetch
import MTASTSPolicy
import PolicyStore

/// Discovers a domain's MTA-STS policy as RFC 8461 §3 describes: the `_mta-sts` TXT record,
/// then the policy document over HTTPS from `mta-sts.<domain>`, resolved through the same
/// DNS client and pinned into the HTTPS request so a configured nameserver is honoured.
///
/// Synchronous and thread-safe: callers run many discoveries on their own threads.
public struct PolicyDiscoverer: Sendable {
    public let resolver: Resolver
    public let fetcher: PolicyFetcher

    public init(resolver: Resolver, fetcher: PolicyFetcher) {
        self.resolver = resolver
        self.fetcher = fetcher
    }

    /// Runs discovery. With `cachedPolicy` valid at `now` and the TXT id unchanged, no HTTPS
    /// fetch is made (RFC 8461 §5.1); pass `nil` to always fetch.
    public func discover(_ domain: DomainName, cachedPolicy: CachedPolicy?, now: Int64) -> DiscoveryResult {
        let policyHost = domain.prefixed(with: "mta-sts")
        let url = "https://\(policyHost)/.well-known/mta-sts.txt"
        func result(_ outcome: DiscoveryResult.Outcome, id: String? = nil) -> DiscoveryResult {
            DiscoveryResult(domain: domain, outcome: outcome, txtID: id, policyURL: url)
        }

        // RFC 8461 §3.1: the TXT record says whether there is a policy and which version (id).
        let record: STSRecord
        switch lookUpSTSRecord(domain) {
        case .failure(let failure): return result(.failure(failure))
        case .success(.record(let found)): record = found
        case .success(.noRecord): return result(.noPolicy(reason: "no v=STSv1 TXT record at \(domain.prefixed(with: "_mta-sts"))"))
        case .success(.multipleRecords(let count)):
            return result(.noPolicy(reason: "\(count) v=STSv1 TXT records at \(domain.prefixed(with: "_mta-sts")); exactly one is required (RFC 8461 §3.1)"))
        case .success(.invalid(let reason)): return result(.noPolicy(reason: reason))
        }

        // RFC 8461 §5.1: an unexpired cached policy with the same id needs no fetch.
        if let cachedPolicy, cachedPolicy.isValid(at: now), cachedPolicy.id == record.id {
            return result(.unchanged(cachedPolicy), id: record.id)
        }

        // RFC 8461 §3.3: fetch the policy from the policy host.
        let addresses: [String]
        switch resolveAddresses(of: policyHost) {
        case .failure(let failure): return result(.failure(failure), id: record.id)
        case .success(let found): addresses = found
        }
        let document: PolicyDocument
        do throws(PolicyFetchError) {
            document = try fetcher.fetch(policyHost: policyHost, addresses: addresses)
        } catch {
            return result(.failure(DiscoveryFailure(Self.resultType(of: error.category), error.description)), id: record.id)
        }

        // RFC 8461 §3.2: the document must parse.
        do throws(PolicyParseError) {
            let parsed = try PolicyParser.parse(bytes: document.body)
            return result(.fetched(parsed.policy, id: record.id, warnings: parsed.warnings), id: record.id)
        } catch {
            return result(.failure(DiscoveryFailure(.invalid, "the policy at \(url) is invalid: \(error)")), id: record.id)
        }
    }

    /// Looks up `_smtp._tls.<domain>` (RFC 8460 §3).
    public func lookUpReporting(_ domain: DomainName) -> ReportingLookup {
        let name = domain.prefixed(with: "_smtp._tls")
        do throws(DNSError) {
            let answer = try resolver.txt(name)
            switch TLSRPTRecord.select(from: answer.records.map(\.text)) {
            case .record(let record): return .found(record)
            case .noRecord: return .none(reason: "no v=TLSRPTv1 TXT record at \(name)")
            case .multipleRecords(let count): return .none(reason: "\(count) v=TLSRPTv1 TXT records at \(name); exactly one is required (RFC 8460 §3)")
            case .invalid(let reason): return .none(reason: reason)
            }
        } catch {
            return .failed(error.description)
        }
    }

    private func lookUpSTSRecord(_ domain: DomainName) -> Result<STSRecord.Selection, DiscoveryFailure> {
        do throws(DNSError) {
            let answer = try resolver.txt(domain.prefixed(with: "_mta-sts"))
            return .success(STSRecord.select(from: answer.records.map(\.text)))
        } catch {
            // A temporary DNS failure is not "no policy" (reference: postfix-mta-sts-resolver #60).
            return .failure(DiscoveryFailure(.fetchError, error.description))
        }
    }

    /// The policy host's IPv4 and IPv6 addresses. One family failing is tolerated when the
    /// other answers; both failing, or neither having an address, is a fetch error.
    private func resolveAddresses(of host: String) -> Result<[String], DiscoveryFailure> {
        var addresses: [String] = []
        var errors: [String] = []
        do throws(DNSError) { addresses += try resolver.a(host).records } catch { errors.append(error.description) }
        do throws(DNSError) { addresses += try resolver.aaaa(host).records } catch { errors.append(error.description) }
        if !addresses.isEmpty { return .success(addresses) }
        if let first = errors.first { return .failure(DiscoveryFailure(.fetchError, first)) }
        return .failure(DiscoveryFailure(.fetchError, "\(host) has no A or AAAA record, so the policy cannot be fetched"))
    }

    static func resultType(of category: PolicyFetchError.Category) -> DiscoveryFailure.ResultType {
        switch category {
        case .webPKI: return .webPKI
        case .fetch: return .fetchError
        case .invalidDocument: return .invalid
        }
    }
}
