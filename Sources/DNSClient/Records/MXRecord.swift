/// An MX record (RFC 1035 §3.3.9).
public struct MXRecord: Sendable, Hashable {
    /// Lower values are preferred.
    public var preference: UInt16
    /// The mail exchanger host, lower-case, without the trailing dot. A "null MX"
    /// (RFC 7505 §3: exchange ".") gives the empty string.
    public var exchange: String

    public init(preference: UInt16, exchange: String) {
        self.preference = preference
        self.exchange = exchange
    }
}
