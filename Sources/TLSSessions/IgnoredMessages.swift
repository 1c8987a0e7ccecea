import EximLog

/// The messages of ignored senders (`report.ignore_senders`: our own TLS and DMARC reports),
/// learned from their `<=` arrival lines: `==` lines carry no sender, so every later line of
/// such a message is recognised by its id.
struct IgnoredMessages {
    let senders: Set<String>
    private var messages: Set<String> = []

    init(senders: Set<String>) {
        self.senders = senders
    }

    /// Whether `id` belongs to an ignored message.
    func contains(messageID id: String) -> Bool { messages.contains(id) }

    /// Whether `line` belongs to an ignored message (remembering new ones from arrivals).
    mutating func consume(_ line: EximLogLine) -> Bool {
        guard !senders.isEmpty, let id = line.messageID else { return false }
        if line.flag == .arrival {
            let sender = (line[field: "F"] ?? line.address ?? "").lowercased()
            let bare = sender.hasPrefix("<") && sender.hasSuffix(">") ? String(sender.dropFirst().dropLast()) : sender
            if senders.contains(bare) { messages.insert(id) }
            return true
        }
        return messages.contains(id)
    }
}

/// A cheap look at a line's bytes before the full parse: only delivery outcomes, host lines,
/// event lines and arrivals from ignored senders can matter to the sessions.
struct LinePrefilter {
    /// The ignored senders, lower case, as bytes.
    let ignoredSenders: Set<[UInt8]>

    init(ignoredSenders: Set<String>) {
        self.ignoredSenders = Set(ignoredSenders.map { Array($0.lowercased().utf8) })
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
        guard index < end, let idEnd = bytes[index..<end].firstIndex(of: 0x20),
              idEnd - index == 16 || idEnd - index == 23 else { return false }
        let next = idEnd + 1
        guard next + 2 < end else { return false }
        let a = bytes[next], b = bytes[next + 1], c = bytes[next + 2]
        if c == 0x20 {
            if (a == 0x3D && b == 0x3E) || (a == 0x3D && b == 0x3D) || (a == 0x2A && b == 0x2A) { return true } // => == **
            if a == 0x3C && b == 0x3D { return isIgnoredArrival(bytes, senderAt: next + 3) }                      // <=
            return false                                                                                        // -> and others
        }
        if a == 0x48 && b == 0x3D { return !contains(bytes, Self.pullNoise) }  // "H=": a host line
        if a == 0x4D && b == 0x54 { return true }                              // "MT": MTASTS-TLS
        if a == 0x53 && b == 0x53 { return true }                              // "SS": "SSL verify error"
        if a == 0x54 && b == 0x4C { return true }                              // "TL": "TLS session: ...: delivering unencrypted to H=..."
        if a == 0x5B { return true }                                           // "[ip] SSL verify error" (OpenSSL)
        return false
    }

    /// What Exim logs when a peer closes the TLS connection after QUIT: never a failure.
    private static let pullNoise = Array("] TLS error on connection (".utf8)

    private func isIgnoredArrival(_ bytes: ArraySlice<UInt8>, senderAt start: Int) -> Bool {
        guard !ignoredSenders.isEmpty else { return false }
        var end = start
        while end < bytes.endIndex, bytes[end] != 0x20 { end += 1 }
        var sender = Array(bytes[start..<end])
        if sender.first == 0x3C, sender.last == 0x3E { sender = Array(sender.dropFirst().dropLast()) }
        for index in sender.indices where sender[index] >= 0x41 && sender[index] <= 0x5A { sender[index] |= 0x20 }
        return ignoredSenders.contains(sender)
    }

    private func contains(_ bytes: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var start = bytes.startIndex
        let last = bytes.endIndex - needle.count
        while start <= last {
            guard let candidate = bytes[start...last].firstIndex(of: first) else { return false }
            if bytes[candidate..<(candidate + needle.count)].elementsEqual(needle) { return true }
            start = candidate + 1
        }
        return false
    }
}
