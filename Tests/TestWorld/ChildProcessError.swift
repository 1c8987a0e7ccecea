/// A child process that could not start, did not finish in time or (when asked to) did not
/// succeed, as one sentence naming the command.
public struct ChildProcessError: Error, CustomStringConvertible, Sendable {
    enum Code: Sendable {
        case couldNotStart
        case timedOut
        case failed
    }

    let code: Code
    /// The executable followed by its arguments.
    public let command: [String]
    /// Why, with the output so far where there is any.
    public let detail: String

    init(_ code: Code, _ command: [String], detail: String) {
        self.code = code
        self.command = command
        self.detail = detail
    }

    public var description: String {
        let what: String
        switch code {
        case .couldNotStart: what = "could not start"
        case .timedOut: what = "did not finish in time and was killed"
        case .failed: what = "failed"
        }
        let trimmed = detail.trimmingWhitespace()
        return "`\(command.joined(separator: " "))` \(what)" + (trimmed.isEmpty ? "." : ": " + trimmed)
    }
}
