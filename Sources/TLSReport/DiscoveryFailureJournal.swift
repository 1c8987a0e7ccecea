import MTASTSPolicy
import PolicyStore
import TLSSessions

/// A failed MTA-STS discovery with its time: what the prewarmer saw when it tried to fetch a
/// domain's policy (RFC 8460 §4.3.2.2 `sts-policy-fetch-error`, `sts-policy-invalid`,
/// `sts-webpki-invalid`).
public struct DatedDiscoveryFailure: Sendable, Equatable {
    public var resultType: ResultType
    /// Unix seconds of the failed attempt.
    public var at: Int64
    /// One sentence about the failure, reported as `failure-reason-code`.
    public var reason: String?

    public init(resultType: ResultType, at: Int64, reason: String? = nil) {
        self.resultType = resultType
        self.at = at
        self.reason = reason
    }
}

/// Where a report finds the discovery failures of a day. The prewarmer can later append every
/// failed attempt to a dated journal implementing this; until then ``LastCheckFailures`` reads
/// the one failure the cache keeps per domain.
public protocol DiscoveryFailureJournal: Sendable {
    func failures(of domain: DomainName, on day: UTCDay) throws -> [DatedDiscoveryFailure]
}

/// The cache's `lastCheck` as a journal: at most one failure per domain, reported for the day
/// its `failedAt` falls in. Failures overwritten by a later check are not seen (a known gap
/// until the prewarmer keeps a dated journal).
public struct LastCheckFailures: DiscoveryFailureJournal {
    public let store: any PolicyStore

    public init(store: any PolicyStore) { self.store = store }

    public func failures(of domain: DomainName, on day: UTCDay) throws -> [DatedDiscoveryFailure] {
        guard let check = try store.entry(for: domain)?.lastCheck else { return [] }
        return Self.failures(in: check, on: day)
    }

    /// The failure of `check` when it happened on `day` and names an STS result type.
    public static func failures(in check: CheckRecord, on day: UTCDay) -> [DatedDiscoveryFailure] {
        guard let failedAt = check.failedAt, day.contains(failedAt),
              let type = check.errorType.flatMap(ResultType.init(rawValue:)),
              [.stsPolicyFetchError, .stsPolicyInvalid, .stsWebPKIInvalid].contains(type) else { return [] }
        return [DatedDiscoveryFailure(resultType: type, at: failedAt, reason: check.error)]
    }
}
