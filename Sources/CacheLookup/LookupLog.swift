/// Where the lookups report what they refused or could not do: one line each.
///
/// The helper writes to standard error, except under Exim's `${run}`, which joins standard
/// error to standard output (the answer): then to syslog (facility mail). The module always
/// uses syslog (Exim's delivery processes have no useful standard error).
public struct LookupLog: Sendable {
    public enum Destination: Sendable { case standardError, syslog, automatic, discard }

    public let destination: Destination

    public init(_ destination: Destination) {
        self.destination = destination
    }

    public func write(_ message: String) {
        let line = Self.singleLine(message)
        switch destination {
        case .discard: return
        case .syslog: SystemCalls.syslogWarning(line)
        case .standardError: SystemCalls.writeStandardError("mtasts-lookup: " + line + "\n")
        case .automatic:
            if SystemCalls.standardErrorIsStandardOutput() { SystemCalls.syslogWarning(line) }
            else { SystemCalls.writeStandardError("mtasts-lookup: " + line + "\n") }
        }
    }

    /// `text` with control characters replaced by spaces, so it stays one line.
    static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// An argument as it may be shown in a log line: quoted, control characters and non-ASCII
    /// escaped as `\xNN`/`\u{…}`, shortened to 80 characters.
    public static func printable(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars.prefix(80) {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x20..<0x7F: out.unicodeScalars.append(scalar)
            case 0..<0x80: out += (scalar.value < 0x10 ? "\\x0" : "\\x") + String(scalar.value, radix: 16)
            default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        if text.unicodeScalars.count > 80 { out += "…" }
        return out + "\""
    }
}
