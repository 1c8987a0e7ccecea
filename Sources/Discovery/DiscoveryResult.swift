import MTASTSPolicy
import PolicyStore

/// What one RFC 8461 discovery attempt for a domain found.
public struct DiscoveryResult: Sendable {
    public enum Outcome: Sendable {
        /// A valid policy was fetched over HTTPS.
        case fetched(Policy, id: String, warnings: [String])
        /// The TXT id equals the cached, unexpired policy's id: no HTTPS fetch was needed (RFC 8461 §5.1).
        case unchanged(CachedPolicy)
        /// The domain has no (available) policy: no `v=STSv1` TXT record, several, or an invalid one (RFC 8461 §3.1).
        case noPolicy(reason: String)
        /// Discovery failed; the domain may have a policy we could not get.
        case failure(DiscoveryFailure)
    }

    public let domain: DomainName
    public let outcome: Outcome
    /// The TXT id, when a valid `_mta-sts` record was found.
    public let txtID: String?
    /// Where the policy was fetched from (or would have been).
    public let policyURL: String
}

/// What the `_smtp._tls` lookup found (RFC 8460 §3), when it was made.
public enum ReportingLookup: Sendable, Equatable {
    case found(TLSRPTRecord)
    case none(reason: String)
    case failed(String)
}
