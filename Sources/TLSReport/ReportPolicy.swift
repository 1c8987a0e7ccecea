import MTASTSPolicy
import TLSSessions

/// RFC 8460 §4.4 `policy-type`.
public enum PolicyType: String, Sendable, Hashable {
    case sts
    case tlsa
    case noPolicyFound = "no-policy-found"
}

/// One entry of a report's `policies` array (RFC 8460 §4.4): the policy that applied, its
/// session counts and its failure details.
public struct ReportPolicy: Sendable, Equatable {
    public var type: PolicyType
    /// `policy-string`: the STS policy's lines, or TLSA RDATA texts; empty for no-policy-found.
    public var strings: [String]
    /// `policy-domain`, always written (receivers such as parsedmarc reject a policy without it,
    /// even for `no-policy-found`).
    public var domain: String
    /// `mx-host`: the STS policy's `mx` patterns (an array per RFC 8460 erratum 6241).
    public var mxHosts: [String]
    public var successfulSessions: Int
    public var failures: [FailureDetail]

    public init(type: PolicyType, strings: [String] = [], domain: String, mxHosts: [String] = [],
                successfulSessions: Int = 0, failures: [FailureDetail] = []) {
        self.type = type
        self.strings = strings
        self.domain = domain
        self.mxHosts = mxHosts
        self.successfulSessions = successfulSessions
        self.failures = failures
    }

    /// `total-failure-session-count`: the sum of the failure details' counts.
    public var failedSessions: Int { failures.reduce(0) { $0 + $1.count } }
}

/// One `failure-details` entry (RFC 8460 §4.4): a result type, where it happened, how often.
public struct FailureDetail: Sendable, Equatable {
    public var key: FailureKey
    public var count: Int

    public init(key: FailureKey, count: Int) {
        self.key = key
        self.count = count
    }
}
