/// The `state` section: where the prewarmer keeps its own bookkeeping (log read positions,
/// when each scheduled job last ran, the single-writer lock). The cache holds the policies.
///
///     state:
///       directory: /var/lib/mtasts
public struct StateSettings: Sendable, Equatable {
    /// `state.directory`: an absolute path to a directory writable by the prewarmer (the Exim
    /// user). Default: `/var/lib/mtasts`.
    public var directory: String

    /// The default for ``directory``.
    public static let defaultDirectory = "/var/lib/mtasts"

    /// Settings with every default.
    public init(directory: String = StateSettings.defaultDirectory) {
        self.directory = directory
    }
}

extension StateSettings {
    static var schema: Schema<StateSettings> {
        Schema(
            .value("directory", \.directory, .absoluteFilePath)
        )
    }
}
