/// The tests run as root, and the writing `mtasts` commands refuse root unless given
/// `--allow-root`: runners pass their argument lists through ``WriterArguments/allowingRoot(_:)``.
public enum WriterArguments {
    /// The subcommands that write the cache or the state files.
    public static let writingCommands: Set<String> = ["fetch", "prewarm", "tick", "run", "learn", "migrate", "report"]

    /// `arguments` with `--allow-root` after a writing subcommand (first argument); others unchanged.
    public static func allowingRoot(_ arguments: [String]) -> [String] {
        guard let command = arguments.first, writingCommands.contains(command),
              !arguments.contains("--allow-root") else { return arguments }
        return [command, "--allow-root"] + arguments.dropFirst()
    }
}
