/// Why a prewarm pass, the scheduler or its bookkeeping could not do its work, as one sentence.
public struct PrewarmError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What sort of problem it is.
    public enum Kind: Sendable, Equatable {
        /// The configuration cannot be turned into working services.
        case configuration
        /// The cache could not be read or written.
        case cache
        /// The state directory (schedule file, lock) could not be used.
        case state
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
