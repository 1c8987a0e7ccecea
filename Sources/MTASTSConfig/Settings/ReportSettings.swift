/// The `report` section: daily TLS reports (RFC 8460) about the sessions Exim made.
///
///     report:
///       organization: Example Mail
///       contact: postmaster@example.net
///       submitter: mail.example.net
///       from: tlsrpt@example.net
///       sendmail: /usr/sbin/sendmail
///       catch_up_days: 3
///       spread: 2h
public struct ReportSettings: Sendable, Equatable {
    /// `report.organization`: `organization-name` of every report (RFC 8460 §4.4). nil until set;
    /// `mtasts report` refuses to send without it.
    public var organization: String?
    /// `report.contact`: `contact-info` of every report, an e-mail address (RFC 8460 §4.4).
    public var contact: String?
    /// `report.submitter`: the domain in file names and `TLS-Report-Submitter` (RFC 8460 §5.1,
    /// §5.3). nil means the domain part of ``contact``.
    public var submitter: String?
    /// `report.from`: the report mail's `From` and envelope sender. nil means ``contact``.
    public var from: String?
    /// `report.bcc`: an optional address receiving a blind copy of every report mail.
    public var bcc: String?
    /// `report.sendmail`: the program mail reports are handed to (`-oi -t -f <from>`), so the
    /// local Exim queues and DKIM-signs them. Default `/usr/sbin/sendmail`.
    public var sendmail: String
    /// `report.smtp`: when set (`smtp://127.0.0.1:25`), reports are submitted over SMTP with
    /// libcurl instead of through ``sendmail``.
    public var smtp: String?
    /// `report.ignore_senders`: envelope senders whose deliveries are not counted (so report
    /// mail is never counted in the next report). Used by the log reader.
    public var ignoreSenders: [String]
    /// `report.ignore_domains`: recipient domains never reported to.
    public var ignoreDomains: [String]
    /// `report.catch_up_days`: how many past days a run catches up on (days missed while the
    /// host was down). From 1 to 30. Default 3.
    public var catchUpDays: Int
    /// `report.spread`: the window after midnight UTC over which sends are spread, each
    /// (domain, day) at its own fixed offset. From 0s to 12h. Default 2h.
    public var spread: Duration
    /// `report.timezone`: the time zone Exim's log timestamps are written in (`UTC`, `local`
    /// or an IANA name), used by the log reader. Default `local`.
    public var timezone: String

    public static let defaultSendmail = "/usr/sbin/sendmail"
    public static let defaultCatchUpDays = 3
    public static let defaultSpread: Duration = .seconds(7_200)
    public static let defaultTimezone = "local"
    public static let catchUpDaysRange: ClosedRange<Int> = 1...30
    public static let spreadRange: ClosedRange<Duration> = .zero...(.seconds(43_200))

    /// Settings with every default.
    public init(organization: String? = nil, contact: String? = nil, submitter: String? = nil,
                from: String? = nil, bcc: String? = nil, sendmail: String = ReportSettings.defaultSendmail,
                smtp: String? = nil, ignoreSenders: [String] = [], ignoreDomains: [String] = [],
                catchUpDays: Int = ReportSettings.defaultCatchUpDays, spread: Duration = ReportSettings.defaultSpread,
                timezone: String = ReportSettings.defaultTimezone) {
        self.organization = organization
        self.contact = contact
        self.submitter = submitter
        self.from = from
        self.bcc = bcc
        self.sendmail = sendmail
        self.smtp = smtp
        self.ignoreSenders = ignoreSenders
        self.ignoreDomains = ignoreDomains
        self.catchUpDays = catchUpDays
        self.spread = spread
        self.timezone = timezone
    }
}

extension ReportSettings {
    static var schema: Schema<ReportSettings> {
        Schema(
            .value("organization", \.organization, .string.checked { text in
                text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
                    ? "contains a control character (line break or tab)" : nil
            }),
            .value("contact", \.contact, .mailAddress),
            .value("submitter", \.submitter, .string.checked { text in
                text.isEmpty || text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || "!/<>@\"".unicodeScalars.contains($0) }
                    ? "is not a domain name (write mail.example.net)" : nil
            }),
            .value("from", \.from, .mailAddress),
            .value("bcc", \.bcc, .mailAddress),
            .value("sendmail", \.sendmail, .absoluteFilePath),
            .value("smtp", \.smtp, .string.checked { url in
                let lower = url.lowercased()
                return lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://")
                    ? nil : "is not an smtp:// or smtps:// URL (write smtp://127.0.0.1:25)"
            }),
            .value("ignore_senders", \.ignoreSenders, .list(of: .string)),
            .value("ignore_domains", \.ignoreDomains, .list(of: .string)),
            .value("catch_up_days", \.catchUpDays, .integer(in: catchUpDaysRange)),
            .value("spread", \.spread, .duration(in: spreadRange)),
            .value("timezone", \.timezone, .string)
        )
    }
}

extension ValueType where Value == String {
    /// An e-mail address `local@domain`: one `@`, no spaces, angle brackets or line breaks.
    static var mailAddress: ValueType<String> {
        string.checked { text in
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            let bad = text.contains { " \t\r\n<>,;\"".contains($0) }
            return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !bad
                ? nil : "is not a plain e-mail address (write name@example.net)"
        }
    }
}
