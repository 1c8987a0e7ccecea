import EximLog

/// Maps the TLS error texts Exim writes to its main log (GnuTLS and OpenSSL builds) to the
/// result types of RFC 8460 §4.3. The rules are tried in order; the first whose text occurs in
/// the line (ignoring case) decides. Texts that are not TLS failures (SMTP rejections,
/// connection errors, the `TLS error on connection` Exim logs when a peer closes after QUIT)
/// map to nil. See docs/tlsrpt.md, "Mapping Exim log texts to result types".
public enum EximTLSText {
    /// One row of the mapping: a text Exim writes and the result type it stands for.
    public struct Rule: Sendable, Equatable {
        public var text: String
        /// nil: the text is known and is not a TLS failure.
        public var resultType: ResultType?
        /// Only when the text ends the message (GnuTLS's bare host-name failure).
        public var atEnd: Bool

        init(_ text: String, _ resultType: ResultType?, atEnd: Bool = false) {
            self.text = text
            self.resultType = resultType
            self.atEnd = atEnd
        }
    }

    /// The mapping, most specific first.
    public static let rules: [Rule] = [
        // Not TLS failures: noise Exim logs when the peer drops the connection after QUIT.
        Rule("TLS error on connection", nil),
        // RFC 8460 §4.3.1: the MX did not offer STARTTLS although TLS was required.
        Rule("a TLS session is required, but the server did not offer TLS support", .starttlsNotSupported),
        Rule("a TLS session is required, but an attempt to start TLS failed", .validationFailure),
        // The enforce transport's tcp:connect veto of an MX the policy does not list
        // (RFC 8461 §4.1); reported as validation-failure, as Google does.
        Rule("Event requests alternate response", .validationFailure),
        // DANE (RFC 8460 §4.3.2.1).
        Rule("tlsa lookup DEFER", .dnssecInvalid),
        Rule("tlsa lookup FAIL", .daneRequired),
        Rule("not DNSSEC", .daneRequired),
        Rule("DANE attempt failed", .validationFailure),
        // OpenSSL builds: a separate "SSL verify error:" line names the reason.
        Rule("certificate has expired", .certificateExpired),
        Rule("certificate name mismatch", .certificateHostMismatch),
        Rule("hostname mismatch", .certificateHostMismatch),
        Rule("self signed certificate", .certificateNotTrusted),
        Rule("self-signed certificate", .certificateNotTrusted),
        Rule("unable to get local issuer certificate", .certificateNotTrusted),
        Rule("unable to get issuer certificate", .certificateNotTrusted),
        Rule("unable to verify the first certificate", .certificateNotTrusted),
        Rule("certificate revoked", .certificateNotTrusted),
        // GnuTLS builds: expired, self-signed and unknown-CA certificates all read
        // "certificate invalid"; the host-name check has nothing after the parenthesis.
        Rule("(certificate verification failed): certificate invalid", .certificateNotTrusted),
        Rule("(certificate verification failed)", .certificateHostMismatch, atEnd: true),
        Rule("(certificate verification failed):", .certificateNotTrusted),
        // Any other handshake trouble.
        Rule("TLS session: (gnutls_handshake)", .validationFailure),
        Rule("TLS session: (SSL_connect)", .validationFailure),
        Rule("TLS session:", .validationFailure),
        Rule("SSL verify error", .validationFailure),
        Rule("delivering unencrypted", .validationFailure),
    ]

    /// The result type `text` stands for, or nil when it is not a TLS failure Exim is known to write.
    public static func resultType(for text: some StringProtocol) -> ResultType? {
        rule(for: text)?.resultType
    }

    /// The first rule matching `text`.
    public static func rule(for text: some StringProtocol) -> Rule? {
        var haystack = Array(text.utf8)
        guard !haystack.isEmpty else { return nil }
        for index in haystack.indices where haystack[index] >= 0x41 && haystack[index] <= 0x5A { haystack[index] |= 0x20 }
        var end = haystack.count
        while end > 0, haystack[end - 1] == 0x20 { end -= 1 }
        for (rule, needle) in zip(rules, needles) {
            if rule.atEnd {
                if end >= needle.count, ByteSearch.equal(haystack[(end - needle.count)..<end], needle) { return rule }
            } else if ByteSearch.contains(needle, in: haystack[...]) {
                return rule
            }
        }
        return nil
    }

    /// The rules' texts in ASCII lower case, as bytes.
    private static let needles: [[UInt8]] = rules.map { rule in
        rule.text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }
}

extension String {
    /// Without leading and trailing spaces (Exim leaves a trailing space on some DANE texts).
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
