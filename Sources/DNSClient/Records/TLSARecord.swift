/// A TLSA record (RFC 6698 §2.1) for DANE.
public struct TLSARecord: Sendable, Hashable {
    /// Certificate usage (RFC 6698 §2.1.1; 2 = DANE-TA, 3 = DANE-EE per RFC 7218).
    public var usage: UInt8
    /// Selector (RFC 6698 §2.1.2; 0 = full certificate, 1 = SubjectPublicKeyInfo).
    public var selector: UInt8
    /// Matching type (RFC 6698 §2.1.3; 0 = exact, 1 = SHA-256, 2 = SHA-512).
    public var matchingType: UInt8
    /// The certificate association data.
    public var data: [UInt8]

    public init(usage: UInt8, selector: UInt8, matchingType: UInt8, data: [UInt8]) {
        self.usage = usage
        self.selector = selector
        self.matchingType = matchingType
        self.data = data
    }

    /// Presentation form (RFC 6698 §2.2), e.g. "3 1 1 0a1b…", data in lower-case hex.
    public var text: String {
        "\(usage) \(selector) \(matchingType) " + data.map(Printable.hex).joined()
    }
}
