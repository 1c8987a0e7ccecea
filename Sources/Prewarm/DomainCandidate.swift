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

import DomainSet

extension DomainCandidate {
    /// A domain of the domain set, its sources named as `mtasts domains` shows them.
    public init(_ tracked: TrackedDomain) {
        self.init(domain: tracked.domain, sources: tracked.sortedSources.map(\.rawValue), lastSeen: tracked.lastSeen)
    }
}
