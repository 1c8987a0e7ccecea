/// Why a policy document is not a valid MTA-STS policy (RFC 8461 §3.2).
///
/// `line` is 1-based and names the offending line where there is one; document-wide problems
/// (a required field missing) have no line.
public struct PolicyParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int?
    let code: Code

    enum Code: Equatable, Sendable {
        case notUTF8
        case empty
        case missingColon
        case invalidFieldName(String)
        case emptyValue(field: String)
        case unsupportedVersion(String)
        case invalidMode(String)
        case invalidMaxAge(String)
        case invalidMX(value: String, reason: String)
        case missingField(String)
        case missingMX(mode: String)
        case controlCharacter
    }

    init(line: Int?, _ code: Code) {
        self.line = line
        self.code = code
    }

    /// The reason alone, without the line prefix.
    public var reason: String {
        switch code {
        case .notUTF8: return "the document is not valid UTF-8"
        case .empty: return "the document is empty"
        case .missingColon: return "expected \"key: value\", found no colon"
        case .invalidFieldName(let name): return "\"\(DomainNameError.printable(name))\" is not a valid field name"
        case .emptyValue(let field): return "\(field) has no value"
        case .unsupportedVersion(let value):
            return "version \"\(DomainNameError.printable(value))\" is not STSv1"
        case .invalidMode(let value):
            return "mode \"\(DomainNameError.printable(value))\" is not enforce, testing or none"
        case .invalidMaxAge(let value):
            return "max_age \"\(DomainNameError.printable(value))\" is not a number of seconds (1 to 10 digits)"
        case .invalidMX(let value, let reason):
            return "mx \"\(DomainNameError.printable(value))\" is not a host name or *.host pattern (\(reason))"
        case .missingField(let field): return "the required field \(field) is missing"
        case .missingMX(let mode): return "mode \(mode) needs at least one mx line"
        case .controlCharacter: return "the line contains a control character"
        }
    }

    public var description: String {
        if let line { return "line \(line): \(reason)" }
        return reason
    }
}
