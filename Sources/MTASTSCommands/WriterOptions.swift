import ArgumentParser
import Foundation

/// Options of the commands that write the cache or the state files (fetch --store, prewarm,
/// tick, run, learn, migrate, report): the root guard and, for the cache writers, `--rebuild`.
struct WriterOptions: ParsableArguments {
    /// The environment variable that has the same effect as `--allow-root` (for a test harness
    /// whose children, such as a lookup's miss fetch, cannot be given the flag).
    static let allowRootVariable = "MTASTS_ALLOW_ROOT"

    @Flag(name: .long, help: ArgumentHelp(
        "Run even as root.",
        discussion: "Without it a writing command refuses root: files it creates would belong to root and the Exim user could not update them."))
    var allowRoot = false

    /// Starts a writing command: throws (exit 2) when the process runs as root without
    /// `--allow-root` (or `MTASTS_ALLOW_ROOT=1`), then sets the umask to 027 so that every file
    /// and directory it creates (cache, state, journals, positions) is at most 0640 / 0750.
    func begin(command: String) throws {
        try refuseRoot(command: command)
        umask(0o027)
    }

    /// Throws (exit 2) when the process runs as root without `--allow-root` (or `MTASTS_ALLOW_ROOT=1`).
    func refuseRoot(command: String, effectiveUser: uid_t = geteuid(),
                    environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard effectiveUser == 0, !allowRoot, environment[Self.allowRootVariable] != "1" else { return }
        throw CommandFailure(
            "mtasts \(command) writes the cache and state files and refuses to run as root (they would be owned by root); "
                + "run it as the Exim user (e.g. `runuser -u Debian-exim -- mtasts \(command) ...`) or pass --allow-root",
            status: ExitStatus.usage)
    }
}

/// `--rebuild` for the commands that open the cache read-write (fetch --store, prewarm, migrate).
struct RebuildOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(
        "Move a cache file that is not an LMDB cache aside and start a fresh one.",
        discussion: "The file is renamed to <path>.corrupt-<timestamp>, never deleted. Without --rebuild such a file is refused and left untouched."))
    var rebuild = false
}
