import Foundation

/// How a child process ended and everything it printed.
public struct RunResult: Sendable, CustomStringConvertible {
    /// The executable followed by its arguments.
    public let command: [String]
    /// The exit status; for a child ended by a signal, 128 + the signal number (as a shell reports it).
    public let status: Int32
    /// The signal that ended the child, nil when it exited by itself.
    public let signal: Int32?
    public let stdoutData: Data
    public let stderrData: Data
    /// Seconds from the start to the exit.
    public let seconds: Double

    public init(command: [String], status: Int32, signal: Int32?, stdoutData: Data, stderrData: Data, seconds: Double) {
        self.command = command
        self.status = status
        self.signal = signal
        self.stdoutData = stdoutData
        self.stderrData = stderrData
        self.seconds = seconds
    }

    /// Standard output as text, kept verbatim (bytes that are not UTF-8 become U+FFFD).
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    /// Standard output followed by standard error.
    public var output: String { stdout + stderr }
    /// The lines of standard output, without their newlines (no empty last line).
    public var stdoutLines: [String] { RunResult.lines(of: stdout) }

    /// Exited by itself with status 0.
    public var succeeded: Bool { status == 0 && signal == nil }

    /// This result, or an error naming the command, its status and its stderr when it did not succeed.
    @discardableResult
    public func requireSuccess() throws(ChildProcessError) -> RunResult {
        guard succeeded else { throw ChildProcessError(.failed, command, detail: ending + ": " + stderr) }
        return self
    }

    /// "exited with status 2" or "was killed by signal 9".
    public var ending: String {
        signal.map { "was killed by signal \($0)" } ?? "exited with status \(status)"
    }

    public var description: String {
        "\(command.joined(separator: " ")) \(ending); stdout: \(stdout); stderr: \(stderr)"
    }

    static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
