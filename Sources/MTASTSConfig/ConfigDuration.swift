/// A duration as written in the configuration file: a whole number and one unit, `s` (seconds),
/// `m` (minutes), `h` (hours) or `d` (days), e.g. `30s`, `10m`, `6h`, `7d`, `0s`.
///
/// Nothing else is accepted: no sign, no fraction, no spaces, no combined units (`1h30m`), no
/// upper-case units. Values above ``maximum`` (400 days) are refused as surely a mistake.
public struct ConfigDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The longest duration a configuration may hold: 400 days.
    public static let maximum: Duration = .seconds(400 * 86_400)

    /// The units, largest first: the letter and its length in seconds.
    static let units: [(letter: Character, seconds: Int64)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

    /// The duration.
    public var duration: Duration

    /// Wraps a duration.
    public init(_ duration: Duration) {
        self.duration = duration
    }

    /// Parses text such as `30s`; see the type's documentation for what is accepted.
    public init(parsing text: String) throws(ParseError) {
        duration = try Self.parse(text)
    }

    /// Parses text such as `30s` into a `Duration`; see the type's documentation for what is accepted.
    public static func parse(_ text: String) throws(ParseError) -> Duration {
        guard let unitLetter = text.last,
              let unit = units.first(where: { $0.letter == unitLetter }) else {
            throw ParseError(text: text, reason: .notADuration)
        }
        let digits = text.dropLast().utf8
        guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw ParseError(text: text, reason: .notADuration)
        }
        let maximumSeconds = maximum.components.seconds
        var seconds: Int64 = 0
        for digit in digits {
            seconds = seconds * 10 + Int64(digit - UInt8(ascii: "0"))
            // Stop before the multiplication below could overflow; anything this big is too long.
            if seconds > maximumSeconds {
                throw ParseError(text: text, reason: .tooLong)
            }
        }
        let total = seconds * unit.seconds
        if total > maximumSeconds {
            throw ParseError(text: text, reason: .tooLong)
        }
        return .seconds(total)
    }

    /// Renders a duration in the largest unit that expresses it exactly: `5s`, `10m`, `6h`, `7d`,
    /// `90s`, `0s`. Whole seconds render in a form ``parse(_:)`` reads back; a duration with a
    /// fraction of a second renders with decimals (`1.5s`), which is for display only.
    public static func render(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds != 0 {
            let fraction = Double(attoseconds) / 1e18
            return "\(Double(seconds) + fraction)s"
        }
        if seconds == 0 { return "0s" }
        for unit in units where seconds % unit.seconds == 0 {
            return "\(seconds / unit.seconds)\(unit.letter)"
        }
        return "\(seconds)s"
    }

    public var description: String { Self.render(duration) }

    public static func < (lhs: ConfigDuration, rhs: ConfigDuration) -> Bool {
        lhs.duration < rhs.duration
    }

    /// Why a text is not an acceptable ``ConfigDuration``.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The rejected text, as given.
        public let text: String
        let reason: Reason

        enum Reason: Sendable, Equatable {
            case notADuration
            case tooLong
        }

        /// True when the text has the right form but exceeds ``ConfigDuration/maximum``.
        public var isTooLong: Bool { reason == .tooLong }

        /// The end of a sentence about the text, e.g. `is not a duration (write 30s, 10m, 6h or 7d)`.
        var problem: String {
            switch reason {
            case .notADuration: return "is not a duration (write 30s, 10m, 6h or 7d)"
            case .tooLong: return "is too long (at most \(ConfigDuration.render(ConfigDuration.maximum)))"
            }
        }

        public var description: String { "\(ConfigError.quoted(text)) \(problem)" }
    }
}
