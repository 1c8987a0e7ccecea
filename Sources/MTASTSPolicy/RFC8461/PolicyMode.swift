/// The `mode` of an MTA-STS policy (RFC 8461 §3.2, §5).
public enum PolicyMode: String, Sendable, CaseIterable, Hashable {
    /// Sending MTAs must not deliver to MX hosts that fail MX matching or certificate validation.
    case enforce
    /// Sending MTAs deliver anyway, and report failures (RFC 8460).
    case testing
    /// No active policy.
    case none
}
