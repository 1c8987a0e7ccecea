/// Splits a main log line's bytes into an ``EximLogLine``: header (timestamp, pid, message id,
/// flag), addresses, then `KEY=value` fields, bare words and a `:`-introduced detail.
struct EximLogLineParser {
    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    static func parse(_ bytes: [UInt8]) throws(EximLogParseError) -> EximLogLine {
        var parser = EximLogLineParser(bytes)
        return try parser.line()
    }

    // MARK: - The line

    private mutating func line() throws(EximLogParseError) -> EximLogLine {
        let timestamp = try self.timestamp()
        var line = EximLogLine(timestamp: timestamp)
        line.processID = processID()
        skipSpaces()
        if let id = peekToken(), isMessageIDToken(id) {
            line.messageID = text(id)
            index = id.upperBound
            skipSpaces()
        }
        line.body = text(index..<bytes.count)
        if let token = peekToken(), let flag = EximFlag(rawValue: text(token)) {
            line.flag = flag
            index = token.upperBound
            skipSpaces()
            addresses(into: &line)
        }
        if line.detail == nil { rest(into: &line) }
        return line
    }

    // MARK: - Header

    private mutating func timestamp() throws(EximLogParseError) -> EximTimestamp {
        // YYYY-MM-DD HH:MM:SS
        guard bytes.count >= 19, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x20,
              bytes[13] == 0x3A, bytes[16] == 0x3A,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else {
            throw EximLogParseError(code: .noTimestamp)
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60 else {
            throw EximLogParseError(code: .invalidTimestamp)
        }
        var timestamp = EximTimestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        index = 19
        if index + 4 <= bytes.count, bytes[index] == 0x2E, let millisecond = number(index + 1..<index + 4) {
            timestamp.millisecond = millisecond
            index += 4
        }
        // " +hhmm" / " -hhmm", followed by a space or the end.
        if index + 6 <= bytes.count, bytes[index] == 0x20, bytes[index + 1] == 0x2B || bytes[index + 1] == 0x2D,
           index + 6 == bytes.count || bytes[index + 6] == 0x20,
           let hours = number(index + 2..<index + 4), let minutes = number(index + 4..<index + 6),
           hours < 24, minutes < 60 {
            let offset = hours * 3_600 + minutes * 60
            timestamp.utcOffsetSeconds = bytes[index + 1] == 0x2D ? -offset : offset
            index += 6
        }
        return timestamp
    }

    private mutating func processID() -> Int? {
        var probe = index
        while probe < bytes.count, bytes[probe] == 0x20 { probe += 1 }
        guard probe < bytes.count, bytes[probe] == 0x5B,
              let close = bytes[probe...].firstIndex(of: 0x5D), close > probe + 1,
              close + 1 == bytes.count || bytes[close + 1] == 0x20,
              let pid = number(probe + 1..<close) else { return nil }
        index = close + 1
        return pid
    }

    /// 16 characters `xxxxxx-xxxxxx-xx`, or 23 characters `xxxxxx-xxxxxxxxxxx-xxxx` (Exim 4.97+),
    /// x a base-62 digit.
    static func isMessageID(_ range: Range<Int>, in bytes: [UInt8]) -> Bool {
        let dashes: (Int, Int)
        switch range.count {
        case 16: dashes = (6, 13)
        case 23: dashes = (6, 18)
        default: return false
        }
        for (offset, byte) in bytes[range].enumerated() {
            if offset == dashes.0 || offset == dashes.1 {
                if byte != 0x2D { return false }
            } else if !isAlphanumeric(byte) {
                return false
            }
        }
        return true
    }

    private func isMessageIDToken(_ range: Range<Int>) -> Bool { Self.isMessageID(range, in: bytes) }

    // MARK: - Addresses

    /// The address after the flag and the `<parent>` addresses after it. An address or parent
    /// ending in `:` (`** a@b: Unrouteable address`) starts the detail.
    private mutating func addresses(into line: inout EximLogLine) {
        guard let token = addressToken() else { return }
        index = token.upperBound
        var address = text(token)
        if address.hasSuffix(":") && !address.hasPrefix("<") {
            address.removeLast()
            line.address = address
            line.detail = detailText()
            return
        }
        line.address = address
        skipSpaces()
        while let parent = peekToken(), bytes[parent.lowerBound] == 0x3C {
            var value = text(parent)
            let endsDetail = value.hasSuffix(">:")
            if endsDetail { value.removeLast() }
            guard value.hasSuffix(">") else { break }
            line.parentAddresses.append(String(value.dropFirst().dropLast()))
            index = parent.upperBound
            if endsDetail {
                line.detail = detailText()
                return
            }
            skipSpaces()
        }
    }

    /// The address token: up to a space, except inside a quoted local part (`"a b"@example.com`).
    private func addressToken() -> Range<Int>? {
        guard index < bytes.count else { return nil }
        var end = index
        var quoted = false
        while end < bytes.count {
            let byte = bytes[end]
            if byte == 0x22 { quoted.toggle() } else if byte == 0x5C && quoted { end += 1 } else if byte == 0x20 && !quoted { break }
            end += 1
        }
        return index..<min(end, bytes.count)
    }

    // MARK: - Fields, words, detail

    private mutating func rest(into line: inout EximLogLine) {
        while true {
            skipSpaces()
            guard index < bytes.count else { return }
            if let key = fieldKey() {
                index += key.count + 1
                if key == "H" {
                    let start = index
                    let (host, endsDetail) = hostValue()
                    line.host = line.host ?? host
                    line.fields.append(EximLogField(key: key, value: text(start..<index).trimmingColon(endsDetail)))
                    if endsDetail { line.detail = detailText(); return }
                } else {
                    let (value, endsDetail) = fieldValue()
                    line.fields.append(EximLogField(key: key, value: value))
                    if endsDetail { line.detail = detailText(); return }
                }
            } else {
                guard let word = peekToken() else { return }
                line.words.append(text(word))
                index = word.upperBound
            }
        }
    }

    /// `KEY=` at the cursor: a letter, then letters or digits, then `=`.
    private func fieldKey() -> String? {
        guard index < bytes.count, Self.isLetter(bytes[index]) else { return nil }
        var end = index + 1
        while end < bytes.count, Self.isAlphanumeric(bytes[end]) || bytes[end] == 0x5F { end += 1 }
        guard end < bytes.count, bytes[end] == 0x3D else { return nil }
        return text(index..<end)
    }

    /// A plain or quoted value; a `:` right after it (then a space or the end) starts the detail.
    private mutating func fieldValue() -> (String, endsDetail: Bool) {
        if index < bytes.count, bytes[index] == 0x22 {
            var value: [UInt8] = []
            index += 1
            while index < bytes.count, bytes[index] != 0x22 {
                if bytes[index] == 0x5C, index + 1 < bytes.count { index += 1 }
                value.append(bytes[index])
                index += 1
            }
            if index < bytes.count { index += 1 } // the closing quote
            let endsDetail = index < bytes.count && bytes[index] == 0x3A
            if endsDetail { index += 1 }
            return (String(decoding: value, as: UTF8.self), endsDetail)
        }
        let start = index
        while index < bytes.count, bytes[index] != 0x20 { index += 1 }
        let endsDetail = index > start && bytes[index - 1] == 0x3A
        let value = text(start..<(endsDetail ? index - 1 : index))
        return (value, endsDetail)
    }

    /// `name`, `[ip]`, `name [ip]`, `name (helo) [ip]`, each `[ip]` with optional `:port` and `*`.
    private mutating func hostValue() -> (EximHost, endsDetail: Bool) {
        var host = EximHost(name: nil, address: nil)
        if index < bytes.count, bytes[index] != 0x5B, bytes[index] != 0x28 {
            let start = index
            while index < bytes.count, bytes[index] != 0x20 { index += 1 }
            var name = text(start..<index)
            if name.hasSuffix(":") {
                name.removeLast()
                host.name = name
                return (host, true)
            }
            host.name = name
        }
        // " (helo)"
        var probe = index
        while probe < bytes.count, bytes[probe] == 0x20 { probe += 1 }
        if probe < bytes.count, bytes[probe] == 0x28, let close = bytes[probe...].firstIndex(of: 0x29) {
            host.helo = text(probe + 1..<close)
            index = close + 1
            probe = index
            while probe < bytes.count, bytes[probe] == 0x20 { probe += 1 }
        }
        // " [ip]:port*"
        if probe < bytes.count, bytes[probe] == 0x5B, let close = bytes[probe...].firstIndex(of: 0x5D) {
            host.address = text(probe + 1..<close)
            index = close + 1
            if index + 1 < bytes.count, bytes[index] == 0x3A, Self.isDigit(bytes[index + 1]) {
                let start = index + 1
                index = start
                while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
                host.port = number(start..<index).flatMap { $0 <= 65_535 ? $0 : nil } // not a port otherwise
            }
            if index < bytes.count, bytes[index] == 0x2A {
                host.reusedConnection = true
                index += 1
            }
        }
        let endsDetail = index < bytes.count && bytes[index] == 0x3A
        if endsDetail { index += 1 }
        return (host, endsDetail)
    }

    private mutating func detailText() -> String {
        skipSpaces()
        let detail = text(index..<bytes.count)
        index = bytes.count
        return detail
    }

    // MARK: - Helpers

    private func peekToken() -> Range<Int>? {
        guard index < bytes.count, bytes[index] != 0x20 else { return nil }
        var end = index
        while end < bytes.count, bytes[end] != 0x20 { end += 1 }
        return index..<end
    }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private func number(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9, range.upperBound <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[range] {
            guard Self.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
}

private extension String {
    func trimmingColon(_ trim: Bool) -> String {
        trim && hasSuffix(":") ? String(dropLast()) : self
    }
}
