import EximLog

/// A fast path for the most common main log line, a plain `=>` delivery, read straight from its
/// bytes without the general parser:
///
///     2026-11-25 09:33:00 +0000 1xW9N6-0003lS-0A => a@good.enforce R=enforce T=remote_smtp H=mx.good.test [127.93.0.2]:25 X=TLS1.3:… CV=yes DN="…" C="…"
///
/// Anything unusual (quoted local parts, parent addresses, no `H=` with an address, a missing
/// field) returns nil, and the caller parses the line in full. Tests check that both agree on
/// every delivery line of the real Exim fixtures.
enum DeliveryLineScanner {
    static func scan(_ bytes: ArraySlice<UInt8>) -> DeliveryFacts? {
        let base = bytes.startIndex
        let end = bytes.endIndex
        guard bytes.count > 40,
              let year = number(bytes, base, 4), let month = number(bytes, base + 5, 2), let day = number(bytes, base + 8, 2),
              let hour = number(bytes, base + 11, 2), let minute = number(bytes, base + 14, 2),
              let second = number(bytes, base + 17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60 else { return nil }
        var timestamp = EximTimestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        var index = base + 19
        if bytes[index] == 0x2E {
            guard let millisecond = number(bytes, index + 1, 3) else { return nil }
            timestamp.millisecond = millisecond
            index += 4
        }
        guard index + 1 < end, bytes[index] == 0x20 else { return nil }
        index += 1
        if bytes[index] == 0x2B || bytes[index] == 0x2D {
            guard index + 5 < end, bytes[index + 5] == 0x20, let hours = number(bytes, index + 1, 2),
                  let minutes = number(bytes, index + 3, 2) else { return nil }
            let offset = hours * 3_600 + minutes * 60
            timestamp.utcOffsetSeconds = bytes[index] == 0x2D ? -offset : offset
            index += 6
        }
        if index < end, bytes[index] == 0x5B { // [pid]
            guard let close = bytes[index..<end].firstIndex(of: 0x5D), close + 1 < end, bytes[close + 1] == 0x20 else { return nil }
            index = close + 2
        }
        guard let idEnd = bytes[index..<end].firstIndex(of: 0x20), idEnd - index == 16 || idEnd - index == 23,
              idEnd + 4 < end, bytes[idEnd + 1] == 0x3D, bytes[idEnd + 2] == 0x3E, bytes[idEnd + 3] == 0x20 else { return nil }
        let messageID = String(decoding: bytes[index..<idEnd], as: UTF8.self)
        let addressStart = idEnd + 4
        guard let addressEnd = bytes[addressStart..<end].firstIndex(of: 0x20) else { return nil }
        let address = bytes[addressStart..<addressEnd]
        guard !address.contains(0x22), !address.contains(0x3C), addressEnd + 1 < end,
              bytes[addressEnd + 1] != 0x3C, bytes[addressEnd - 1] != 0x3A else { return nil }
        // The fields: H= name [ip][:port][*], then X= and CV= (Exim writes them in this order).
        guard let h = find(bytes, hostKey, from: addressEnd) else { return nil }
        var cursor = h + hostKey.count
        guard let nameEnd = bytes[cursor..<end].firstIndex(of: 0x20), nameEnd > cursor,
              bytes[cursor] != 0x5B, bytes[cursor] != 0x28, nameEnd + 1 < end, bytes[nameEnd + 1] == 0x5B,
              let ipEnd = bytes[(nameEnd + 2)..<end].firstIndex(of: 0x5D) else { return nil }
        let name = String(decoding: bytes[cursor..<nameEnd], as: UTF8.self)
        let ip = String(decoding: bytes[(nameEnd + 2)..<ipEnd], as: UTF8.self)
        cursor = ipEnd + 1
        var port: Int?
        if cursor < end, bytes[cursor] == 0x3A {
            var digitsEnd = cursor + 1
            while digitsEnd < end, bytes[digitsEnd] >= 0x30, bytes[digitsEnd] <= 0x39 { digitsEnd += 1 }
            port = number(bytes, cursor + 1, digitsEnd - cursor - 1)
            cursor = digitsEnd
        }
        var reused = false
        if cursor < end, bytes[cursor] == 0x2A { reused = true; cursor += 1 }
        guard cursor == end || bytes[cursor] == 0x20 else { return nil } // "]:" detail or oddities: parse in full
        let hasCipher = find(bytes, cipherKey, from: cursor) != nil
        var verified: String?
        if let cv = find(bytes, verifiedKey, from: cursor) {
            let valueStart = cv + verifiedKey.count
            let valueEnd = bytes[valueStart..<end].firstIndex(of: 0x20) ?? end
            verified = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
        }
        return DeliveryFacts(timestamp: timestamp, flag: .delivered, messageID: messageID,
                             recipient: String(decoding: address, as: UTF8.self),
                             host: EximHost(name: name, address: ip, port: port, reusedConnection: reused),
                             hasCipher: hasCipher, verified: verified, detail: nil)
    }

    private static let hostKey = Array(" H=".utf8)
    private static let cipherKey = Array(" X=".utf8)
    private static let verifiedKey = Array(" CV=".utf8)

    private static func number(_ bytes: ArraySlice<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard count > 0, start + count <= bytes.endIndex else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// The index of `needle` in `bytes` after `start`, outside double quotes.
    private static func find(_ bytes: ArraySlice<UInt8>, _ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        var quoted = false
        let last = bytes.endIndex - needle.count
        while index <= last {
            let byte = bytes[index]
            if byte == 0x22 {
                quoted.toggle()
            } else if !quoted, byte == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
