/// What a run did (or would do) about one report and destination, for the command's output.
public struct ReportAction: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case sent
        /// The send failed; retried later.
        case retrying
        /// Failed for 24 hours: no more attempts.
        case gaveUp = "gave-up"
        /// Already done on an earlier run (sent, handed over, given up).
        case alreadyDone = "already-done"
        /// A retry whose time has not come.
        case waitingForRetry = "waiting-for-retry"
        /// The spread slot of this (domain, day) has not come.
        case notDue = "not-due"
        /// No usable `_smtp._tls` record: no report.
        case noDestination = "no-destination"
        /// The TLSRPT lookup failed for now; tried again on the next run.
        case lookupFailed = "lookup-failed"
        /// In `report.ignore_domains`.
        case ignored
        /// `--dry-run`: written to the directory.
        case written
    }

    public var kind: Kind
    public var day: String
    public var domain: String
    /// The destination, or "" when the action concerns the whole domain.
    public var rua: String
    public var reportID: String?
    /// Unix seconds of the next attempt or the due time, when relevant.
    public var at: Int64?
    public var message: String?

    public init(kind: Kind, day: String, domain: String, rua: String = "", reportID: String? = nil,
                at: Int64? = nil, message: String? = nil) {
        self.kind = kind
        self.day = day
        self.domain = domain
        self.rua = rua
        self.reportID = reportID
        self.at = at
        self.message = message
    }
}
