import Foundation

/// A program for a test to run as a child process, never through a shell: the executable, its
/// arguments, its environment, what it reads on stdin, where it starts and how long it may take.
///
/// ``run()`` waits for it and returns a ``RunResult``; ``start(keepingStdinOpen:)`` hands back a
/// ``RunningChild`` for a long-running child that the test talks to, signals and stops itself.
/// The child inherits the test's signal dispositions but blocks no signal, and gets no descriptor
/// of the test process but its three pipes. Output is read as it comes (a chatty child never
/// blocks on a full pipe); the run ends with the child's own exit, not with a grandchild it left
/// holding the pipes; a child that outlives its timeout is killed (SIGKILL) and reported as one
/// clear error.
public struct ChildProcess: Sendable, CustomStringConvertible {
    /// Five minutes: generous for anything a test runs, short enough that a hang fails the test.
    public static let defaultTimeout = 300.0

    public var executable: String
    public var arguments: [String]
    public var environment: ChildEnvironment
    /// Written to the child's stdin, which is then closed (unless kept open by `start`).
    public var stdin: Data
    /// The child's working directory; nil: the test process's.
    public var workingDirectory: String?
    /// Seconds ``run()`` (or ``RunningChild/finish()``) waits before killing the child.
    public var timeout: Double

    public init(_ executable: String, _ arguments: [String] = [], environment: ChildEnvironment = .inherited(),
                stdin: Data = Data(), workingDirectory: String? = nil, timeout: Double = defaultTimeout) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.stdin = stdin
        self.workingDirectory = workingDirectory
        self.timeout = timeout
    }

    /// `init` with stdin given as text (UTF-8).
    public init(_ executable: String, _ arguments: [String] = [], environment: ChildEnvironment = .inherited(),
                stdin text: String, workingDirectory: String? = nil, timeout: Double = defaultTimeout) {
        self.init(executable, arguments, environment: environment, stdin: Data(text.utf8),
                  workingDirectory: workingDirectory, timeout: timeout)
    }

    /// The built `mtasts` (beside the test binary) with `arguments`; writing subcommands get
    /// `--allow-root` (``WriterArguments``), and the environment drops `MTASTS_CONFIG` unless
    /// told otherwise, so that only `--config` chooses the configuration.
    public static func mtasts(_ arguments: [String],
                              environment: ChildEnvironment = .inherited(removing: ["MTASTS_CONFIG"]),
                              stdin: Data = Data(), timeout: Double = defaultTimeout) -> ChildProcess {
        ChildProcess(TestPaths.builtProduct("mtasts"), WriterArguments.allowingRoot(arguments),
                     environment: environment, stdin: stdin, timeout: timeout)
    }

    /// The executable followed by its arguments.
    public var command: [String] { [executable] + arguments }

    public var description: String { command.joined(separator: " ") }

    /// Runs the child to its end and returns what it printed and how it ended.
    public func run() throws(ChildProcessError) -> RunResult {
        try start().finish()
    }

    /// Starts the child and returns at once. With `keepingStdinOpen`, ``stdin`` is written and
    /// the pipe stays open for ``RunningChild/write(_:)`` until ``RunningChild/closeStdin()``.
    public func start(keepingStdinOpen: Bool = false) throws(ChildProcessError) -> RunningChild {
        try RunningChild(self, keepingStdinOpen: keepingStdinOpen)
    }
}

/// The environment a child starts with.
public enum ChildEnvironment: Sendable {
    /// The test process's environment, less the `removing` names, plus (or overriding) `setting`.
    case inherited(removing: Set<String> = [], setting: [String: String] = [:])
    /// Exactly these variables and no others.
    case exactly([String: String])

    /// The variables as the child will see them.
    public var variables: [String: String] {
        switch self {
        case .inherited(let removing, let setting):
            var variables = ProcessInfo.processInfo.environment
            for name in removing { variables.removeValue(forKey: name) }
            variables.merge(setting) { _, new in new }
            return variables
        case .exactly(let variables):
            return variables
        }
    }
}
