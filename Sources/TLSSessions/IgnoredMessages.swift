import EximLog

/// The messages of ignored senders (`report.ignore_senders`: our own TLS and DMARC reports),
/// learned from their `<=` arrival lines: `==` lines carry no sender, so every later line of
/// such a message is recognised by its id.
struct IgnoredMessages {
    let senders: Set<String>
    private var messages: Set<PackedText> = []

    init(senders: Set<String>) {
        self.senders = senders
    }

    /// Whether `id` belongs to an ignored message.
    func contains(messageID id: PackedText) -> Bool { !messages.isEmpty && messages.contains(id) }

    /// Whether `line` belongs to an ignored message (remembering new ones from arrivals).
    mutating func consume(_ line: EximLogLine) -> Bool {
        guard !senders.isEmpty, let id = line.messageID else { return false }
        if line.flag == .arrival {
            let sender = (line[field: "F"] ?? line.address ?? "").lowercased()
            let bare = sender.hasPrefix("<") && sender.hasSuffix(">") ? String(sender.dropFirst().dropLast()) : sender
            if senders.contains(bare) { messages.insert(PackedText(id)) }
            return true
        }
        return contains(messageID: PackedText(id))
    }
}
