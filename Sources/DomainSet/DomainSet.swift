import MTASTSPolicy

/// The domains the prewarmer keeps warm, built by ``DomainSetBuilder``: sorted by name, the
/// ignore list applied, learned domains not seen for `learn.forget_after` left out.
public struct DomainSet: Sendable, Equatable {
    /// The tracked domains, sorted by name.
    public var domains: [TrackedDomain]
    /// Lines of domain files that were skipped, one sentence each naming file and line.
    public var warnings: [DomainFileWarning]

    public init(domains: [TrackedDomain], warnings: [DomainFileWarning] = []) {
        self.domains = domains
        self.warnings = warnings
    }

    /// The tracked domain for `domain`, when it is in the set.
    public func tracked(_ domain: DomainName) -> TrackedDomain? {
        domains.first { $0.domain == domain }
    }

    /// Just the names, sorted.
    public var names: [DomainName] { domains.map(\.domain) }
}

/// A line of a domain file that was skipped: `/etc/mtasts/domains.txt:7: invalid domain name ...`.
public struct DomainFileWarning: Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// The line, counting from 1.
    public var line: Int
    /// What is wrong with it.
    public var problem: String

    public init(path: String, line: Int, problem: String) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    public var description: String { "\(path):\(line): \(problem); line skipped" }
}
