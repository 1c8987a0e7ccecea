import EximLog

/// A cheap look at a line's bytes before the full parse: only delivery outcomes, host lines,
/// event lines and arrivals from ignored senders can matter to the sessions.
struct LinePrefilter {
    /// The ignored senders, lower case, as bytes (a handful: compared one by one).
    let ignoredSenders: [[UInt8]]

    init(ignoredSenders: Set<String>) {
        self.ignoredSenders = Set(ignoredSenders.map { Array($0.lowercased().utf8) }).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Whether the line starts like a main log line (`YYYY-MM-DD HH:MM:SS`); others are skipped lines.
    static func looksLikeLogLine(_ bytes: ArraySlice<UInt8>) -> Bool {
        let base = bytes.startIndex
        guard bytes.count >= 19 else { return false }
        return bytes[base + 4] == 0x2D && bytes[base + 7] == 0x2D && bytes[base + 10] == 0x20
            && bytes[base + 13] == 0x3A && bytes[base + 16] == 0x3A
            && bytes[base] >= 0x30 && bytes[base] <= 0x39
    }

    /// Looks at the token after the message id (`YYYY-MM-DD HH:MM:SS[.mmm][ +zzzz][ [pid]] <id> `).
    /// Lines without a message id never matter.
    func mayMatter(_ bytes: ArraySlice<UInt8>) -> Bool {
        let end = bytes.endIndex
        var index = bytes.startIndex + 19
        if index < end, bytes[index] == 0x2E { index += 4 }                                  // .mmm
        guard index < end, bytes[index] == 0x20 else { return false }
        index += 1
        if index < end, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 6 }        // +zzzz
        if index < end, bytes[index] == 0x5B {                                             // [pid]
            guard let close = bytes[index..<end].firstIndex(of: 0x5D) else { return false }
            index = close + 2
        }
        guard index < end, let idEnd = ByteSearch.firstIndex(of: 0x20, in: bytes[index..<end]),
              idEnd - index == 16 || idEnd - index == 23 else { return false }
        let next = idEnd + 1
        guard next + 2 < end else { return false }
        let a = bytes[next], b = bytes[next + 1], c = bytes[next + 2]
        if c == 0x20 {
            if (a == 0x3D && b == 0x3E) || (a == 0x3D && b == 0x3D) || (a == 0x2A && b == 0x2A) { return true } // => == **
            if a == 0x3C && b == 0x3D { return isIgnoredArrival(bytes, senderAt: next + 3) }                      // <=
            return false                                                                                        // -> and others
        }
        if a == 0x48 && b == 0x3D { return !ByteSearch.contains(Self.pullNoise, in: bytes[next...]) }  // "H=": a host line
        if a == 0x4D && b == 0x54 { return true }                              // "MT": MTASTS-TLS
        if a == 0x53 && b == 0x53 { return true }                              // "SS": "SSL verify error"
        if a == 0x54 && b == 0x4C { return true }                              // "TL": "TLS session: ...: delivering unencrypted to H=..."
        if a == 0x5B { return true }                                           // "[ip] SSL verify error" (OpenSSL)
        return false
    }

    /// What Exim logs when a peer closes the TLS connection after QUIT: never a failure.
    private static let pullNoise = Array("] TLS error on connection (".utf8)

    /// Whether the sender of an arrival (`<=`) line, starting at `start`, is an ignored sender:
    /// compared in place, ASCII case folded, angle brackets removed.
    private func isIgnoredArrival(_ bytes: ArraySlice<UInt8>, senderAt start: Int) -> Bool {
        guard !ignoredSenders.isEmpty else { return false }
        var end = ByteSearch.firstIndex(of: 0x20, in: bytes[start...]) ?? bytes.endIndex
        var first = start
        if end - first >= 2, bytes[first] == 0x3C, bytes[end - 1] == 0x3E { first += 1; end -= 1 }
        return ignoredSenders.contains { sender in
            guard sender.count == end - first else { return false }
            for offset in 0..<sender.count {
                var byte = bytes[first + offset]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if byte != sender[offset] { return false }
            }
            return true
        }
    }
}
