/// Parses MTA-STS policy documents (RFC 8461 §3.2).
///
/// Rules applied, each from the RFC's ABNF or text:
/// - lines end in LF or CRLF (§3.2 `sts-policy-term`); a final terminator is optional;
/// - each line is `name ":" *WSP value *WSP`; names are case-sensitive (§3.2 ABNF);
/// - `version` must be `STSv1`, `mode` one of enforce/testing/none, `max_age` 1–10 digits;
/// - `mx` may repeat and is required at least once unless `mode` is `none` (§3.2);
/// - fields come in any order; unknown fields are ignored (§3.2 `sts-policy-extension`);
/// - a repeated `version`, `mode` or `max_age`: the first one counts ("required once").
///
/// Choices where the RFC leaves room, documented in `docs/policy.md`:
/// - `max_age` above 31557600 (the §3.2 maximum) is capped to 31557600, and a warning is kept;
/// - empty (or whitespace-only) lines are skipped rather than rejected.
public enum PolicyParser {
    /// The outcome of a successful parse: the policy and any warnings about tolerated input.
    public struct Result: Sendable, Equatable {
        public var policy: Policy
        public var warnings: [String]
    }

    /// Parses raw bytes as served over HTTPS. The document must be UTF-8.
    public static func parse(bytes: some Collection<UInt8>) throws(PolicyParseError) -> Result {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PolicyParseError(line: nil, .notUTF8)
        }
        return try parse(text)
    }

    /// Parses a policy document.
    public static func parse(_ text: String) throws(PolicyParseError) -> Result {
        var version: String?
        var mode: PolicyMode?
        var maxAge: Int?
        var mx: [MXPattern] = []
        var warnings: [String] = []
        var sawContent = false

        for (index, rawLine) in lines(of: text).enumerated() {
            let number = index + 1
            let line = trimmingTrailingWhitespace(rawLine)
            if line.isEmpty { continue }
            sawContent = true
            let (name, value) = try field(in: line, number: number)
            switch name {
            case "version":
                guard version == nil else { warnings.append("line \(number): repeated version ignored"); continue }
                guard value == "STSv1" else { throw PolicyParseError(line: number, .unsupportedVersion(value)) }
                version = value
            case "mode":
                guard mode == nil else { warnings.append("line \(number): repeated mode ignored"); continue }
                guard let parsed = PolicyMode(rawValue: value) else { throw PolicyParseError(line: number, .invalidMode(value)) }
                mode = parsed
            case "max_age":
                guard maxAge == nil else { warnings.append("line \(number): repeated max_age ignored"); continue }
                let parsed = try parseMaxAge(value, line: number)
                if parsed > Policy.maximumMaxAge {
                    warnings.append("line \(number): max_age \(value) is above the RFC 8461 maximum; capped to \(Policy.maximumMaxAge)")
                }
                maxAge = min(parsed, Policy.maximumMaxAge)
            case "mx":
                do throws(DomainNameError) {
                    let pattern = try MXPattern(parsing: value)
                    if !mx.contains(pattern) { mx.append(pattern) }
                } catch {
                    throw PolicyParseError(line: number, .invalidMX(value: value, reason: error.reason))
                }
            default:
                continue // §3.2: extension fields are ignored.
            }
        }

        guard sawContent else { throw PolicyParseError(line: nil, .empty) }
        guard version != nil else { throw PolicyParseError(line: nil, .missingField("version")) }
        guard let mode else { throw PolicyParseError(line: nil, .missingField("mode")) }
        guard let maxAge else { throw PolicyParseError(line: nil, .missingField("max_age")) }
        if mode != .none && mx.isEmpty { throw PolicyParseError(line: nil, .missingMX(mode: mode.rawValue)) }
        return Result(policy: Policy(mode: mode, maxAge: maxAge, mx: mx, text: text), warnings: warnings)
    }

    /// Splits on LF; a CR directly before the LF belongs to the terminator (CRLF).
    /// Works on Unicode scalars: Swift treats CRLF as a single `Character`.
    static func lines(of text: String) -> [Substring] {
        var result = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        if result.last?.isEmpty == true { result.removeLast() } // the optional final terminator
        return result.map { line in Substring(line.last == "\r" ? line.dropLast() : line) }
    }

    private static func trimmingTrailingWhitespace(_ line: Substring) -> Substring {
        var end = line.endIndex
        while end > line.startIndex, isWSP(line[line.index(before: end)]) { end = line.index(before: end) }
        return line[..<end]
    }

    private static func isWSP(_ character: Character) -> Bool { character == " " || character == "\t" }

    /// `sts-policy-field-name ":" *WSP value`, the name per §3.2 `sts-policy-ext-name`.
    private static func field(in line: Substring, number: Int) throws(PolicyParseError) -> (String, String) {
        guard let colon = line.firstIndex(of: ":") else { throw PolicyParseError(line: number, .missingColon) }
        let name = line[..<colon]
        guard isFieldName(name) else { throw PolicyParseError(line: number, .invalidFieldName(String(name))) }
        var valueStart = line.index(after: colon)
        while valueStart < line.endIndex, isWSP(line[valueStart]) { valueStart = line.index(after: valueStart) }
        let value = line[valueStart...]
        if value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) {
            throw PolicyParseError(line: number, .controlCharacter)
        }
        guard !value.isEmpty else { throw PolicyParseError(line: number, .emptyValue(field: String(name))) }
        return (String(name), String(value))
    }

    /// `(ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")` (RFC 8461 §3.2).
    static func isFieldName(_ name: Substring) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 32, isAlphaNumeric(first) else { return false }
        return bytes.dropFirst().allSatisfy { isAlphaNumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    static func isAlphaNumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// `sts-policy-max-age-value = 1*10(DIGIT)` (RFC 8461 §3.2).
    private static func parseMaxAge(_ value: String, line: Int) throws(PolicyParseError) -> Int {
        let bytes = Array(value.utf8)
        guard (1...10).contains(bytes.count), bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(value) else {
            throw PolicyParseError(line: line, .invalidMaxAge(value))
        }
        return number
    }
}

