import Foundation

/// ANSI colours for text written to standard output, on only when it is a terminal, `TERM` is
/// not `dumb` and `NO_COLOR` (https://no-color.org) is unset or empty.
struct TerminalStyle {
    let enabled: Bool

    static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalStyle {
        TerminalStyle(enabled: decide(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment))
    }

    static func decide(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal, environment["TERM"] != "dumb" else { return false }
        return (environment["NO_COLOR"] ?? "").isEmpty
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func good(_ text: String) -> String { wrap(text, "32") }
    func warn(_ text: String) -> String { wrap(text, "33") }
    func bad(_ text: String) -> String { wrap(text, "31") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
