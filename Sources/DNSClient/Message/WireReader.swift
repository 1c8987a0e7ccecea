/// A bounds-checked cursor over a received DNS message. Every read checks its length
/// against `limit` and throws `malformedResponse` naming what it was reading and where.
struct WireReader {
    let message: [UInt8]
    private(set) var offset: Int
    /// Reads never pass this offset (the message end, or the end of the current RDATA).
    var limit: Int

    init(_ message: [UInt8], offset: Int = 0, limit: Int? = nil) {
        self.message = message
        self.offset = offset
        self.limit = min(limit ?? message.count, message.count)
    }

    var remaining: Int { limit - offset }

    private func need(_ count: Int, _ what: @autoclosure () -> String) throws(DNSError) {
        guard count <= remaining else {
            throw .malformed("\(what()) at offset \(offset) needs \(count) byte\(count == 1 ? "" : "s") but only \(max(remaining, 0)) remain")
        }
    }

    mutating func uint8(_ what: @autoclosure () -> String) throws(DNSError) -> UInt8 {
        try need(1, what())
        defer { offset += 1 }
        return message[offset]
    }

    mutating func uint16(_ what: @autoclosure () -> String) throws(DNSError) -> UInt16 {
        try need(2, what())
        defer { offset += 2 }
        return UInt16(message[offset]) << 8 | UInt16(message[offset + 1])
    }

    mutating func uint32(_ what: @autoclosure () -> String) throws(DNSError) -> UInt32 {
        try need(4, what())
        defer { offset += 4 }
        return message[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func bytes(_ count: Int, _ what: @autoclosure () -> String) throws(DNSError) -> [UInt8] {
        try need(count, what())
        defer { offset += count }
        return Array(message[offset..<offset + count])
    }

    /// Moves the cursor forward; used after reading a name through `NameDecompressor`.
    mutating func skip(to newOffset: Int) { offset = newOffset }
}
