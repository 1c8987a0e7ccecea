import EximLog

/// What the session count needs from a delivery line (`=>`, `==`, `**`), taken from a parsed
/// ``EximLogLine`` or, for the common `=>` line, straight from its bytes (``init(scanning:)``).
struct DeliveryFacts: Equatable {
    var timestamp: EximTimestamp
    var flag: EximFlag
    var messageID: String
    /// The recipient address as logged (the text after the flag).
    var recipient: String
    var host: EximHost?
    /// Whether `X=` (the TLS cipher) was logged.
    var hasCipher: Bool
    /// `CV=`, when logged.
    var verified: String?
    /// The error text after the host, on `==` and `**` lines (nil on `=>` lines: the count
    /// does not read it there).
    var detail: String?

    init(timestamp: EximTimestamp, flag: EximFlag, messageID: String, recipient: String, host: EximHost?,
         hasCipher: Bool, verified: String?, detail: String?) {
        self.timestamp = timestamp
        self.flag = flag
        self.messageID = messageID
        self.recipient = recipient
        self.host = host
        self.hasCipher = hasCipher
        self.verified = verified
        self.detail = detail
    }

    init?(_ line: EximLogLine) {
        guard let flag = line.flag, let messageID = line.messageID, let address = line.address else { return nil }
        self.init(timestamp: line.timestamp, flag: flag, messageID: messageID, recipient: address, host: line.host,
                  hasCipher: line.tlsCipher != nil, verified: line.certificateVerified,
                  detail: flag == .delivered ? nil : line.detail)
    }

    /// The domain text after the recipient's last `@`.
    var recipientDomainText: Substring? {
        let utf8 = recipient.utf8
        // A native string's bytes are contiguous: searched directly, not through String indices.
        let found = utf8.withContiguousStorageIfAvailable { $0.lastIndex(of: 0x40) }
            ?? utf8.lastIndex(of: 0x40).map { utf8.distance(from: utf8.startIndex, to: $0) }
        guard let at = found else { return nil }
        return recipient[utf8.index(utf8.startIndex, offsetBy: at + 1)...]
    }
}
