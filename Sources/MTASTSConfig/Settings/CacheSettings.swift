/// The `cache` section: where the policy cache lives.
///
///     cache:
///       path: /var/spool/exim4/mtasts.lmdb
public struct CacheSettings: Sendable, Equatable {
    /// `cache.path`: the LMDB file holding fetched policies, shared by the prewarmer and the Exim
    /// lookup helper, so it must be readable by Exim and writable by the prewarmer. An absolute path
    /// to a file (LMDB's lock file sits next to it, `<path>-lock`).
    /// Default: `/var/spool/exim4/mtasts.lmdb`.
    public var path: String

    /// The default for ``path``.
    public static let defaultPath = "/var/spool/exim4/mtasts.lmdb"

    /// Settings with every default.
    public init(path: String = CacheSettings.defaultPath) {
        self.path = path
    }
}

extension CacheSettings {
    static var schema: Schema<CacheSettings> {
        Schema(
            .value("path", \.path, .absoluteFilePath)
        )
    }
}
