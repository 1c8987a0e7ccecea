import MTASTSPolicy

/// The recipient domains of delivery lines: each distinct text validated once, and for each
/// domain the successful sessions counted on the fast path (``DeliveryLineScanner``), added to
/// the tallies by ``merge(into:)``. Counts kept here instead of in `[DomainName: SessionTally]`
/// spare a hash of the domain and of the MX host name for every delivery line.
struct RecipientDomains {
    struct Slot {
        let domain: DomainName
        var successes = 0
        var usedDANE = false
        var mxHosts: Set<PackedText> = []
    }

    /// Recipient domain text (as logged) → slot, or nil when the text is no valid domain.
    private var index: [PackedText: Int?] = [:]
    private(set) var slots: [Slot] = []

    /// How many distinct texts are remembered before the table is folded into the tallies and
    /// started afresh (memory stays flat whatever the log's size).
    static let maximumTexts = 100_000

    /// The slot of the domain `text` names (the text after a recipient's last `@`), or nil
    /// when it is no valid domain name.
    mutating func slot(for text: PackedText) -> Int? {
        if let known = index[text] { return known }
        let slot: Int?
        if let domain = try? DomainName(validating: text.string) {
            slots.append(Slot(domain: domain))
            slot = slots.count - 1
        } else {
            slot = nil
        }
        index[text] = slot
        return slot
    }

    mutating func recordSuccess(slot: Int, mxHost: PackedText, usedDANE: Bool) {
        slots[slot].successes += 1
        slots[slot].mxHosts.insert(mxHost)
        if usedDANE { slots[slot].usedDANE = true }
    }

    /// Adds the counted successes to `sessions`.
    func merge(into sessions: inout DailySessions) {
        for slot in slots where slot.successes > 0 {
            var tally = sessions.tallies[slot.domain] ?? SessionTally(domain: slot.domain)
            tally.successfulSessions += slot.successes
            for host in slot.mxHosts { tally.mxHosts.insert(host.string) }
            if slot.usedDANE { tally.usedDANE = true }
            sessions.tallies[slot.domain] = tally
        }
    }

    /// Folds the counts into `sessions` and forgets everything when the table has grown large.
    mutating func prune(into sessions: inout DailySessions) {
        guard index.count > Self.maximumTexts else { return }
        merge(into: &sessions)
        index.removeAll()
        slots.removeAll()
    }
}
