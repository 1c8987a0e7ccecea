import Testing
@testable import MTASTSPolicy

@Suite("RFC 8461 §3.2 policy parsing")
struct PolicyParserTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        let file: String
        let mode: PolicyMode
        let maxAge: Int
        let mx: [String]
        var warnings = 0
        var testDescription: String { file }
    }

    static let valid: [Valid] = [
        Valid(file: "enforce-crlf.txt", mode: .enforce, maxAge: 604_800, mx: ["mx1.example.com", "*.mail.example.com"]),
        Valid(file: "testing-lf.txt", mode: .testing, maxAge: 86_400, mx: ["mx.example.net"]),
        Valid(file: "reordered-no-final-newline.txt", mode: .enforce, maxAge: 86_400, mx: ["mx.example.net"]),
        Valid(file: "none-without-mx.txt", mode: .none, maxAge: 86_400, mx: []),
        Valid(file: "whitespace-and-extensions.txt", mode: .enforce, maxAge: 86_400, mx: ["mx.example.net"]),
        Valid(file: "repeated-fields.txt", mode: .enforce, maxAge: 86_400, mx: ["mx.example.net"], warnings: 2),
        Valid(file: "max-age-over-cap.txt", mode: .enforce, maxAge: Policy.maximumMaxAge, mx: ["mx.example.net"], warnings: 1),
        Valid(file: "blank-line.txt", mode: .enforce, maxAge: 86_400, mx: ["mx.example.net"]),
    ]

    @Test(arguments: valid)
    func parsesValidPolicy(_ case_: Valid) throws {
        let result = try PolicyParser.parse(bytes: fixtureBytes(case_.file))
        #expect(result.policy.mode == case_.mode)
        #expect(result.policy.maxAge == case_.maxAge)
        #expect(result.policy.mx.map(\.description) == case_.mx)
        #expect(result.policy.version == "STSv1")
        #expect(result.warnings.count == case_.warnings)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let file: String
        let message: String
        var testDescription: String { file }
    }

    static let invalid: [Invalid] = [
        Invalid(file: "missing-version.txt", message: "the required field version is missing"),
        Invalid(file: "wrong-version.txt", message: "line 1: version \"STSv2\" is not STSv1"),
        Invalid(file: "mode-wrong-case.txt", message: "line 2: mode \"Enforce\" is not enforce, testing or none"),
        Invalid(file: "missing-mode.txt", message: "the required field mode is missing"),
        Invalid(file: "max-age-not-number.txt", message: "line 4: max_age \"xxx\" is not a number of seconds (1 to 10 digits)"),
        Invalid(file: "max-age-eleven-digits.txt", message: "line 4: max_age \"12345678901\" is not a number of seconds (1 to 10 digits)"),
        Invalid(file: "max-age-negative.txt", message: "line 4: max_age \"-1\" is not a number of seconds (1 to 10 digits)"),
        Invalid(file: "missing-max-age.txt", message: "the required field max_age is missing"),
        Invalid(file: "enforce-without-mx.txt", message: "mode enforce needs at least one mx line"),
        Invalid(file: "testing-without-mx.txt", message: "mode testing needs at least one mx line"),
        Invalid(file: "mx-with-space.txt", message: "line 3: mx \"mx example.net\" is not a host name or *.host pattern (character ' ' is not allowed (only letters, digits, hyphens and dots))"),
        Invalid(file: "mx-ip-literal.txt", message: "line 3: mx \"[192.0.2.1]\" is not a host name or *.host pattern (character '[' is not allowed (only letters, digits, hyphens and dots))"),
        Invalid(file: "line-without-colon.txt", message: "line 2: expected \"key: value\", found no colon"),
        Invalid(file: "leading-space.txt", message: "line 2: \" mode\" is not a valid field name"),
        Invalid(file: "empty-mode.txt", message: "line 2: mode has no value"),
        Invalid(file: "not-utf8.txt", message: "the document is not valid UTF-8"),
        Invalid(file: "empty.txt", message: "the document is empty"),
        Invalid(file: "control-character.txt", message: "line 2: the line contains a control character"),
        Invalid(file: "html.txt", message: "line 1: expected \"key: value\", found no colon"),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidPolicy(_ case_: Invalid) {
        #expect(throws: PolicyParseError.self) { try PolicyParser.parse(bytes: fixtureBytes(case_.file)) }
        do {
            _ = try PolicyParser.parse(bytes: fixtureBytes(case_.file))
        } catch {
            #expect(error.description == case_.message)
        }
    }

    @Test func keepsTheDocumentAndItsLines() throws {
        let text = String(decoding: fixtureBytes("enforce-crlf.txt"), as: UTF8.self)
        let policy = try PolicyParser.parse(text).policy
        #expect(policy.text == text)
        #expect(policy.lines == ["version: STSv1", "mode: enforce", "mx: mx1.example.com", "mx: *.mail.example.com", "max_age: 604800"])
    }

    @Test func repeatedMXIsKeptOnce() throws {
        let policy = try PolicyParser.parse("version: STSv1\nmode: enforce\nmx: a.example\nmx: A.example.\nmax_age: 1\n").policy
        #expect(policy.mx.map(\.description) == ["a.example"])
    }

    @Test func maxAgeZeroIsValid() throws {
        let policy = try PolicyParser.parse("version: STSv1\nmode: testing\nmx: a.example\nmax_age: 0\n").policy
        #expect(policy.maxAge == 0)
    }

    @Test func crInsideALineIsRejected() {
        #expect(throws: PolicyParseError.self) {
            try PolicyParser.parse("version: STSv1\rmode: enforce\nmx: a.example\nmax_age: 1\n")
        }
    }
}
