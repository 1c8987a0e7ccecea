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
/// event lines and (with ignored senders) arrivals can matter to the sessions.
enum LinePrefilter {
    /// Whether the line starts like a main log line (`YYYY-MM-DD HH:MM:SS`); others are skipped lines.
    static func looksLikeLogLine(_ bytes: ArraySlice<UInt8>) -> Bool {
        let base = bytes.startIndex
        guard bytes.count >= 19 else { return false }
        return bytes[base + 4] == 0x2D && bytes[base + 7] == 0x2D && bytes[base + 10] == 0x20
            && bytes[base + 13] == 0x3A && bytes[base + 16] == 0x3A
            && bytes[base] >= 0x30 && bytes[base] <= 0x39
    }

    static func mayMatter(_ bytes: ArraySlice<UInt8>, ignoring: Bool) -> Bool {
        // Find the first two-character token after "YYYY-MM-DD HH:MM:SS[.mmm][ +zzzz][ [pid]] <id> ".
        var index = bytes.startIndex
        var spaces = 0
        let limit = min(bytes.endIndex, bytes.startIndex + 80)
        // Skip to the message id: after the time, zone and pid there is a 16- or 23-character id.
        while index < limit {
            if bytes[index] == 0x20 {
                spaces += 1
                let next = index + 1
                if next + 2 < bytes.endIndex, spaces >= 2 {
                    let a = bytes[next], b = bytes[next + 1], c = bytes[next + 2]
                    if c == 0x20 {
                        if (a == 0x3D && b == 0x3E) || (a == 0x3D && b == 0x3D) || (a == 0x2A && b == 0x2A) { return true }
                        if a == 0x3C && b == 0x3D { return ignoring }
                        if a == 0x2D && b == 0x3E { return false }
                    }
                    if a == 0x48 && b == 0x3D { return true }      // "H=": a host line
                    if a == 0x4D && b == 0x54 { return true }      // "MT": MTASTS-TLS
                    if a == 0x53 && b == 0x53 { return true }      // "SS": OpenSSL's SSL verify error
                    if a == 0x43 && b == 0x6F { return false }     // "Completed"
                }
            }
            index += 1
        }
        return false
    }
}
