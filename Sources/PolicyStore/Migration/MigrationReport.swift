import MTASTSPolicy

/// What `mtasts migrate --from PATH` did.
public struct MigrationReport: Sendable, Equatable {
    /// A source key (or a whole domain, named by one of its keys) left behind, and why.
    public struct Skipped: Sendable, Equatable, CustomStringConvertible {
        public var key: String
        public var reason: String

        public init(key: String, reason: String) {
            self.key = key
            self.reason = reason
        }

        public var description: String { "\(Printable.quoted(key)): \(reason)" }
    }

    /// Domains written to the target, sorted.
    public var migrated: [DomainName]
    /// Keys and domains not copied, with one sentence each.
    public var skipped: [Skipped]
    /// How many keys the source held.
    public var sourceKeyCount: Int

    public init(migrated: [DomainName] = [], skipped: [Skipped] = [], sourceKeyCount: Int = 0) {
        self.migrated = migrated
        self.skipped = skipped
        self.sourceKeyCount = sourceKeyCount
    }
}
