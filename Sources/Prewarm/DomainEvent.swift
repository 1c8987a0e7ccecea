import Discovery
import MTASTSPolicy

/// What happened to one domain of a pass, for the log: handed to a pass's observer from the
/// worker thread that refreshed the domain.
public struct DomainEvent: Sendable, Equatable {
    /// `fetched`, `unchanged`, `no_policy`, `failure` or `cache_error`.
    public var outcome: String
    public var domain: DomainName
    /// The failure's TLSRPT result type (RFC 8460 §4.3) for a failure.
    public var resultType: String?
    /// Why: the failure's sentence, the no-policy reason, the cache error.
    public var detail: String?
    public var seconds: Double

    public init(outcome: String, domain: DomainName, resultType: String? = nil, detail: String? = nil, seconds: Double) {
        self.outcome = outcome
        self.domain = domain
        self.resultType = resultType
        self.detail = detail
        self.seconds = seconds
    }

    public var isFailure: Bool { outcome == "failure" || outcome == "cache_error" }

    static func of(_ outcome: PassEngine.Outcome, domain: DomainName, seconds: Double) -> DomainEvent {
        switch outcome {
        case .cacheError(let message):
            return DomainEvent(outcome: "cache_error", domain: domain, detail: message, seconds: seconds)
        case .report(let report):
            switch report.result.outcome {
            case .fetched: return DomainEvent(outcome: "fetched", domain: domain, seconds: seconds)
            case .unchanged: return DomainEvent(outcome: "unchanged", domain: domain, seconds: seconds)
            case .noPolicy(let reason): return DomainEvent(outcome: "no_policy", domain: domain, detail: reason, seconds: seconds)
            case .failure(let failure):
                return DomainEvent(outcome: "failure", domain: domain, resultType: failure.resultType.rawValue,
                                   detail: failure.detail, seconds: seconds)
            }
        }
    }
}
