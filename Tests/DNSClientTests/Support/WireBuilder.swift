import Testing
@testable import DNSClient

/// Builds DNS messages byte by byte for tests, including deliberately broken ones.
struct WireBuilder {
    var bytes: [UInt8] = []

    /// A response header: QR=1, RD=1, RA=1, plus `flags` (e.g. 0x0020 for AD, 0x0200 for TC).
    init(id: UInt16 = 0x1234, flags: UInt16 = 0, rcode: UInt8 = 0,
         questions: Int = 1, answers: Int = 0, authorities: Int = 0, additionals: Int = 0) {
        u16(id)
        u16(0x8180 | flags | UInt16(rcode))
        u16(UInt16(questions)); u16(UInt16(answers)); u16(UInt16(authorities)); u16(UInt16(additionals))
    }

    var offset: Int { bytes.count }

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u16(_ value: UInt16) { bytes += [UInt8(value >> 8), UInt8(value & 0xFF)] }
    mutating func u32(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
    mutating func raw(_ values: [UInt8]) { bytes += values }

    /// An uncompressed name from dotted text ("" or "." for the root).
    mutating func name(_ text: String) {
        labels(text)
        u8(0)
    }

    /// Labels followed by a compression pointer to `target`.
    mutating func name(_ text: String, pointer target: Int) {
        labels(text)
        pointer(target)
    }

    mutating func labels(_ text: String) {
        for label in text.split(separator: ".") {
            u8(UInt8(label.utf8.count))
            raw(Array(label.utf8))
        }
    }

    mutating func pointer(_ target: Int) { u16(0xC000 | UInt16(target)) }

    mutating func question(_ name: String, _ type: RecordType) {
        self.name(name)
        u16(type.rawValue)
        u16(1)
    }

    /// A record whose owner is written by `owner` and whose RDATA is written by `rdata`;
    /// RDLENGTH is computed unless `rdlength` forces a value.
    mutating func record(owner: (inout WireBuilder) -> Void, _ type: RecordType, ttl: UInt32 = 300,
                         rdlength: UInt16? = nil, rdata: (inout WireBuilder) -> Void) {
        owner(&self)
        u16(type.rawValue)
        u16(1)
        u32(ttl)
        let lengthOffset = offset
        u16(0)
        let start = offset
        rdata(&self)
        let length = rdlength ?? UInt16(offset - start)
        bytes[lengthOffset] = UInt8(length >> 8)
        bytes[lengthOffset + 1] = UInt8(length & 0xFF)
    }

    mutating func record(_ owner: String, _ type: RecordType, ttl: UInt32 = 300, rdata: (inout WireBuilder) -> Void) {
        record(owner: { $0.name(owner) }, type, ttl: ttl, rdata: rdata)
    }

    mutating func txt(_ owner: String, _ strings: [String]) {
        record(owner, .txt) { builder in
            for string in strings {
                builder.u8(UInt8(string.utf8.count))
                builder.raw(Array(string.utf8))
            }
        }
    }

    mutating func cname(_ owner: String, _ target: String) {
        record(owner, .cname) { $0.name(target) }
    }

    /// An EDNS0 OPT record (RFC 6891 §6.1.2).
    mutating func opt(payload: UInt16 = 1232, extendedRcode: UInt8 = 0) {
        u8(0)
        u16(RecordType.opt.rawValue)
        u16(payload)
        u32(UInt32(extendedRcode) << 24)
        u16(0)
    }
}

/// Parses `bytes`, expecting a temporary malformedResponse error; returns its description.
@discardableResult
func expectMalformed(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> String {
    do {
        let message = try DNSMessage(parsing: bytes)
        Issue.record("expected malformedResponse, parsed \(message.answers.count) answers", sourceLocation: sourceLocation)
        return ""
    } catch {
        #expect(error.kind == .malformedResponse, sourceLocation: sourceLocation)
        #expect(error.isTemporary, sourceLocation: sourceLocation)
        return error.description
    }
}
