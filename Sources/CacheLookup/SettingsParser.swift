/// Reads ``LookupSettings`` from option words (the helper's arguments, or the dlfunc module's
/// settings string split at spaces).
public enum SettingsParser {
    /// Parses leading `--option value` pairs (also `--option=value`) and returns the settings
    /// and the words after the options. A word that does not start with `--` ends the options;
    /// `--` ends them explicitly.
    public static func parse(_ words: [String]) throws(SettingsError) -> (settings: LookupSettings, rest: [String]) {
        var settings = LookupSettings()
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "--" { index += 1; break }
            guard word.hasPrefix("--") else { break }
            var name = word
            let value: String
            if let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                value = String(word[word.index(after: equals)...])
                index += 1
            } else {
                guard index + 1 < words.count else { throw SettingsError(.missingValue, option: name) }
                value = words[index + 1]
                index += 2
            }
            try apply(name, value, to: &settings)
        }
        return (settings, Array(words[index...]))
    }

    /// Parses a settings string such as `--cache /var/spool/exim4/mtasts.lmdb --on-miss none`
    /// (words separated by spaces or tabs; paths cannot contain spaces). Nothing may follow.
    public static func parse(settingsString: String) throws(SettingsError) -> LookupSettings {
        let words = settingsString.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let (settings, rest) = try parse(words)
        if let extra = rest.first { throw SettingsError(.unexpectedWord, option: extra) }
        return settings
    }

    private static func apply(_ name: String, _ value: String, to settings: inout LookupSettings) throws(SettingsError) {
        switch name {
        case "--cache":
            settings.cachePath = try absolutePath(value, name)
        case "--on-failure":
            guard let answer = LookupSettings.FailureAnswer(rawValue: value) else {
                throw SettingsError(.invalidValue(value, expected: "none or defer"), option: name)
            }
            settings.onFailure = answer
        case "--on-miss":
            guard let action = LookupSettings.MissAction(rawValue: value) else {
                throw SettingsError(.invalidValue(value, expected: "fetch or none"), option: name)
            }
            settings.onMiss = action
        case "--miss-deadline":
            settings.missDeadlineMilliseconds = try milliseconds(value, name)
        case "--mtasts":
            settings.mtastsPath = try absolutePath(value, name)
        case "--config":
            settings.configPath = try absolutePath(value, name)
        default:
            throw SettingsError(.unknownOption, option: name)
        }
    }

    private static func absolutePath(_ value: String, _ name: String) throws(SettingsError) -> String {
        guard value.hasPrefix("/"), !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw SettingsError(.invalidValue(value, expected: "an absolute path"), option: name)
        }
        return value
    }

    /// `10`, `10s`, `1500ms`: 1 ms up to ``LookupSettings/maximumMissDeadlineMilliseconds``.
    private static func milliseconds(_ value: String, _ name: String) throws(SettingsError) -> Int {
        var digits = Substring(value)
        var factor = 1000
        if digits.hasSuffix("ms") { digits = digits.dropLast(2); factor = 1 }
        else if digits.hasSuffix("s") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 9, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let number = Int(digits), number * factor >= 1,
              number * factor <= LookupSettings.maximumMissDeadlineMilliseconds else {
            throw SettingsError(.invalidValue(value, expected: "a duration such as 10, 10s or 1500ms, at most 300s"),
                                option: name)
        }
        return number * factor
    }
}
