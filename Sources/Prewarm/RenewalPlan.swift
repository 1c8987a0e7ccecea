import MTASTSPolicy

/// What the prewarmer will do next for one domain, and when.
public struct RenewalPlan: Sendable, Equatable, CustomStringConvertible {
    /// The kind of attempt.
    public enum Action: String, Sendable, Equatable {
        /// Nothing known (never fetched, or a cache-only lookup missed): fetch.
        case fetch
        /// Re-check the `_mta-sts` TXT id; an unchanged id needs no HTTPS (RFC 8461 §5.1).
        case recheck
        /// Fetch the policy again although its id is unchanged: it is close to expiry.
        case renew
        /// Look again for a policy on a domain that had none.
        case lookAgain = "look-again"
        /// Retry after a failure, at the backoff's pace.
        case retry
    }

    public var action: Action
    /// Unix seconds at which the action is due; at or before `now` means due now.
    public var due: Int64
    /// Whether the attempt must fetch over HTTPS even if the id is unchanged.
    public var force: Bool
    /// Why, in a few words (for `mtasts domains`).
    public var reason: String

    public init(action: Action, due: Int64, force: Bool, reason: String) {
        self.action = action
        self.due = due
        self.force = force
        self.reason = reason
    }

    /// Whether the plan is due at `now`.
    public func isDue(at now: Int64) -> Bool { due <= now }

    public var description: String { "\(action.rawValue) at \(due)\(force ? " (forced)" : ""): \(reason)" }
}
