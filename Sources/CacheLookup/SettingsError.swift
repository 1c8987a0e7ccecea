/// An option the helper or the module's settings string cannot use, as one sentence.
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case unknownOption
        case missingValue
        case unexpectedWord
        case invalidValue(String, expected: String)
    }

    let code: Code
    /// The option (or stray word) the error is about.
    public let option: String

    init(_ code: Code, option: String) {
        self.code = code
        self.option = option
    }

    public var description: String {
        let shown = Self.printable(option)
        switch code {
        case .unknownOption:
            return "unknown option \(shown) (known: --cache, --on-failure, --on-miss, --miss-deadline, --mtasts, --config)"
        case .missingValue:
            return "option \(shown) needs a value"
        case .unexpectedWord:
            return "unexpected word \(shown) in the lookup settings"
        case .invalidValue(let value, let expected):
            return "option \(shown) is \(Self.printable(value)), expected \(expected)"
        }
    }

    /// Quoted, control characters and non-ASCII escaped, at most 80 characters.
    static func printable(_ text: String) -> String {
        LookupLog.printable(text)
    }
}
