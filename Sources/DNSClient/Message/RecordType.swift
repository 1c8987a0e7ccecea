/// A DNS resource record TYPE (RFC 1035 §3.2.2), open to any 16-bit value.
public struct RecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let a = RecordType(rawValue: 1)
    public static let ns = RecordType(rawValue: 2)
    public static let cname = RecordType(rawValue: 5)
    public static let soa = RecordType(rawValue: 6)
    public static let ptr = RecordType(rawValue: 12)
    public static let mx = RecordType(rawValue: 15)
    public static let txt = RecordType(rawValue: 16)
    /// RFC 3596 §2.1.
    public static let aaaa = RecordType(rawValue: 28)
    /// RFC 6891 §6.1.1: the EDNS0 pseudo-record.
    public static let opt = RecordType(rawValue: 41)
    /// RFC 6698 §7.1.
    public static let tlsa = RecordType(rawValue: 52)

    /// The mnemonic, or `TYPEnnn` for types without one (RFC 3597 §5).
    public var description: String {
        switch rawValue {
        case 1: "A"
        case 2: "NS"
        case 5: "CNAME"
        case 6: "SOA"
        case 12: "PTR"
        case 15: "MX"
        case 16: "TXT"
        case 28: "AAAA"
        case 41: "OPT"
        case 52: "TLSA"
        default: "TYPE\(rawValue)"
        }
    }
}

/// The RCODE of a response, including the EDNS0 extended bits (RFC 6891 §6.1.3).
public struct ResponseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let noError = ResponseCode(rawValue: 0)
    public static let formatError = ResponseCode(rawValue: 1)
    public static let serverFailure = ResponseCode(rawValue: 2)
    /// NXDOMAIN: the name does not exist (RFC 1035 §4.1.1, RFC 8020).
    public static let nameError = ResponseCode(rawValue: 3)
    public static let notImplemented = ResponseCode(rawValue: 4)
    public static let refused = ResponseCode(rawValue: 5)

    public var description: String { rawValue == 0 ? "NOERROR" : DNSError.rcodeName(rawValue) }
}
