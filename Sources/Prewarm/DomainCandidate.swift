import MTASTSPolicy

/// A domain the prewarmer keeps warm, and why: its sources (`config`, `cache`, `learned`,
/// `missed`, `command line`, …) and when it was last seen in use.
public struct DomainCandidate: Sendable, Equatable {
    public var domain: DomainName
    public var sources: [String]
    public var lastSeen: Int64?

    public init(domain: DomainName, sources: [String], lastSeen: Int64? = nil) {
        self.domain = domain
        self.sources = sources
        self.lastSeen = lastSeen
    }
}
