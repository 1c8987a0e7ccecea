import MTASTSPolicy

/// One failed policy discovery, as the TLS report needs it: RFC 8460 §4.3.2.2 reports
/// `sts-policy-fetch-error`, `sts-policy-invalid` and `sts-webpki-invalid` per day.
public struct DiscoveryFailureRecord: Sendable, Equatable {
    /// Unix seconds of the attempt.
    public var time: Int64
    public var domain: DomainName
    /// The RFC 8460 result type (`sts-policy-fetch-error`, ...).
    public var resultType: String
    /// One sentence saying what failed.
    public var detail: String

    public init(time: Int64, domain: DomainName, resultType: String, detail: String) {
        self.time = time
        self.domain = domain
        self.resultType = resultType
        self.detail = detail
    }
}

/// Where ``PolicyRefresher`` notes each failed discovery, so a day's report can list them.
public protocol DiscoveryFailureRecorder: Sendable {
    func append(_ record: DiscoveryFailureRecord) throws(JournalError)
}

/// Why the journal could not be written or read, as one sentence.
public struct JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "discovery failure journal \(path): \(reason)" }
}
