import EximLog

/// A fast path for the common delivery lines, read straight from their bytes without the
/// general parser: a plain `=>` delivery, and a `==` deferral or `**` failure whose host ends
/// in the error text:
///
///     2026-11-25 09:33:00 +0000 1xW9N6-0003lS-0A => a@good.enforce R=enforce T=remote_smtp H=mx.good.test [127.93.0.2]:25 X=TLS1.3:… CV=yes DN="…" C="…"
///     2026-11-25 09:33:00 +0000 1xW9N6-0003lS-0A == a@bad.enforce R=enforce T=remote_smtp defer (-37) H=mx.bad.test [127.93.0.3]:25: TLS session: …
///
/// Anything unusual (quoted local parts or values, parent addresses, no `H=` with an address,
/// a missing field, a `[pid]` or zone the parser would not read) returns nil, and the caller
/// parses the line in full. Tests check that both agree on every delivery line of the real
/// Exim fixtures and on many mutated lines.
enum DeliveryLineScanner {
    /// The line's delivery facts, or nil when the full parser must read it.
    static func scan(_ bytes: ArraySlice<UInt8>) -> DeliveryFacts? {
        read(bytes)?.facts(in: bytes)
    }

    /// Where the line's parts are, or nil when the full parser must read it.
    static func read(_ bytes: ArraySlice<UInt8>) -> ScannedDelivery? {
        guard let (timestamp, idStart) = header(bytes) else { return nil }
        let end = bytes.endIndex
        guard let idEnd = ByteSearch.firstIndex(of: 0x20, in: bytes[idStart..<end]),
              isMessageID(bytes, idStart, idEnd), idEnd + 4 < end, bytes[idEnd + 3] == 0x20 else { return nil }
        let flag: EximFlag
        switch (bytes[idEnd + 1], bytes[idEnd + 2]) {
        case (0x3D, 0x3E): flag = .delivered   // =>
        case (0x3D, 0x3D): flag = .deferred    // ==
        case (0x2A, 0x2A): flag = .failed      // **
        default: return nil
        }
        let addressStart = idEnd + 4
        guard let addressEnd = ByteSearch.firstIndex(of: 0x20, in: bytes[addressStart..<end]), addressEnd > addressStart,
              !bytes[addressStart..<addressEnd].contains(0x22), !bytes[addressStart..<addressEnd].contains(0x3C),
              bytes[addressEnd - 1] != 0x3A,
              let hostStart = plainFieldsUntilHost(bytes, from: addressEnd + 1),
              let host = host(bytes, from: hostStart) else { return nil }
        var scanned = ScannedDelivery(timestamp: timestamp, flag: flag, messageID: idStart..<idEnd,
                                      recipient: addressStart..<addressEnd, hostName: host.name, hostAddress: host.address,
                                      port: host.port, reusedConnection: host.reused, hasCipher: false, verified: nil, detail: nil)
        let hostEnd = host.end
        if flag == .delivered {
            // X= and CV= after the host (Exim writes them first); a detail there: parse in full.
            guard hostEnd == end || bytes[hostEnd] == 0x20,
                  let (hasCipher, verified) = tlsFields(bytes, from: hostEnd) else { return nil }
            scanned.hasCipher = hasCipher
            scanned.verified = verified
        } else {
            // The error text after `]:`, as the parser takes it (leading spaces skipped).
            guard hostEnd < end, bytes[hostEnd] == 0x3A else { return nil }
            var index = hostEnd + 1
            while index < end, bytes[index] == 0x20 { index += 1 }
            scanned.detail = index..<end
        }
        return scanned
    }

    // MARK: - Header

    /// `YYYY-MM-DD HH:MM:SS[.mmm][ +hhmm][ [pid]] `: the timestamp and the index after the
    /// space that ends the header, where the parser would look for the message id.
    private static func header(_ bytes: ArraySlice<UInt8>) -> (EximTimestamp, Int)? {
        let base = bytes.startIndex
        let end = bytes.endIndex
        guard bytes.count > 40, bytes[base + 4] == 0x2D, bytes[base + 7] == 0x2D, bytes[base + 10] == 0x20,
              bytes[base + 13] == 0x3A, bytes[base + 16] == 0x3A,
              let year = number(bytes, base, 4), let month = number(bytes, base + 5, 2), let day = number(bytes, base + 8, 2),
              let hour = number(bytes, base + 11, 2), let minute = number(bytes, base + 14, 2),
              let second = number(bytes, base + 17, 2),
              month >= 1, month <= 12, day >= 1, day <= 31, hour < 24, minute < 60, second <= 60 else { return nil }
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
                  let minutes = number(bytes, index + 3, 2), hours < 24, minutes < 60 else { return nil }
            let offset = hours * 3_600 + minutes * 60
            timestamp.utcOffsetSeconds = bytes[index] == 0x2D ? -offset : offset
            index += 6
        }
        if index < end, bytes[index] == 0x5B { // [pid]: 1 to 9 digits, as the parser reads it
            guard let close = ByteSearch.firstIndex(of: 0x5D, in: bytes[index..<end]), close - index >= 2,
                  close - index <= 10, number(bytes, index + 1, close - index - 1) != nil,
                  close + 1 < end, bytes[close + 1] == 0x20 else { return nil }
            index = close + 2
        }
        return (timestamp, index)
    }

    /// 16 characters `xxxxxx-xxxxxx-xx`, or 23 `xxxxxx-xxxxxxxxxxx-xxxx` (Exim 4.97+), x a
    /// base-62 digit: the parser's test, so that both find a message id on the same lines.
    private static func isMessageID(_ bytes: ArraySlice<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let secondDash: Int
        switch end - start {
        case 16: secondDash = start + 13
        case 23: secondDash = start + 18
        default: return false
        }
        for index in start..<end {
            let byte = bytes[index]
            if index == start + 6 || index == secondDash {
                guard byte == 0x2D else { return false }
            } else {
                let letter = byte | 0x20
                guard (byte >= 0x30 && byte <= 0x39) || (letter >= 0x61 && letter <= 0x7A) else { return false }
            }
        }
        return true
    }

    // MARK: - Fields

    /// On `==` and `**` lines: the words and unquoted fields before `H=` (`R=… T=… defer (-44)`),
    /// one space apart, none of which could start the detail or carry `X=`/`CV=`; returns the
    /// index after `H=`. Anything else is left to the parser.
    private static func plainFieldsUntilHost(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        let end = bytes.endIndex
        var index = start
        while index + 2 < end, bytes[index] != 0x20 { // at a token's start
            let first = bytes[index], second = bytes[index + 1], third = bytes[index + 2]
            if second == 0x3D {
                if first == 0x48 { return index + 2 }   // H=
                if first == 0x58 { return nil }         // X=
            } else if first == 0x43, second == 0x56, third == 0x3D {
                return nil                              // CV=
            }
            var previous: UInt8 = 0
            while index < end, bytes[index] != 0x20 {
                previous = bytes[index]
                if previous == 0x22 { return nil }      // a quoted value
                index += 1
            }
            if previous == 0x3A { return nil }          // could start the detail
            index += 1
        }
        return nil
    }

    /// `name [ip][:port][*]` from `start` (just after `H=`), and the index after it.
    private static func host(_ bytes: ArraySlice<UInt8>, from start: Int)
        -> (name: Range<Int>, address: Range<Int>, port: Int?, reused: Bool, end: Int)? {
        let end = bytes.endIndex
        guard start < end, bytes[start] != 0x5B, bytes[start] != 0x28,
              let nameEnd = ByteSearch.firstIndex(of: 0x20, in: bytes[start..<end]), nameEnd > start,
              bytes[nameEnd - 1] != 0x3A, nameEnd + 2 < end, bytes[nameEnd + 1] == 0x5B,
              let ipEnd = ByteSearch.firstIndex(of: 0x5D, in: bytes[(nameEnd + 2)..<end]) else { return nil }
        var cursor = ipEnd + 1
        var port: Int?
        if cursor + 1 < end, bytes[cursor] == 0x3A, bytes[cursor + 1] >= 0x30, bytes[cursor + 1] <= 0x39 {
            var digitsEnd = cursor + 1
            while digitsEnd < end, bytes[digitsEnd] >= 0x30, bytes[digitsEnd] <= 0x39 { digitsEnd += 1 }
            // As the parser: at most 9 digits read, and only 0...65535 is a port.
            port = number(bytes, cursor + 1, digitsEnd - cursor - 1).flatMap { $0 <= 65_535 ? $0 : nil }
            cursor = digitsEnd
        }
        var reused = false
        if cursor < end, bytes[cursor] == 0x2A {
            reused = true
            cursor += 1
        }
        return (start..<nameEnd, (nameEnd + 2)..<ipEnd, port, reused, cursor)
    }


    /// `X=` (whether present) and `CV=` (its value) among the fields from `start`, read token by
    /// token as the parser does: quoted values with `\` escapes skipped whole, a value ending in
    /// `:` starting the detail (no fields after it). Stops once both are found: on Exim's lines
    /// they come right after the host, before the peer-controlled `DN="…"` and `C="…"`. Nil for a
    /// quoted or `:`-ended `CV=` value (left to the parser).
    private static func tlsFields(_ bytes: ArraySlice<UInt8>, from start: Int) -> (Bool, Range<Int>?)? {
        let end = bytes.endIndex
        var hasCipher = false
        var verified: Range<Int>?
        var index = start
        while true {
            while index < end, bytes[index] == 0x20 { index += 1 }
            guard index < end, !(hasCipher && verified != nil) else { return (hasCipher, verified) }
            var keyEnd = index
            if isLetter(bytes[index]) {
                keyEnd += 1
                while keyEnd < end, isLetter(bytes[keyEnd]) || isDigit(bytes[keyEnd]) || bytes[keyEnd] == 0x5F { keyEnd += 1 }
            }
            guard keyEnd > index, keyEnd < end, bytes[keyEnd] == 0x3D else { // a word
                index = ByteSearch.firstIndex(of: 0x20, in: bytes[index..<end]) ?? end
                continue
            }
            let keyLength = keyEnd - index
            let isCipher = keyLength == 1 && bytes[index] == 0x58                                      // X
            let isVerified = verified == nil && keyLength == 2 && bytes[index] == 0x43 && bytes[index + 1] == 0x56 // CV
            if keyLength == 1 && bytes[index] == 0x48 { return nil } // another host (H): the parser reads it as one
            if isCipher { hasCipher = true }
            let valueStart = keyEnd + 1
            if valueStart < end, bytes[valueStart] == 0x22 { // "quoted \"value\""
                if isVerified { return nil }
                index = valueStart + 1
                while index < end, bytes[index] != 0x22 { index += bytes[index] == 0x5C ? 2 : 1 }
                index = min(index + 1, end)
                if index < end, bytes[index] == 0x3A { return (hasCipher, verified) } // the detail starts
                continue
            }
            let valueEnd = ByteSearch.firstIndex(of: 0x20, in: bytes[valueStart..<end]) ?? end
            let endsDetail = valueEnd > valueStart && bytes[valueEnd - 1] == 0x3A
            if isVerified {
                if endsDetail { return nil }
                verified = valueStart..<valueEnd
            }
            if endsDetail { return (hasCipher, verified) }
            index = valueEnd
        }
    }

    // MARK: - Helpers

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The decimal number of `count` (1 to 9) digits at `start`, or nil.
    private static func number(_ bytes: ArraySlice<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard count > 0, count <= 9, start + count <= bytes.endIndex else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
