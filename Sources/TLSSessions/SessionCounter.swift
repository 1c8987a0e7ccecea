import EximLog
import MTASTSPolicy

/// Turns main log lines, in log order, into one day's TLS sessions (RFC 8460 §4.4 counts
/// sessions, not messages or recipients). Feed every line with ``consume(_:time:)``, then take
/// ``sessions``.
///
/// - `=>` with `X=`: a successful session (`CV=no` under a policy: a failure); `->` lines and
///   reused connections (`*` after the address) are not new sessions; `=>` with `H=` but no
///   `X=` to a domain with a policy: a cleartext failure.
/// - TLS error texts on `==`/`**` lines and on host lines (`H=... [ip]: ...`), and
///   `MTASTS-TLS` event lines: failures, mapped by ``EximTLSText``. Lines about the same
///   message and MX address less than ``sameSessionSeconds`` apart are ONE session (Exim logs a
///   failure on a host line, in an event and on the `==` line); the most specific result wins.
/// - Host lines carry no recipient: their failure is attributed to the domain of the message's
///   next delivery line.
struct SessionCounter {
    /// Lines of one delivery attempt are written within this many seconds.
    static let sameSessionSeconds: Int64 = 1

    let day: UTCDay
    let hadPolicy: @Sendable (DomainName, UTCDay) -> Bool
    /// The tallies so far, without the successes ``domains`` still holds.
    private var tallied: DailySessions
    private var policyAnswers: [DomainName: Bool] = [:]
    private var open = RecentSessions<Candidate>()
    /// Recipient domains already seen (each validated once) and their successful sessions.
    private var domains = RecipientDomains()

    /// The day's sessions so far.
    var sessions: DailySessions {
        var sessions = tallied
        domains.merge(into: &sessions)
        return sessions
    }

    struct SessionKey: Hashable {
        var messageID: PackedText
        var address: PackedText

        func hash(into hasher: inout Hasher) {
            PackedText.hash(messageID, address, into: &hasher)
        }
    }

    /// A session seen on one or more lines.
    struct Candidate {
        var time: Int64
        var key: FailureKey?
        var strength: Int
        var domain: DomainName?
        /// Whether the session is in the tallies already (a failure with a known domain, or a success).
        var recorded: Bool
        /// Whether a delivery line (`=>`, `==`, `**`) ended the attempt: a later host line or event
        /// is a new session; only further recipients' lines of the same second belong to it.
        var closed = false
    }

    init(day: UTCDay, hadPolicy: @escaping @Sendable (DomainName, UTCDay) -> Bool) {
        self.day = day
        self.hadPolicy = hadPolicy
        tallied = DailySessions(day: day)
    }

    mutating func consume(_ line: EximLogLine, time: Int64) {
        guard let messageID = line.messageID.map(PackedText.init) else { return }
        open.advance(to: time)
        if line.words.first == EventLine.marker {
            if let event = EventLine(line) { consume(event, messageID: messageID, time: time) }
            return
        }
        switch line.flag {
        case .delivered?, .failed?, .deferred?:
            if let facts = DeliveryFacts(line) { consume(facts, time: time) }
        case nil: hostLine(line, messageID: messageID, time: time)
        default: return
        }
    }

    // MARK: - Line kinds

    /// A delivery line read by ``DeliveryLineScanner`` from `bytes`. The common case, a TLS
    /// delivery that is a success, is counted straight from the bytes: what ``consume(_:time:)``
    /// does with the line's ``DeliveryFacts`` then, without making them. Others take that path.
    mutating func consume(_ line: ScannedDelivery, in bytes: ArraySlice<UInt8>, messageID: PackedText, time: Int64) {
        let verified = line.verifiedValue(in: bytes)
        guard line.flag == .delivered, line.hasCipher, verified != .no || line.reusedConnection else {
            consume(line.facts(in: bytes), time: time)
            return
        }
        open.advance(to: time)
        guard let domainText = line.recipientDomain(in: bytes), let slot = domains.slot(for: PackedText(domainText)) else { return }
        let domain = domains.slots[slot].domain
        attributePending(messageID: messageID, domain: domain)
        if line.reusedConnection { return } // counted when the connection was opened
        domains.recordSuccess(slot: slot, mxHost: PackedText(bytes[line.hostName]), usedDANE: verified == .dane)
        let sessionKey = SessionKey(messageID: messageID, address: PackedText(bytes[line.hostAddress]))
        remember(sessionKey, Candidate(time: time, key: nil, strength: 0, domain: domain, recorded: true, closed: true))
    }

    /// A delivery line (`=>`, `==`, `**`), parsed or scanned.
    mutating func consume(_ line: DeliveryFacts, time: Int64) {
        open.advance(to: time)
        let messageID = PackedText(line.messageID)
        guard let domain = recipientDomain(of: line) else { return }
        attributePending(messageID: messageID, domain: domain)
        guard let host = line.host, let address = host.address else { return }
        let sessionKey = SessionKey(messageID: messageID, address: PackedText(address))
        let text = line.detail ?? ""
        if line.flag != .delivered, let rule = EximTLSText.rule(for: text), let type = rule.resultType {
            let key = failureKey(type, host: host, text: text)
            failure(key, strength: 2, domain: domain, at: sessionKey, time: time, outcome: true)
            return
        }
        guard line.hasCipher else {
            // Cleartext delivery to a domain whose policy required TLS (RFC 8461 §5).
            if line.flag == .delivered, !host.reusedConnection, policy(domain) {
                let key = failureKey(.starttlsNotSupported, host: host, text: "delivered without TLS")
                failure(key, strength: 1, domain: domain, at: sessionKey, time: time, outcome: true)
            }
            return
        }
        if host.reusedConnection { return } // counted when the connection was opened
        if line.flag != .delivered, let existing = open[sessionKey], time - existing.time <= Self.sameSessionSeconds {
            return // a further recipient's rejection in a session already counted
        }
        let verified = line.verified.map { VerifiedValue($0.utf8) }
        if verified == .no, policy(domain) {
            let key = failureKey(.validationFailure, host: host, text: "certificate not verified (CV=no)")
            failure(key, strength: 1, domain: domain, at: sessionKey, time: time, outcome: true)
            return
        }
        tallied.tallies[domain, default: SessionTally(domain: domain)].recordSuccess(mxHost: host.name)
        if verified == .dane { tallied.tallies[domain]?.usedDANE = true }
        remember(sessionKey, Candidate(time: time, key: nil, strength: 0, domain: domain, recorded: true, closed: true))
    }

    private mutating func hostLine(_ line: EximLogLine, messageID: PackedText, time: Int64) {
        guard let host = line.host, let address = host.address else {
            // OpenSSL's "SSL verify error: ..." line names no host: it sharpens the next failure.
            if line.body.contains("SSL verify error"), let type = EximTLSText.resultType(for: line.body) {
                pendingHints[messageID] = (type, time)
            }
            return
        }
        let text = line.detail ?? line.words.joined(separator: " ")
        guard let type = EximTLSText.resultType(for: text) else { return }
        let key = failureKey(type, host: host, text: text)
        failure(key, strength: 2, domain: nil, at: SessionKey(messageID: messageID, address: PackedText(address)), time: time)
    }

    private mutating func consume(_ event: EventLine, messageID: PackedText, time: Int64) {
        guard let address = event.ip, let domain = event.domain,
              let (type, strength, text) = event.failure else { return }
        let key = FailureKey(resultType: type, sendingMTAIP: event.sendingIP, receivingMXHostname: event.host,
                             receivingIP: address, failureReasonCode: text)
        failure(key, strength: strength, domain: domain, at: SessionKey(messageID: messageID, address: PackedText(address)), time: time)
    }

    private var pendingHints: [PackedText: (ResultType, Int64)] = [:]
    /// Sessions from host lines waiting for their message's delivery line to name the domain.
    private var unattributed: [PackedText: [SessionKey]] = [:]

    // MARK: - Sessions

    private mutating func failure(_ proposed: FailureKey, strength proposedStrength: Int, domain: DomainName?,
                                  at sessionKey: SessionKey, time: Int64, outcome: Bool = false) {
        var key = proposed
        var strength = proposedStrength
        if let (hint, hintTime) = pendingHints[sessionKey.messageID], time - hintTime <= Self.sameSessionSeconds,
           strength <= 2, key.resultType == .validationFailure || key.resultType == .certificateNotTrusted {
            key.resultType = hint
            strength = 3
            pendingHints[sessionKey.messageID] = nil
        }
        if var existing = open[sessionKey], time - existing.time <= Self.sameSessionSeconds,
           !existing.closed || (outcome && time == existing.time) {
            existing.time = time
            existing.closed = existing.closed || outcome
            if existing.key == nil {
                // A success on this connection already: a later failure text is the same session.
                open[sessionKey] = existing
                return
            }
            if strength > existing.strength || (existing.domain == nil && domain != nil) {
                let better = strength > existing.strength ? key : existing.key!
                if existing.recorded, let old = existing.key, let recordedDomain = existing.domain {
                    tallied.tallies[recordedDomain]?.removeFailure(old)
                    existing.recorded = false
                }
                existing.key = better
                existing.strength = max(strength, existing.strength)
                existing.domain = existing.domain ?? domain
                if let target = existing.domain {
                    record(better, domain: target)
                    existing.recorded = true
                }
            }
            open[sessionKey] = existing
            return
        }
        var candidate = Candidate(time: time, key: key, strength: strength, domain: domain, recorded: false, closed: outcome)
        if let domain {
            record(key, domain: domain)
            candidate.recorded = true
        } else {
            unattributed[sessionKey.messageID, default: []].append(sessionKey)
        }
        remember(sessionKey, candidate)
    }

    /// Host-line failures of `messageID` still without a domain get the domain of its delivery line.
    private mutating func attributePending(messageID: PackedText, domain: DomainName) {
        guard !unattributed.isEmpty, let keys = unattributed.removeValue(forKey: messageID) else { return }
        for sessionKey in keys {
            guard var candidate = open[sessionKey], !candidate.recorded, let key = candidate.key else { continue }
            candidate.domain = domain
            candidate.recorded = true
            record(key, domain: domain)
            open[sessionKey] = candidate
        }
    }

    private mutating func record(_ key: FailureKey, domain: DomainName) {
        tallied.tallies[domain, default: SessionTally(domain: domain)].recordFailure(key)
    }

    private mutating func remember(_ sessionKey: SessionKey, _ candidate: Candidate) {
        open[sessionKey] = candidate
        insertionsSincePrune += 1
        if insertionsSincePrune >= 65_536 { prune(before: candidate.time - 3_600) }
    }

    private var insertionsSincePrune = 0

    /// Forgets per-message leftovers no later line can use (memory stays flat in log size).
    private mutating func prune(before time: Int64) {
        insertionsSincePrune = 0
        pendingHints = pendingHints.filter { $0.value.1 >= time }
        unattributed = unattributed.filter { $0.value.contains { open[$0] != nil } }
        domains.prune(into: &tallied)
    }

    /// The domain after the recipient's last `@`, validated once per distinct text.
    private mutating func recipientDomain(of line: DeliveryFacts) -> DomainName? {
        guard let domainText = line.recipientDomainText, let slot = domains.slot(for: PackedText(domainText)) else { return nil }
        return domains.slots[slot].domain
    }

    private mutating func policy(_ domain: DomainName) -> Bool {
        if let known = policyAnswers[domain] { return known }
        let answer = hadPolicy(domain, day)
        policyAnswers[domain] = answer
        return answer
    }

    private func failureKey(_ type: ResultType, host: EximHost, text: String) -> FailureKey {
        FailureKey(resultType: type, receivingMXHostname: host.name, receivingIP: host.address,
                   failureReasonCode: Self.reasonCode(text))
    }

    /// Exim's text, trimmed and bounded, for `failure-reason-code` (RFC 8460 §4.4).
    static func reasonCode(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        // No more UTF-8 bytes than 200 means no more characters: the count is skipped.
        return trimmed.utf8.count > 200 && trimmed.count > 200 ? String(trimmed.prefix(200)) : trimmed
    }
}

extension SessionTally {
    /// Takes back one failure (a session re-classified by a more specific line).
    mutating func removeFailure(_ key: FailureKey) {
        guard let count = failedSessions[key] else { return }
        failedSessions[key] = count > 1 ? count - 1 : nil
    }
}
