/// The `prewarm` section: when each domain's policy is re-checked, renewed or retried, and how
/// much work a pass does at once.
///
///     prewarm:
///       recheck_every: 6h
///       renew_before: 25%
///       no_policy_recheck: 1d
///       failure_backoff_min: 5m
///       failure_backoff_max: 6h
///       concurrency: 32
///       domain_deadline: 60s
public struct PrewarmSettings: Sendable, Equatable {
    /// `prewarm.recheck_every`: how often a cached policy's `_mta-sts` TXT id is re-checked (an
    /// unchanged id costs one DNS question, no HTTPS; RFC 8461 §5.1). 1m to 400d. Default: 6h.
    public var recheckEvery: Duration
    /// `prewarm.renew_before`: how long before expiry a policy is fetched again even if its id is
    /// unchanged: a percentage of `max_age` (`25%`) or a duration (`2d`). Default: 25%.
    public var renewBefore: RenewBefore
    /// `prewarm.no_policy_recheck`: how long a domain without a policy waits before the next
    /// look. 1m to 400d. Default: 1d.
    public var noPolicyRecheck: Duration
    /// `prewarm.failure_backoff_min`: the wait after a first failure; it doubles with each further
    /// failure in a row. 1m to 400d. Default: 5m.
    public var failureBackoffMin: Duration
    /// `prewarm.failure_backoff_max`: the longest wait between retries of a failing domain. At
    /// least `failure_backoff_min`. Default: 6h.
    public var failureBackoffMax: Duration
    /// `prewarm.concurrency`: how many domains are worked on at once. 1 to 1024. Default: 32.
    public var concurrency: Int
    /// `prewarm.domain_deadline`: the longest one domain may take (DNS and HTTPS together); the
    /// resolver and HTTPS timeouts are shortened to fit. 5s to 1h. Default: 60s.
    public var domainDeadline: Duration

    public static let defaultRecheckEvery: Duration = .seconds(6 * 3_600)
    public static let defaultNoPolicyRecheck: Duration = .seconds(86_400)
    public static let defaultFailureBackoffMin: Duration = .seconds(300)
    public static let defaultFailureBackoffMax: Duration = .seconds(6 * 3_600)
    public static let defaultConcurrency = 32
    public static let defaultDomainDeadline: Duration = .seconds(60)
    public static let intervalRange: ClosedRange<Duration> = .seconds(60)...ConfigDuration.maximum
    public static let concurrencyRange: ClosedRange<Int> = 1...1_024
    public static let domainDeadlineRange: ClosedRange<Duration> = .seconds(5)...(.seconds(3_600))

    /// Settings with every default.
    public init(recheckEvery: Duration = PrewarmSettings.defaultRecheckEvery,
                renewBefore: RenewBefore = .default,
                noPolicyRecheck: Duration = PrewarmSettings.defaultNoPolicyRecheck,
                failureBackoffMin: Duration = PrewarmSettings.defaultFailureBackoffMin,
                failureBackoffMax: Duration = PrewarmSettings.defaultFailureBackoffMax,
                concurrency: Int = PrewarmSettings.defaultConcurrency,
                domainDeadline: Duration = PrewarmSettings.defaultDomainDeadline) {
        self.recheckEvery = recheckEvery
        self.renewBefore = renewBefore
        self.noPolicyRecheck = noPolicyRecheck
        self.failureBackoffMin = failureBackoffMin
        self.failureBackoffMax = failureBackoffMax
        self.concurrency = concurrency
        self.domainDeadline = domainDeadline
    }
}

extension PrewarmSettings {
    static var schema: Schema<PrewarmSettings> {
        Schema(
            .value("recheck_every", \.recheckEvery, .duration(in: intervalRange)),
            .value("renew_before", \.renewBefore, .renewBefore),
            .value("no_policy_recheck", \.noPolicyRecheck, .duration(in: intervalRange)),
            .value("failure_backoff_min", \.failureBackoffMin, .duration(in: intervalRange)),
            .value("failure_backoff_max", \.failureBackoffMax, .duration(in: intervalRange)),
            .value("concurrency", \.concurrency, .integer(in: concurrencyRange)),
            .value("domain_deadline", \.domainDeadline, .duration(in: domainDeadlineRange))
        )
    }
}

extension ValueType where Value == RenewBefore {
    /// `25%` or a duration such as `2d`.
    static var renewBefore: ValueType<RenewBefore> {
        ValueType { (node, context) throws(ConfigError) in
            guard case .scalar(let scalar) = node else {
                throw context.wrongType(expected: "a percentage such as 25% or a duration such as 2d", at: node)
            }
            let text = scalar.string
            if node.resolvedTagName == .int {
                throw context.invalid(text, "has no unit (write \(text)% or a duration such as \(text)d)", at: node)
            }
            switch RenewBefore.parse(text) {
            case .success(let value): return value
            case .failure(let failure): throw context.invalid(ConfigError.quoted(text), failure.problem, at: node)
            }
        }
    }
}
