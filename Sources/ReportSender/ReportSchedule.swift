import MTASTSPolicy
import TLSSessions

/// When reports go out: spread over a window after the day ends, and retried with backoff
/// for up to 24 hours (RFC 8460 §5.5).
public struct ReportSchedule: Sendable, Equatable {
    /// The window after midnight UTC over which first sends are spread.
    public var spreadSeconds: Int64
    /// How long failed sends are retried, counted from the first attempt (§5.5: 24 hours).
    public var retryWindowSeconds: Int64 = 86_400

    public init(spreadSeconds: Int64) { self.spreadSeconds = max(0, spreadSeconds) }

    /// The fixed offset of (domain, day) in the spread window: the same on every run, different
    /// across domains, so receivers are not all hit in the same second.
    public func offset(domain: DomainName, day: UTCDay) -> Int64 {
        guard spreadSeconds > 0 else { return 0 }
        return Int64(StableHash.fnv1a("\(domain.value) \(day)") % UInt64(spreadSeconds))
    }

    /// The first moment a report of `day` to `domain` may be sent.
    public func due(domain: DomainName, day: UTCDay) -> Int64 {
        day.end + 1 + offset(domain: domain, day: day)
    }

    /// The wait after failed attempt number `attempts` (1-based): 5 minutes, doubling, at most
    /// 4 hours (5m, 10m, 20m, 40m, 80m, 160m, 4h, 4h, ...).
    public func backoff(afterAttempts attempts: Int) -> Int64 {
        let exponent = min(max(attempts - 1, 0), 6)
        return min(300 << Int64(exponent), 14_400)
    }

    /// After a failure at `now`: the next attempt time, or nil when the 24 hours since
    /// `firstAttempt` are used up (give up).
    public func nextAttempt(firstAttempt: Int64, attempts: Int, now: Int64) -> Int64? {
        let deadline = firstAttempt + retryWindowSeconds
        guard now < deadline else { return nil }
        return min(now + backoff(afterAttempts: attempts), deadline)
    }
}
