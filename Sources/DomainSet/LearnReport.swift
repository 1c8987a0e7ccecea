import MTASTSPolicy

/// What one ``LogLearner/learn(now:)`` run did.
public struct LearnReport: Sendable, Equatable {
    /// One file read (a log or a rotated generation of it), with the byte range consumed.
    public struct FileRead: Sendable, Equatable {
        public var path: String
        public var fromOffset: UInt64
        public var toOffset: UInt64
        public var lines: Int
    }

    /// Complete lines read (overlong lines included).
    public var linesRead = 0
    /// Lines that parsed as Exim main log lines.
    public var linesParsed = 0
    /// Lines that did not (no timestamp, overlong, ...): counted, never fatal.
    public var linesSkipped = 0
    /// Parsed lines that were a remote delivery, deferral or failure with a valid domain.
    public var remoteDeliveryLines = 0
    /// Distinct domains whose `D:learned` was written, sorted.
    public var domainsLearned: [DomainName] = []
    /// Of those, the ones not learned before (or forgotten since).
    public var newDomains: [DomainName] = []
    /// Learned domains dropped for not being seen within `learn.forget_after`.
    public var forgottenDomains: [DomainName] = []
    /// The files read, in order.
    public var files: [FileRead] = []
    /// Configured logs that do not exist.
    public var missingLogs: [String] = []
    /// Logs that could not be read, one sentence each (their position is kept).
    public var problems: [String] = []

    public init() {}
}
