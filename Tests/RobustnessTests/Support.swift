import Foundation
import TestWorld
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built executables as an operator, a timer or Exim would (no shell), without the
/// test's MTASTS_CONFIG and MTASTS_ALLOW_ROOT.
enum Child {
    static var mtasts: String { TestPaths.builtProduct("mtasts") }
    static var helper: String { TestPaths.builtProduct("mtasts-lookup") }
    static var module: String { TestPaths.builtProduct("libmtasts_exim.so") }

    /// `executable` with `arguments`; `mtasts` writing commands get `--allow-root` unless `asIs`.
    static func process(_ executable: String, _ arguments: [String], stdin: String = "",
                        environment: [String: String] = [:], asIs: Bool = false) -> ChildProcess {
        ChildProcess(executable, executable == mtasts && !asIs ? WriterArguments.allowingRoot(arguments) : arguments,
                     environment: .inherited(removing: ["MTASTS_CONFIG", WriterVariable.name], setting: environment),
                     stdin: stdin)
    }

    static func run(_ executable: String, _ arguments: [String], stdin: String = "",
                    environment: [String: String] = [:], asIs: Bool = false) throws -> RunResult {
        try process(executable, arguments, stdin: stdin, environment: environment, asIs: asIs).run()
    }

    static func mtasts(_ arguments: [String], asIs: Bool = false, environment: [String: String] = [:]) throws -> RunResult {
        try run(mtasts, arguments, environment: environment, asIs: asIs)
    }

    /// `mtasts` with `arguments` started in the background (stdin at end of file).
    static func start(mtasts arguments: [String]) throws -> RunningChild {
        try process(mtasts, arguments).start()
    }

    /// The largest peak RSS (KiB) of any child this test process has waited for: an upper bound
    /// for every one of them (getrusage(RUSAGE_CHILDREN) keeps the maximum).
    static func peakChildRSSKiB() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return Int(usage.ru_maxrss)
    }
}

enum WriterVariable {
    static let name = "MTASTS_ALLOW_ROOT"
}

/// A configuration file for `mtasts` against the loopback world, with its cache and state directory.
struct RobustConfig {
    let path: String
    let cachePath: String
    let stateDirectory: String

    init(world: World, directory: TemporaryDirectory, domains: [String] = [], httpsTimeout: String = "3s",
         dnsTimeout: String = "1s", concurrency: Int = 8, cachePath: String? = nil, extra: String = "") throws {
        self.cachePath = cachePath ?? directory.file("cache.lmdb")
        path = directory.file("mtasts.yaml")
        stateDirectory = directory.file("state")
        try WorldConfigFile(world: world, path: path, cachePath: self.cachePath, stateDirectory: stateDirectory,
                            dnsTimeout: dnsTimeout, httpsTimeout: httpsTimeout, domains: domains,
                            concurrency: concurrency, extra: extra)
    }
}

/// Reads an LMDB file with the real `mdb_dump` (lmdb-utils), independently of the store.
enum MDBTools {
    static func dump(_ path: String) throws -> [String: String] {
        let result = try Child.run("/usr/bin/mdb_dump", ["-n", "-p", path])
        guard result.status == 0 else { throw ToolFailure("mdb_dump \(path) exited \(result.status): \(result.stderr)") }
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "HEADER=END") else { return [:] }
        var pairs: [String: String] = [:]
        var index = start + 1
        while index + 1 < lines.count, lines[index] != "DATA=END" {
            pairs[String(lines[index].dropFirst())] = String(lines[index + 1].dropFirst())
            index += 2
        }
        return pairs
    }

    /// `mdb_stat -n PATH` succeeds (the environment opens and its meta pages are sound).
    static func statOK(_ path: String) throws -> Bool {
        try Child.run("/usr/bin/mdb_stat", ["-n", path]).status == 0
    }
}

struct ToolFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A thread-safe list a test's threads append to.
final class Recorder<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []
    private var stopped = false

    func append(_ item: Element) { lock.lock(); items.append(item); lock.unlock() }
    var all: [Element] { lock.lock(); defer { lock.unlock() }; return items }
    func stop() { lock.lock(); stopped = true; lock.unlock() }
    var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }
}

/// Waits for `condition` up to `timeout` seconds, polling; false on timeout.
func eventually(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}
