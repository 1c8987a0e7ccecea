import MTASTSPolicy
import PolicyStore
import TLSSessions

/// Turns one domain's sessions of one day into its report: which policy applied (RFC 8460
/// §4.4 `policy-type`), the counts, and the failure details.
public struct ReportBuilder: Sendable {
    public var identity: ReportIdentity

    public init(identity: ReportIdentity) { self.identity = identity }

    /// The report for `tally` on `day`. `cachedPolicy` is the domain's cached MTA-STS policy
    /// (if any); `discoveryFailures` the failed policy discoveries of that day.
    public func report(for tally: SessionTally, on day: UTCDay, cachedPolicy: CachedPolicy?,
                       discoveryFailures: [DatedDiscoveryFailure] = []) -> DailyReport {
        var policies: [ReportPolicy]
        if tally.usedDANE {
            policies = Self.danePolicies(tally)
        } else if let cachedPolicy, Self.applied(cachedPolicy, on: day) {
            policies = [ReportPolicy(type: .sts, strings: Self.lines(of: cachedPolicy), domain: tally.domain.value,
                                     mxHosts: cachedPolicy.mx, successfulSessions: tally.successfulSessions,
                                     failures: Self.details(tally.failedSessions))]
        } else {
            policies = [ReportPolicy(type: .noPolicyFound, domain: tally.domain.value,
                                     successfulSessions: tally.successfulSessions,
                                     failures: Self.details(tally.failedSessions))]
        }
        if !discoveryFailures.isEmpty {
            policies[0].failures += Self.details(discoveryFailures)
        }
        return DailyReport(identity: identity, domain: tally.domain, day: day, policies: policies)
    }

    /// Whether the cached policy was in force at some point of `day`: fetched before the day
    /// ended and not expired before it began (RFC 8461 §5.1: valid until `max_age` runs out).
    /// The cache keeps only the latest policy, so a policy replaced after the day is not known.
    public static func applied(_ policy: CachedPolicy, on day: UTCDay) -> Bool {
        (policy.fetchedAt ?? Int64.min) <= day.end && policy.expire > day.start
    }

    /// RFC 8460 §4.4 `policy-string` for STS: the policy document's lines; for a policy
    /// migrated without its text, the lines rebuilt from mode, mx and max_age.
    public static func lines(of policy: CachedPolicy) -> [String] {
        if let text = policy.text {
            return Policy(mode: policy.mode, maxAge: 0, mx: [], text: text).lines
        }
        var lines = ["version: STSv1", "mode: \(policy.mode.rawValue)"]
        lines += policy.mx.map { "mx: \($0)" }
        if let maxAge = policy.maxAge { lines.append("max_age: \(maxAge)") }
        return lines
    }

    /// DANE (RFC 8460 §4.4 `tlsa`): the policy domain is the TLSA base domain, the MX host.
    /// One policy per MX host, without `policy-string` (the TLSA records are not logged).
    /// Failures go to their MX host; the tally does not say which host successful sessions
    /// went to, so they are counted under the first MX host (sorted).
    static func danePolicies(_ tally: SessionTally) -> [ReportPolicy] {
        let hosts = tally.mxHosts.isEmpty ? [tally.domain.value] : tally.mxHosts.sorted()
        var policies = hosts.map { ReportPolicy(type: .tlsa, domain: $0) }
        policies[0].successfulSessions = tally.successfulSessions
        for (key, count) in tally.failedSessions {
            let index = key.receivingMXHostname.flatMap { hosts.firstIndex(of: $0) } ?? 0
            policies[index].failures.append(FailureDetail(key: key, count: count))
        }
        for index in policies.indices { policies[index].failures.sort(by: Self.ordered) }
        return policies
    }

    static func details(_ failures: [FailureKey: Int]) -> [FailureDetail] {
        failures.map { FailureDetail(key: $0.key, count: $0.value) }.sorted(by: ordered)
    }

    /// Discovery failures grouped by result type and reason; each failed attempt counts once.
    static func details(_ failures: [DatedDiscoveryFailure]) -> [FailureDetail] {
        var counts: [FailureKey: Int] = [:]
        for failure in failures {
            counts[FailureKey(resultType: failure.resultType, failureReasonCode: failure.reason), default: 0] += 1
        }
        return details(counts)
    }

    /// A stable order, so the same sessions always give the same bytes.
    static func ordered(_ lhs: FailureDetail, _ rhs: FailureDetail) -> Bool {
        func fields(_ key: FailureKey) -> [String] {
            [key.resultType.rawValue, key.receivingMXHostname ?? "", key.receivingIP ?? "",
             key.sendingMTAIP ?? "", key.receivingMXHelo ?? "", key.failureReasonCode ?? ""]
        }
        return fields(lhs.key).lexicographicallyPrecedes(fields(rhs.key))
    }
}
