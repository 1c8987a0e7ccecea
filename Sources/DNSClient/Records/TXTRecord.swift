/// A TXT record (RFC 1035 §3.3.14): one or more character-strings of up to 255 bytes.
public struct TXTRecord: Sendable, Hashable {
    /// The character-strings as sent, in order.
    public var strings: [[UInt8]]

    public init(strings: [[UInt8]]) { self.strings = strings }

    /// The strings joined with nothing between them, as MTA-STS (RFC 8461 §3.1) and SPF
    /// (RFC 7208 §3.3) read a record split into several strings; decoded as UTF-8 with
    /// invalid sequences replaced by U+FFFD.
    public var text: String { String(decoding: strings.joined(), as: UTF8.self) }
}
