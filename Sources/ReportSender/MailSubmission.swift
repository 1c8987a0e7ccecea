import HTTPSFetch

/// Hands a report mail to the mail system.
public protocol MailSubmission: Sendable {
    /// Whether the `Bcc` travels as a header (`sendmail -t` reads and removes it) rather than
    /// only in the envelope.
    var bccAsHeader: Bool { get }

    /// Submits `email`. `handedOver` is called at the moment the message can no longer be
    /// taken back (the local MTA has the complete message), before the outcome is known; the
    /// journal records it, so a crash after that point does not resend.
    func submit(_ email: ReportEmail, handedOver: () -> Void) -> UploadOutcome
}

/// SMTP submission through libcurl (`report.smtp`). An SMTP transaction without the final
/// `250` after the data is not a delivered message, so nothing is "handed over" early: a
/// crash mid-transaction leaves a message the server discards, and the next run resends.
public struct SMTPSubmission: MailSubmission {
    public let url: String
    public let uploader: ReportUploader

    public init(url: String, uploader: ReportUploader) {
        self.url = url
        self.uploader = uploader
    }

    public var bccAsHeader: Bool { false }

    public func submit(_ email: ReportEmail, handedOver: () -> Void) -> UploadOutcome {
        uploader.submit(url: url, from: email.from, recipients: [email.to] + (email.bcc.map { [$0] } ?? []),
                        message: email.bytes)
    }
}
