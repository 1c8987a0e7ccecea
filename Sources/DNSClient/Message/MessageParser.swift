/// Parses received messages defensively: every length is checked, names go through
/// `NameDecompressor`, and the number of records and the message size are capped, so a
/// hostile answer ends in `malformedResponse`, never a crash, a hang or a huge allocation.
extension DNSMessage {
    /// The largest DNS message: TCP's 2-byte length prefix (RFC 1035 §4.2.2).
    public static let maximumSize = 65_535
    /// The most records (all sections, questions included) accepted in one message.
    public static let maximumRecords = 1_000
    static let headerLength = 12

    /// Parses a complete message. Trailing bytes after the last section are ignored.
    public init(parsing message: [UInt8]) throws(DNSError) {
        guard message.count <= Self.maximumSize else {
            throw .malformed("the message has \(message.count) bytes, more than \(Self.maximumSize)")
        }
        var reader = WireReader(message)
        let header = try Self.parseHeader(&reader)
        let questionCount = Int(try reader.uint16("the question count"))
        let counts = [Int(try reader.uint16("the answer count")), Int(try reader.uint16("the authority count")),
                      Int(try reader.uint16("the additional count"))]
        let total = questionCount + counts.reduce(0, +)
        guard total <= Self.maximumRecords else {
            throw .malformed("the header announces \(total) records, more than the \(Self.maximumRecords) accepted")
        }
        var questions: [Question] = []
        for index in 0..<questionCount {
            questions.append(try Self.parseQuestion(&reader, number: index + 1))
        }
        var sections: [[ResourceRecord]] = [[], [], []]
        var edns: EDNS?
        for (section, count) in counts.enumerated() {
            let sectionName = ["answer", "authority", "additional"][section]
            for index in 0..<count {
                let what = "\(sectionName) record \(index + 1) of \(count)"
                let record = try Self.parseRecord(&reader, what)
                if section == 2 && record.type == .opt {
                    guard edns == nil else { throw .malformed("the message has more than one OPT record (RFC 6891 §6.1.1)") }
                    guard record.name == .root else { throw .malformed("the OPT record is not owned by the root name") }
                    edns = EDNS(udpPayloadSize: record.recordClass, extendedResponseCode: UInt8(record.ttl >> 24),
                                version: UInt8(record.ttl >> 16 & 0xFF), dnssecOK: record.ttl & 0x8000 != 0)
                } else {
                    sections[section].append(record)
                }
            }
        }
        self.init(header: header, questions: questions, answers: sections[0], authorities: sections[1],
                  additionals: sections[2], edns: edns)
    }

    /// Reads the ID and flags; also used to screen datagrams before a full parse.
    static func parseHeader(_ reader: inout WireReader) throws(DNSError) -> Header {
        guard reader.remaining >= headerLength else {
            throw .malformed("the message has \(reader.remaining) bytes, fewer than the \(headerLength)-byte header")
        }
        return Header(id: try reader.uint16("the ID"), flags: try reader.uint16("the flags"))
    }

    static func parseQuestion(_ reader: inout WireReader, number: Int) throws(DNSError) -> Question {
        let what = "question \(number)"
        let name = try NameDecompressor.readName(from: &reader, "the name of \(what)")
        let type = RecordType(rawValue: try reader.uint16("the type of \(what)"))
        let recordClass = try reader.uint16("the class of \(what)")
        return Question(name: name, type: type, recordClass: recordClass)
    }

    static func parseRecord(_ reader: inout WireReader, _ what: String) throws(DNSError) -> ResourceRecord {
        let name = try NameDecompressor.readName(from: &reader, "the owner name of \(what)")
        let type = RecordType(rawValue: try reader.uint16("the type of \(what)"))
        let recordClass = try reader.uint16("the class of \(what)")
        let ttl = try reader.uint32("the TTL of \(what)")
        let length = Int(try reader.uint16("the RDATA length of \(what)"))
        guard length <= reader.remaining else {
            throw .malformed("\(what) (\(type)) at offset \(reader.offset) has RDATA length \(length) but only \(reader.remaining) bytes remain")
        }
        let end = reader.offset + length
        var rdata = WireReader(reader.message, offset: reader.offset, limit: end)
        let data = try RecordDataParser.parse(type: type, from: &rdata, "the RDATA of \(what) (\(type))")
        guard rdata.offset == end else {
            throw .malformed("the RDATA of \(what) (\(type)) has \(end - rdata.offset) unexpected bytes at its end")
        }
        reader.skip(to: end)
        return ResourceRecord(name: name, type: type, recordClass: recordClass, ttl: ttl, data: data)
    }
}

/// Decodes RDATA for the types the client interprets (RFC 1035 §3.3, RFC 3596, RFC 6698).
enum RecordDataParser {
    static func parse(type: RecordType, from reader: inout WireReader, _ what: String) throws(DNSError) -> RecordData {
        switch type {
        case .a:
            try expectLength(4, reader, what)
            return .a(try reader.bytes(4, what))
        case .aaaa:
            try expectLength(16, reader, what)
            return .aaaa(try reader.bytes(16, what))
        case .cname:
            return .cname(try NameDecompressor.readName(from: &reader, "the target of \(what)"))
        case .ns:
            return .ns(try NameDecompressor.readName(from: &reader, "the host of \(what)"))
        case .ptr:
            return .ptr(try NameDecompressor.readName(from: &reader, "the target of \(what)"))
        case .mx:
            let preference = try reader.uint16("the preference of \(what)")
            return .mx(preference: preference, exchange: try NameDecompressor.readName(from: &reader, "the exchange of \(what)"))
        case .txt:
            // RFC 1035 §3.3.14: one or more <character-string>s.
            guard reader.remaining > 0 else { throw .malformed("\(what) is empty; a TXT record holds at least one string") }
            var strings: [[UInt8]] = []
            while reader.remaining > 0 {
                let length = Int(try reader.uint8("a string length in \(what)"))
                strings.append(try reader.bytes(length, "a \(length)-byte string in \(what)"))
            }
            return .txt(TXTRecord(strings: strings))
        case .tlsa:
            guard reader.remaining >= 3 else { throw .malformed("\(what) has \(reader.remaining) bytes, fewer than 3") }
            let usage = try reader.uint8(what)
            let selector = try reader.uint8(what)
            let matchingType = try reader.uint8(what)
            return .tlsa(TLSARecord(usage: usage, selector: selector, matchingType: matchingType,
                                    data: try reader.bytes(reader.remaining, what)))
        default:
            return .other(try reader.bytes(reader.remaining, what))
        }
    }

    private static func expectLength(_ length: Int, _ reader: WireReader, _ what: String) throws(DNSError) {
        guard reader.remaining == length else {
            throw .malformed("\(what) has \(reader.remaining) bytes instead of \(length)")
        }
    }
}
