/// A parsed DNS message (RFC 1035 §4.1).
public struct DNSMessage: Sendable, Hashable {
    public var header: Header
    public var questions: [Question]
    public var answers: [ResourceRecord]
    public var authorities: [ResourceRecord]
    /// Additional records, the EDNS0 OPT record (RFC 6891 §6.1.1) excluded; see `edns`.
    public var additionals: [ResourceRecord]
    /// The EDNS0 OPT record, if the message carries one.
    public var edns: EDNS?

    public init(header: Header, questions: [Question], answers: [ResourceRecord] = [],
                authorities: [ResourceRecord] = [], additionals: [ResourceRecord] = [], edns: EDNS? = nil) {
        self.header = header
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
        self.edns = edns
    }

    /// The full RCODE: the header's 4 bits plus the OPT record's upper 8 bits (RFC 6891 §6.1.3).
    public var responseCode: ResponseCode {
        ResponseCode(rawValue: UInt16(edns?.extendedResponseCode ?? 0) << 4 | UInt16(header.responseCode))
    }

    /// The 12-byte header (RFC 1035 §4.1.1; AD and CD bits from RFC 4035 §3.2 / RFC 6840 §5.7).
    public struct Header: Sendable, Hashable {
        public var id: UInt16
        public var flags: UInt16

        public init(id: UInt16, flags: UInt16) {
            self.id = id
            self.flags = flags
        }

        public var isResponse: Bool { flags & 0x8000 != 0 }
        public var opcode: UInt8 { UInt8(flags >> 11 & 0xF) }
        public var isAuthoritative: Bool { flags & 0x0400 != 0 }
        /// TC: the answer did not fit; ask again over TCP (RFC 7766 §5).
        public var isTruncated: Bool { flags & 0x0200 != 0 }
        public var recursionDesired: Bool { flags & 0x0100 != 0 }
        public var recursionAvailable: Bool { flags & 0x0080 != 0 }
        /// AD: the resolver validated the data with DNSSEC (RFC 4035 §3.2.3).
        public var authenticData: Bool { flags & 0x0020 != 0 }
        public var checkingDisabled: Bool { flags & 0x0010 != 0 }
        /// The low 4 bits of the RCODE.
        public var responseCode: UInt8 { UInt8(flags & 0xF) }
    }

    /// A question entry (RFC 1035 §4.1.2).
    public struct Question: Sendable, Hashable {
        public var name: DNSName
        public var type: RecordType
        public var recordClass: UInt16

        public init(name: DNSName, type: RecordType, recordClass: UInt16 = ResourceRecord.classIN) {
            self.name = name
            self.type = type
            self.recordClass = recordClass
        }
    }

    /// The EDNS0 OPT pseudo-record's fields (RFC 6891 §6.1.2–6.1.3).
    public struct EDNS: Sendable, Hashable {
        public var udpPayloadSize: UInt16
        public var extendedResponseCode: UInt8
        public var version: UInt8
        public var dnssecOK: Bool

        public init(udpPayloadSize: UInt16, extendedResponseCode: UInt8 = 0, version: UInt8 = 0, dnssecOK: Bool = false) {
            self.udpPayloadSize = udpPayloadSize
            self.extendedResponseCode = extendedResponseCode
            self.version = version
            self.dnssecOK = dnssecOK
        }
    }
}

/// A resource record (RFC 1035 §4.1.3) with its RDATA decoded for the types this client uses.
public struct ResourceRecord: Sendable, Hashable {
    public static let classIN: UInt16 = 1

    public var name: DNSName
    public var type: RecordType
    public var recordClass: UInt16
    public var ttl: UInt32
    public var data: RecordData

    public init(name: DNSName, type: RecordType, recordClass: UInt16 = classIN, ttl: UInt32, data: RecordData) {
        self.name = name
        self.type = type
        self.recordClass = recordClass
        self.ttl = ttl
        self.data = data
    }
}

/// Decoded RDATA. Names inside RDATA are decompressed; unknown types keep their raw bytes.
public enum RecordData: Sendable, Hashable {
    /// RFC 1035 §3.4.1: 4 bytes.
    case a([UInt8])
    /// RFC 3596 §2.2: 16 bytes.
    case aaaa([UInt8])
    case cname(DNSName)
    case ns(DNSName)
    case ptr(DNSName)
    case mx(preference: UInt16, exchange: DNSName)
    case txt(TXTRecord)
    case tlsa(TLSARecord)
    /// Any other type (including SOA), as raw RDATA bytes (RFC 3597).
    case other([UInt8])
}
