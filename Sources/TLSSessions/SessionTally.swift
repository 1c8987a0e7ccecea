import MTASTSPolicy

/// What one failed session looked like, as RFC 8460 §4.4 `failure-details` groups them.
public struct FailureKey: Hashable, Sendable {
    public var resultType: ResultType
    /// Our outgoing address (`sending-mta-ip`), when known.
    public var sendingMTAIP: String?
    /// The MX host name (`receiving-mx-hostname`).
    public var receivingMXHostname: String?
    /// The EHLO name the MX announced (`receiving-mx-helo`), when known.
    public var receivingMXHelo: String?
    /// The MX's address (`receiving-ip`).
    public var receivingIP: String?
    /// Free text for the receiver (`failure-reason-code`), e.g. Exim's unmapped error text.
    public var failureReasonCode: String?

    public init(resultType: ResultType, sendingMTAIP: String? = nil, receivingMXHostname: String? = nil,
                receivingMXHelo: String? = nil, receivingIP: String? = nil, failureReasonCode: String? = nil) {
        self.resultType = resultType
        self.sendingMTAIP = sendingMTAIP
        self.receivingMXHostname = receivingMXHostname
        self.receivingMXHelo = receivingMXHelo
        self.receivingIP = receivingIP
        self.failureReasonCode = failureReasonCode
    }
}

/// The TLS sessions of one UTC day towards one recipient domain: what a report counts.
/// Sessions, not recipients: further recipients of one delivery and reused connections are
/// not new sessions.
public struct SessionTally: Sendable, Equatable {
    public var domain: DomainName
    public var successfulSessions: Int
    public var failedSessions: [FailureKey: Int]
    /// MX hosts sessions went to (for `mx-host` when no policy lists them).
    public var mxHosts: Set<String>
    /// Whether deliveries were DANE-verified (`CV=dane`): the report's policy is then `tlsa`.
    public var usedDANE: Bool

    public init(domain: DomainName, successfulSessions: Int = 0, failedSessions: [FailureKey: Int] = [:],
                mxHosts: Set<String> = [], usedDANE: Bool = false) {
        self.domain = domain
        self.successfulSessions = successfulSessions
        self.failedSessions = failedSessions
        self.mxHosts = mxHosts
        self.usedDANE = usedDANE
    }

    public var totalFailedSessions: Int { failedSessions.values.reduce(0, +) }

    public mutating func recordSuccess(mxHost: String?) {
        successfulSessions += 1
        if let mxHost { mxHosts.insert(mxHost) }
    }

    public mutating func recordFailure(_ key: FailureKey) {
        failedSessions[key, default: 0] += 1
        if let host = key.receivingMXHostname { mxHosts.insert(host) }
    }
}

/// Every domain's tally for one UTC day.
public struct DailySessions: Sendable, Equatable {
    public var day: UTCDay
    public var tallies: [DomainName: SessionTally]
    /// Lines that could not be read, counted, never fatal.
    public var skippedLines: Int

    public init(day: UTCDay, tallies: [DomainName: SessionTally] = [:], skippedLines: Int = 0) {
        self.day = day
        self.tallies = tallies
        self.skippedLines = skippedLines
    }
}
