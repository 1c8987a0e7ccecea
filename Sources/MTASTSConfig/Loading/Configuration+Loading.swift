import Yams

extension Configuration {
    /// Chooses the configuration file: an explicit `--config` path wins, then a non-empty
    /// `MTASTS_CONFIG`, then ``defaultPath``.
    public static func resolvePath(explicit: String?, environment: [String: String]) -> ConfigLocation {
        if let explicit {
            return ConfigLocation(path: explicit, origin: .commandLine)
        }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            return ConfigLocation(path: fromEnvironment, origin: .environment)
        }
        return ConfigLocation(path: defaultPath, origin: .defaultPath)
    }

    /// Reads and parses the file at `location`.
    ///
    /// A missing file at the default location gives ``init()``'s defaults, so `mtasts` works
    /// without a configuration file; a missing file that was asked for (`--config`,
    /// `MTASTS_CONFIG`) is an error, as is an unreadable file or one bigger than 1 MiB.
    public static func load(from location: ConfigLocation) throws(ConfigError) -> Configuration {
        switch SystemInterface.readFile(atPath: location.path, limit: maximumFileSize) {
        case .failed(let reason, let missing):
            if missing && !location.isExplicit { return Configuration() }
            throw ConfigError(.cannotRead(reason: reason), source: location.description)
        case .tooLarge:
            throw ConfigError(.fileTooLarge(limit: maximumFileSize), source: location.description)
        case .contents(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ConfigError(.notUTF8, source: location.path, line: lineOfFirstInvalidUTF8(bytes))
            }
            return try parse(yaml: text, source: location.path)
        }
    }

    /// Parses configuration text; `source` names it in error messages (usually the file's path).
    /// Empty text, text with only comments, and `{}` give the defaults.
    public static func parse(yaml: String, source: String) throws(ConfigError) -> Configuration {
        if yaml.utf8.count > maximumFileSize {
            throw ConfigError(.fileTooLarge(limit: maximumFileSize), source: source)
        }
        var configuration = Configuration()
        guard let root = try YAMLComposer.compose(yaml, source: source) else {
            return configuration
        }
        let context = DecodingContext(source: source)
        switch root {
        case .mapping(let mapping):
            try schema.decode(mapping, into: &configuration, context: context)
        case _ where root.isNull:
            break
        default:
            throw context.error(.rootNotMapping(found: root.kindDescription, known: schema.knownKeys), at: root)
        }
        return configuration
    }

    private static func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var line = 1
        var lineStart = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            // Validate line by line: the first line that does not decode holds the bad byte.
            if String(validating: bytes[lineStart..<index], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = index + 1
        }
        return line
    }
}
