/// Why the loopback world could not start or answer, as one sentence with the world's stderr.
public struct WorldError: Error, CustomStringConvertible, Sendable {
    enum Code: Sendable {
        case launchFailed
        case notReady
        case timedOut
        case exited
        case invalidReply
        case commandFailed
        case encodingFailed
    }

    let code: Code
    /// What was going on (the command, the script path…).
    public let context: String
    /// Details: the world's own error message or the tail of its stderr.
    public let detail: String

    init(_ code: Code, _ context: String, detail: String = "") {
        self.code = code
        self.context = context
        self.detail = detail
    }

    public var description: String {
        let what: String
        switch code {
        case .launchFailed: what = "The test world could not be launched (\(context))"
        case .notReady: what = "The test world did not become ready (\(context))"
        case .timedOut: what = "The test world did not answer in time (\(context))"
        case .exited: what = "The test world exited unexpectedly (\(context))"
        case .invalidReply: what = "The test world sent an unreadable reply (\(context))"
        case .commandFailed: what = "The test world rejected a command (\(context))"
        case .encodingFailed: what = "The scenario could not be encoded (\(context))"
        }
        let trimmed = detail.trimmingWhitespace()
        return trimmed.isEmpty ? what + "." : what + ": " + trimmed
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
