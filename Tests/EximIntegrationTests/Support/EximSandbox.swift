import Foundation
import TestWorld

/// One test's private Exim: a directory owned by Exim's user holding the configuration, the
/// spool, the logs, the LMDB cache and a resolv.conf that points at the test's world.
/// Exim runs inside `unshare --mount` with that resolv.conf bind-mounted over
/// /etc/resolv.conf, so its dnslookup routers ask the world; nothing system-wide changes.
final class EximSandbox: @unchecked Sendable {
    let directory: TemporaryDirectory
    let world: World?
    let configPath: String

    var cachePath: String { directory.file("cache/mtasts.lmdb") }
    var mainLogPath: String { directory.file("log/mainlog") }
    var panicLogPath: String { directory.file("log/paniclog") }
    private var resolvConf: String { directory.file("resolv.conf") }

    init(world: World?, settings: EximSettings, layout: EximConfig.Layout = .debianSplit) throws {
        directory = try TemporaryDirectory()
        self.world = world
        configPath = directory.file("exim.conf")
        let fileManager = FileManager.default
        for sub in ["spool", "log", "cache"] {
            try fileManager.createDirectory(atPath: directory.file(sub), withIntermediateDirectories: true)
        }
        let nameserver = world.map { "nameserver \($0.address)\noptions attempts:1 timeout:5\n" } ?? ""
        try nameserver.write(toFile: resolvConf, atomically: true, encoding: .utf8)
        var settings = settings
        if settings.caFile == nil { settings.caFile = world?.caFile }
        let config = try EximConfig.text(settings, sandbox: directory.path, cachePath: cachePath, layout: layout)
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        try handToEximUser()
    }

    /// Gives everything in the sandbox to Exim's user: delivery processes run as that user
    /// and must write the spool and logs and open the cache (its lock file included).
    func handToEximUser() throws {
        guard let user = getpwnam(EximPrerequisites.eximUser) else {
            throw SandboxError("there is no user \(EximPrerequisites.eximUser)")
        }
        let uid = user.pointee.pw_uid, gid = user.pointee.pw_gid
        chmod(directory.path, 0o755)
        let fileManager = FileManager.default
        var paths = [directory.path]
        if let walker = fileManager.enumerator(atPath: directory.path) {
            while let relative = walker.nextObject() as? String { paths.append(directory.file(relative)) }
        }
        // The configuration stays root's: Exim refuses a -C file that another user owns.
        for path in paths where path != configPath && chown(path, uid, gid) != 0 {
            throw SandboxError("chown \(path) failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Runs `exim -C <config> <arguments>` with the world's DNS.
    @discardableResult
    func exim(_ arguments: [String], stdin: String = "") throws -> RunResult {
        let script = #"mount --bind "$0" /etc/resolv.conf && exec "$@""#
        return try ChildProcess(EximPrerequisites.unshare,
                                ["--mount", "/bin/sh", "-c", script, resolvConf, EximPrerequisites.exim, "-C", configPath] + arguments,
                                environment: .exactly(["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C"]),
                                stdin: stdin).run()
    }

    /// `exim -bt address`: how Exim would route it.
    func route(_ address: String, sender: String? = nil) throws -> Routing {
        var arguments = ["-bt"]
        if let sender { arguments += ["-f", sender] }
        return Routing(try exim(arguments + [address]))
    }

    /// `exim -bv address`: whether Exim would verify it (as an ACL's `verify = recipient`).
    func verify(_ address: String) throws -> Routing {
        Routing(try exim(["-bv", address]))
    }

    /// `exim -be`: each expression expanded (macros substituted); the answers in order. Each
    /// is wrapped in brackets so an empty answer stays visible; a failed expansion gives nil.
    func expand(_ expressions: [String]) throws -> [String?] {
        let outcome = try exim(["-be"], stdin: expressions.map { "[" + $0 + "]" }.joined(separator: "\n") + "\n")
        let lines = outcome.stdout.split(separator: "\n")
            .map { $0.hasPrefix(">") ? $0.dropFirst().drop(while: { $0 == " " }) : $0[...] }
            .filter { !$0.isEmpty }
        let answers = lines.map { text -> String? in
            guard text.hasPrefix("["), text.hasSuffix("]"), text.count >= 2 else { return nil }
            return String(text.dropFirst().dropLast())
        }
        guard answers.count == expressions.count else {
            throw SandboxError("exim -be gave \(answers.count) answers for \(expressions.count) expressions: \(outcome)")
        }
        return answers
    }

    /// Submits a message and delivers it in the foreground (`-odf`): Exim exits once the
    /// delivery attempt is over.
    @discardableResult
    func send(to recipient: String, from sender: String = "sender@sender.test",
              headers: [String] = []) throws -> RunResult {
        let message = (["From: \(sender)", "To: \(recipient)", "Subject: MTA-STS test"] + headers)
            .joined(separator: "\n") + "\n\nHello.\n"
        return try exim(["-odf", "-oi", "-f", sender, recipient], stdin: message)
    }

    /// The main log as written so far.
    func mainLog() -> MainLog {
        MainLog(text: (try? String(contentsOfFile: mainLogPath, encoding: .utf8)) ?? "")
    }
}

struct SandboxError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
