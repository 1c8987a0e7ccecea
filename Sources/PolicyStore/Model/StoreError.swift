/// Why the cache could not be opened, read or written, as one sentence naming the path and
/// what to do.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No cache file at the path (read-only open).
        case missing
        /// The directory that should hold the cache does not exist (it is never created).
        case directoryMissing
        /// The file is not an LMDB environment, is corrupt, or has another LMDB format version.
        case notACache
        case permissionDenied
        case readOnlyFileSystem
        /// A write was attempted through a store opened read-only.
        case readOnlyStore
        /// The map stayed full after growing it.
        case mapFull
        /// An entry holds a value the cache format cannot carry (NUL byte, separator, ...).
        case invalidEntry
        /// `mtasts migrate --from` was given something that is not a Perl-script cache.
        case invalidMigrationSource
        /// Any other system or LMDB failure.
        case io
    }

    public var kind: Kind
    /// The cache (or migration source) the error is about.
    public var path: String
    /// The one-sentence explanation.
    public var description: String

    init(_ kind: Kind, path: String, _ description: String) {
        self.kind = kind
        self.path = path
        self.description = description
    }

    static func missing(_ path: String) -> StoreError {
        StoreError(.missing, path: path, "no cache at \(path); run `mtasts prewarm` or `mtasts fetch --store`")
    }

    static func notACache(_ path: String, code: String) -> StoreError {
        StoreError(.notACache, path: path,
                   "\(path) is not an LMDB cache (\(code)); move it away and run `mtasts prewarm` to rebuild, or `mtasts migrate`")
    }
}
