/// The outcome of the last discovery attempt for a domain: keys `D:checked`, `D:status`,
/// `D:error`, `D:error_type`, `D:failures`, `D:failed_at`.
public struct CheckRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// A policy was found (fetched, or the cached one confirmed by an unchanged id).
        case policy
        /// The domain publishes no MTA-STS record.
        case noPolicy = "no-policy"
        /// Discovery or fetch failed.
        case failure
    }

    /// Unix seconds of the attempt (`D:checked`).
    public var checkedAt: Int64
    public var outcome: Outcome
    /// One sentence about the last failure (`D:error`).
    public var error: String?
    /// An RFC 8460 §4.3 result type such as `sts-policy-fetch-error` (`D:error_type`).
    public var errorType: String?
    /// Failures in a row, 0 after a success (`D:failures`).
    public var consecutiveFailures: Int
    /// Unix seconds of the last failure (`D:failed_at`).
    public var failedAt: Int64?

    public init(checkedAt: Int64, outcome: Outcome, error: String? = nil, errorType: String? = nil,
                consecutiveFailures: Int = 0, failedAt: Int64? = nil) {
        self.checkedAt = checkedAt
        self.outcome = outcome
        self.error = error
        self.errorType = errorType
        self.consecutiveFailures = consecutiveFailures
        self.failedAt = failedAt
    }
}
