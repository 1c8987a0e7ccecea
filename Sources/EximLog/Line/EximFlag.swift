/// The two-character flag after a main log line's message id (Exim spec, "Log files":
/// "Flags in the main log").
public enum EximFlag: String, Sendable, CaseIterable {
    /// `<=` a message arrived.
    case arrival = "<="
    /// `(=` a message was fake-rejected.
    case fakeReject = "(="
    /// `=>` a normal delivery.
    case delivered = "=>"
    /// `->` a further address delivered in the same transport call (same SMTP session).
    case additional = "->"
    /// `>>` a cutthrough delivery.
    case cutthrough = ">>"
    /// `*>` a delivery suppressed by -N.
    case suppressed = "*>"
    /// `==` a delivery was deferred (a temporary problem).
    case deferred = "=="
    /// `**` a delivery failed (a permanent problem).
    case failed = "**"

    /// Whether the line reports what happened to one recipient address.
    public var isDeliveryOutcome: Bool {
        switch self {
        case .delivered, .additional, .cutthrough, .suppressed, .deferred, .failed: return true
        case .arrival, .fakeReject: return false
        }
    }
}
