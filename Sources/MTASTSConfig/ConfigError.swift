/// Why a configuration file could not be used.
///
/// It says where (the file, and the line, column and key path when there is one) and what is
/// wrong, and renders as one sentence, for example:
///
///     /etc/mtasts/mtasts.yaml line 4: resolver.timeout: "abc" is not a duration (write 30s, 10m, 6h or 7d)
///     /etc/mtasts/mtasts.yaml line 7: unknown key "timout" in "https" (known: ca_file, connect_timeout, timeout)
///     cannot read /x/y.yaml: No such file or directory
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the problem is in (its path), or whatever name the caller gave the text.
    public var source: String
    /// The line of the problem, counting from 1, when it is known.
    public var line: Int?
    /// The column of the problem, counting from 1, when it is known.
    public var column: Int?
    /// The dotted path of the offending key, e.g. `resolver.timeout` or `resolver.nameservers[1]`.
    public var keyPath: String?

    let code: Code

    enum Code: Sendable, Equatable {
        case cannotRead(reason: String)
        case fileTooLarge(limit: Int)
        case notUTF8
        case syntax(problem: String)
        case rootNotMapping(found: String, known: [String])
        case unknownKey(key: String, section: String?, known: [String])
        case duplicateKey(key: String, section: String?, firstLine: Int?)
        case keyNotAName(found: String, section: String?)
        case wrongType(expected: String, found: String)
        /// `shown` is the offending value as it should appear in the message (already quoted if it
        /// was text); `problem` completes the sentence, e.g. "is not an absolute path (start it with /)".
        case invalidValue(shown: String?, problem: String)
    }

    init(_ code: Code, source: String, line: Int? = nil, column: Int? = nil, keyPath: String? = nil) {
        self.code = code
        self.source = source
        self.line = line
        self.column = column
        self.keyPath = keyPath
    }

    /// What sort of problem this is, for callers that react differently (tests, exit codes).
    public var kind: Kind {
        switch code {
        case .cannotRead, .fileTooLarge: return .unreadable
        case .notUTF8, .syntax: return .syntax
        case .unknownKey: return .unknownKey
        case .duplicateKey: return .duplicateKey
        case .rootNotMapping, .keyNotAName, .wrongType: return .wrongType
        case .invalidValue: return .invalidValue
        }
    }

    /// The sort of a ``ConfigError``.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        private init(_ name: String) { description = name }

        /// The file could not be read, or is too big.
        public static let unreadable = Kind("unreadable")
        /// The file is not valid UTF-8 YAML.
        public static let syntax = Kind("syntax")
        /// A key the schema does not know.
        public static let unknownKey = Kind("unknownKey")
        /// A key given twice in one mapping.
        public static let duplicateKey = Kind("duplicateKey")
        /// A value of the wrong YAML type (a list where a string belongs, …).
        public static let wrongType = Kind("wrongType")
        /// A value of the right type that is not acceptable (a bad duration, a relative path, …).
        public static let invalidValue = Kind("invalidValue")
    }

    public var description: String {
        switch code {
        case .cannotRead(let reason):
            return "cannot read \(source): \(reason)"
        case .fileTooLarge(let limit):
            return "cannot read \(source): the file is bigger than \(limit / 1024 / 1024) MiB, too big for a configuration file"
        default:
            return locationPrefix + body
        }
    }

    private var locationPrefix: String {
        if let line { return "\(source) line \(line): " }
        return "\(source): "
    }

    private var body: String {
        let path = keyPath ?? "the value"
        switch code {
        case .cannotRead, .fileTooLarge:
            return ""
        case .notUTF8:
            return "the file is not valid UTF-8 text"
        case .syntax(let problem):
            return "invalid YAML: \(problem)"
        case .rootNotMapping(let found, let known):
            return "the file must be a mapping of sections (\(known.joined(separator: ", "))), not \(found)"
        case .unknownKey(let key, let section, let known):
            return "unknown key \(Self.quoted(key)) \(Self.place(section)) (known: \(known.joined(separator: ", ")))"
        case .duplicateKey(let key, let section, let firstLine):
            let first = firstLine.map { " (first given on line \($0))" } ?? ""
            return "duplicate key \(Self.quoted(key)) \(Self.place(section))\(first)"
        case .keyNotAName(let found, let section):
            return "a key \(Self.place(section)) must be a plain name, not \(found)"
        case .wrongType(let expected, let found):
            return "\(path) must be \(expected), not \(found)"
        case .invalidValue(let shown, let problem):
            if let shown { return "\(path): \(shown) \(problem)" }
            return "\(path) \(problem)"
        }
    }

    private static func place(_ section: String?) -> String {
        guard let section else { return "at the top level" }
        return "in \(quoted(section))"
    }

    /// Quotes text for a message, showing control characters and quotes as escapes so a message
    /// always stays on one line, and shortening very long text.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars.prefix(120) {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        if text.unicodeScalars.count > 120 { out += "…" }
        return out + "\""
    }
}
