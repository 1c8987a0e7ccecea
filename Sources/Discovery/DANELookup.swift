import DNSClient
import MTASTSPolicy

/// Whether DANE (RFC 7672) applies to a domain's mail, which RFC 8461 §2 gives precedence
/// over MTA-STS.
public enum DANELookup: Sendable, Equatable {
    /// The MX set is DNSSEC-validated and every MX host has validated TLSA records.
    case validated(hosts: [String])
    /// DANE does not apply (the reason, one sentence).
    case notApplicable(String)
    /// A DNS failure: nothing can be concluded; the previous status stays.
    case failed(String)
}

extension PolicyDiscoverer {
    /// Looks up the domain's MX hosts and `_25._tcp.<host>` TLSA for each (RFC 7672 §2.2).
    ///
    /// Only answers with the AD bit from a validating resolver count (RFC 8461 §2; the Perl
    /// original counted unsigned TLSA records too). DANE applies only when the MX set itself is
    /// validated (RFC 7672 §2.2.1) and every MX host has validated, non-empty TLSA records: with
    /// one host left out, MTA-STS still has to protect that host.
    public func lookUpDANE(_ domain: DomainName) -> DANELookup {
        let mx: DNSAnswer<MXRecord>
        do throws(DNSError) {
            mx = try resolver.mx(domain.value)
        } catch {
            return .failed(error.description)
        }
        guard mx.authenticated else { return .notApplicable("the MX records of \(domain) are not DNSSEC-validated") }
        let hosts = Array(Set(mx.records.map(\.exchange).filter { !$0.isEmpty && $0 != "." })).sorted()
        guard !hosts.isEmpty else { return .notApplicable("\(domain) has no MX hosts") }
        for host in hosts {
            let name = "_25._tcp." + host
            do throws(DNSError) {
                let tlsa = try resolver.tlsa(name)
                guard tlsa.authenticated, !tlsa.records.isEmpty else {
                    return .notApplicable("\(name) has no DNSSEC-validated TLSA records")
                }
            } catch {
                return .failed(error.description)
            }
        }
        return .validated(hosts: hosts)
    }
}
