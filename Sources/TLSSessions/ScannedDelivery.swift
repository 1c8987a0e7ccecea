import EximLog

/// A delivery line as ``DeliveryLineScanner`` read it: where its parts are in the line's
/// bytes, nothing copied. ``facts(in:)`` makes the ``DeliveryFacts`` the parser would.
struct ScannedDelivery {
    var timestamp: EximTimestamp
    var flag: EximFlag
    var messageID: Range<Int>
    /// The recipient address as logged.
    var recipient: Range<Int>
    var hostName: Range<Int>
    var hostAddress: Range<Int>
    var port: Int?
    var reusedConnection: Bool
    /// Whether `X=` (the TLS cipher) was logged.
    var hasCipher: Bool
    /// The value of `CV=`, when logged.
    var verified: Range<Int>?
    /// The error text after the host, on `==` and `**` lines.
    var detail: Range<Int>?

    /// The text after the recipient's last `@`, or nil without one.
    func recipientDomain(in bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var index = recipient.upperBound
        while index > recipient.lowerBound {
            index -= 1
            if bytes[index] == 0x40 { return bytes[(index + 1)..<recipient.upperBound] }
        }
        return nil
    }

    /// `CV=` as the count reads it.
    func verifiedValue(in bytes: ArraySlice<UInt8>) -> VerifiedValue? {
        verified.map { VerifiedValue(bytes[$0]) }
    }

    /// The parts as text (invalid UTF-8 replaced as the parser does: every part starts and ends
    /// next to an ASCII byte).
    func facts(in bytes: ArraySlice<UInt8>) -> DeliveryFacts {
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        return DeliveryFacts(timestamp: timestamp, flag: flag, messageID: text(messageID), recipient: text(recipient),
                             host: EximHost(name: text(hostName), address: text(hostAddress), port: port,
                                            reusedConnection: reusedConnection),
                             hasCipher: hasCipher, verified: verified.map(text), detail: detail.map(text))
    }
}
