/// Which configuration file to read, and how it was chosen.
public struct ConfigLocation: Sendable, Equatable, CustomStringConvertible {
    /// Where the path came from.
    public enum Origin: Sendable, Equatable {
        /// The `--config` option.
        case commandLine
        /// The `MTASTS_CONFIG` environment variable.
        case environment
        /// Neither was given: ``Configuration/defaultPath``.
        case defaultPath
    }

    /// The file's path, as given (relative paths are relative to the working directory).
    public var path: String
    /// Where ``path`` came from.
    public var origin: Origin

    /// True when the path was asked for (by `--config` or `MTASTS_CONFIG`): then a missing file is
    /// an error. At the default path a missing file means "all defaults".
    public var isExplicit: Bool { origin != .defaultPath }

    /// A location with a known origin.
    public init(path: String, origin: Origin) {
        self.path = path
        self.origin = origin
    }

    /// A location that is either explicit (treated as given by `--config`) or the default.
    public init(path: String, isExplicit: Bool) {
        self.init(path: path, origin: isExplicit ? .commandLine : .defaultPath)
    }

    /// The path, and where it came from when that is not the command line, e.g.
    /// `/etc/mtasts/mtasts.yaml (from MTASTS_CONFIG)`.
    public var description: String {
        switch origin {
        case .commandLine: return path
        case .environment: return "\(path) (from \(Configuration.environmentVariable))"
        case .defaultPath: return "\(path) (the default)"
        }
    }
}
