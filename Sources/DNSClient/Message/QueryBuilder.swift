/// Builds the wire form of a query (RFC 1035 §4.1): one question, class IN.
struct QueryBuilder {
    /// RFC 6891 §6.2.5 and the DNS Flag Day 2020 recommendation: 1232 bytes avoids IP
    /// fragmentation on common paths.
    static let udpPayloadSize: UInt16 = 1232

    var id: UInt16
    var name: DNSName
    var type: RecordType
    /// Adds an EDNS0 OPT record (RFC 6891 §6.1.2); dropped when retrying a server that
    /// answered FORMERR to it (RFC 6891 §7).
    var edns: Bool = true

    /// The largest UDP answer this query allows: the EDNS0 payload size, else 512 bytes
    /// (RFC 1035 §2.3.4).
    var advertisedUDPSize: Int { edns ? Int(Self.udpPayloadSize) : 512 }

    /// RD=1 asks for recursion (RFC 1035 §4.1.1); AD=1 asks a validating resolver to report
    /// whether it validated the answer (RFC 6840 §5.7), without needing the DO bit.
    static let flags: UInt16 = 0x0100 | 0x0020

    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(12 + name.wireLength + 4 + 11)
        Self.append(id, to: &out)
        Self.append(Self.flags, to: &out)
        Self.append(1, to: &out)                 // QDCOUNT
        Self.append(0, to: &out)                 // ANCOUNT
        Self.append(0, to: &out)                 // NSCOUNT
        Self.append(edns ? 1 : 0, to: &out)      // ARCOUNT
        out.append(contentsOf: name.wireBytes)
        Self.append(type.rawValue, to: &out)
        Self.append(ResourceRecord.classIN, to: &out)
        if edns {
            out.append(0)                                   // owner: root
            Self.append(RecordType.opt.rawValue, to: &out)
            Self.append(Self.udpPayloadSize, to: &out)      // CLASS: requester's UDP payload size
            out.append(contentsOf: [0, 0, 0, 0])            // TTL: extended RCODE 0, version 0, DO=0
            Self.append(0, to: &out)                        // RDLENGTH: no options
        }
        return out
    }

    /// The question this query asks; a response must repeat it (RFC 5452 §9.1).
    var question: DNSMessage.Question { DNSMessage.Question(name: name, type: type) }

    private static func append(_ value: UInt16, to out: inout [UInt8]) {
        out.append(UInt8(value >> 8))
        out.append(UInt8(value & 0xFF))
    }
}
