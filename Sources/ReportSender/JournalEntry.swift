/// What the journal knows about one report to one destination: (policy domain, day, rua).
public struct JournalEntry: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        /// A send started and did not finish (or the process died during it).
        case sending
        /// The complete mail was given to the local sendmail; only its exit status is missing.
        case handedOver = "handed-over"
        /// The destination accepted the report.
        case sent
        /// The last attempt failed; ``JournalEntry/nextAttempt`` says when to try again.
        case retrying
        /// Attempts failed for 24 hours (RFC 8460 §5.5); no more attempts.
        case gaveUp = "gave-up"
        /// The domain publishes no usable TLSRPT record (rua is empty): no report.
        case noDestination = "no-destination"
    }

    public var domain: String
    public var day: String
    /// The rua URI, or "" for ``State/noDestination``.
    public var rua: String
    public var reportID: String
    public var state: State
    public var attempts: Int
    /// Unix seconds of the first attempt of the current round (the 24-hour clock starts here).
    public var firstAttempt: Int64?
    public var lastAttempt: Int64?
    public var nextAttempt: Int64?
    public var lastMessage: String?

    public init(domain: String, day: String, rua: String, reportID: String, state: State, attempts: Int = 0,
                firstAttempt: Int64? = nil, lastAttempt: Int64? = nil, nextAttempt: Int64? = nil,
                lastMessage: String? = nil) {
        self.domain = domain
        self.day = day
        self.rua = rua
        self.reportID = reportID
        self.state = state
        self.attempts = attempts
        self.firstAttempt = firstAttempt
        self.lastAttempt = lastAttempt
        self.nextAttempt = nextAttempt
        self.lastMessage = lastMessage
    }

    public var key: String { JournalEntry.key(domain: domain, day: day, rua: rua) }

    public static func key(domain: String, day: String, rua: String) -> String { "\(day) \(domain) \(rua)" }

    /// Nothing more to do without `--force`.
    public var isFinished: Bool { [.sent, .gaveUp, .noDestination, .handedOver].contains(state) }
}
