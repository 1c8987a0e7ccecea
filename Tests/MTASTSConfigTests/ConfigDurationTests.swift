import MTASTSConfig
import Testing

@Suite("Durations")
struct ConfigDurationTests {
    static let valid: [(String, Duration)] = [
        ("0s", .zero),
        ("1s", .seconds(1)),
        ("30s", .seconds(30)),
        ("90s", .seconds(90)),
        ("10m", .seconds(600)),
        ("6h", .seconds(21_600)),
        ("7d", .seconds(604_800)),
        ("007d", .seconds(604_800)),
        ("400d", .seconds(34_560_000)),
        ("9600h", .seconds(34_560_000)),
        ("34560000s", .seconds(34_560_000)),
    ]

    @Test("parses", arguments: valid)
    func parses(_ text: String, _ expected: Duration) throws {
        #expect(try ConfigDuration.parse(text) == expected)
        #expect(try ConfigDuration(parsing: text).duration == expected)
    }

    static let notDurations = [
        "", "s", "30", "abc", "30 s", " 30s", "30s ", "-5s", "+5s", "1.5s", "1h30m", "30S", "5ms", "5w",
        "5sec", "٣s", "5d\n", "0x10s", "1e3s",
    ]

    @Test("rejects what is not a number and one unit", arguments: notDurations)
    func rejects(_ text: String) throws {
        let error = try #require(throws: ConfigDuration.ParseError.self) { try ConfigDuration.parse(text) }
        #expect(!error.isTooLong)
        #expect(error.text == text)
        #expect(error.description.hasSuffix("is not a duration (write 30s, 10m, 6h or 7d)"))
    }

    static let tooLong = ["401d", "9601h", "576001m", "34560001s", "99999999999999999999999999d", "9223372036854775807s"]

    @Test("rejects more than 400 days", arguments: tooLong)
    func rejectsTooLong(_ text: String) throws {
        let error = try #require(throws: ConfigDuration.ParseError.self) { try ConfigDuration.parse(text) }
        #expect(error.isTooLong)
        #expect(error.description == "\"\(text)\" is too long (at most 400d)")
    }

    static let rendered: [(Duration, String)] = [
        (.zero, "0s"),
        (.seconds(5), "5s"),
        (.seconds(59), "59s"),
        (.seconds(90), "90s"),
        (.seconds(600), "10m"),
        (.seconds(3_600), "1h"),
        (.seconds(5_400), "90m"),
        (.seconds(21_600), "6h"),
        (.seconds(86_400), "1d"),
        (.seconds(604_800), "7d"),
        (.seconds(90_000), "25h"),
        (.milliseconds(1_500), "1.5s"),
    ]

    @Test("renders in the largest exact unit", arguments: rendered)
    func renders(_ duration: Duration, _ expected: String) {
        #expect(ConfigDuration.render(duration) == expected)
        #expect(ConfigDuration(duration).description == expected)
    }

    @Test("whole-second renderings parse back", arguments: valid)
    func roundTrips(_ text: String, _ duration: Duration) throws {
        #expect(try ConfigDuration.parse(ConfigDuration.render(duration)) == duration)
    }

    @Test("orders by length")
    func ordering() throws {
        #expect(try ConfigDuration(parsing: "59s") < ConfigDuration(parsing: "1m"))
        #expect(try ConfigDuration(parsing: "60s") == ConfigDuration(parsing: "1m"))
    }
}
