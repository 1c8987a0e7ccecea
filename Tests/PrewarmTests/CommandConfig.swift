import Foundation
import TestWorld

/// The built `mtasts` executable run as a child process, its output collected line by line
/// as it comes, so a test can wait for a line (with a timeout) and send signals.
final class CommandProcess: @unchecked Sendable {
    static var executable: String { TestPaths.builtProduct("mtasts") }

    let process = Process()
    private let condition = NSCondition()
    private var outLines: [String] = []
    private var errText = ""
    private var openStreams = 2

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = WriterArguments.allowingRoot(arguments)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "MTASTS_CONFIG")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        collect(out.fileHandleForReading) { [self] text in outLines += text.split(separator: "\n").map(String.init) }
        collect(err.fileHandleForReading) { [self] text in errText += text }
    }

    private func collect(_ handle: FileHandle, _ append: @escaping @Sendable (String) -> Void) {
        let thread = Thread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending += chunk
                // Only whole lines are published.
                guard let last = pending.lastIndex(of: UInt8(ascii: "\n")) else { continue }
                let complete = pending[...last]
                pending = Data(pending[(last + 1)...])
                condition.lock()
                append(String(decoding: complete, as: UTF8.self))
                condition.broadcast()
                condition.unlock()
            }
            condition.lock()
            if !pending.isEmpty { append(String(decoding: pending, as: UTF8.self)) }
            openStreams -= 1
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    var stdoutLines: [String] { condition.lock(); defer { condition.unlock() }; return outLines }
    var stderr: String { condition.lock(); defer { condition.unlock() }; return errText }

    /// Waits until a stdout line satisfies `match`; false on timeout or when the output ends first.
    func waitForLine(timeout: Double, _ match: (String) -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !outLines.contains(where: match) {
            if openStreams == 0 || !condition.wait(until: deadline) { return outLines.contains(where: match) }
        }
        return true
    }

    /// Waits until stderr contains `text`.
    func waitForStderr(containing text: String, timeout: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !errText.contains(text) {
            if openStreams == 0 || !condition.wait(until: deadline) { return errText.contains(text) }
        }
        return true
    }

    /// Waits for the process to exit and both streams to end; nil on timeout.
    func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        while openStreams > 0 {
            if !condition.wait(until: deadline) { break }
        }
        let ended = openStreams == 0
        condition.unlock()
        guard ended else { return nil }
        // The streams are closed: the process has exited or is about to.
        while process.isRunning {
            if Date() > deadline { return nil }
            usleep(1_000)
        }
        return process.terminationStatus
    }

    func signal(_ number: Int32) { Foundation.kill(process.processIdentifier, number) }

    /// Kills the process if it is still running (cleanup).
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        _ = waitForExit(timeout: 10)
    }

    /// Runs to completion.
    static func run(_ arguments: [String], timeout: Double = 120) throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try CommandProcess(arguments)
        guard let status = child.waitForExit(timeout: timeout) else {
            child.kill()
            throw CommandTimeout(arguments: arguments)
        }
        return (status, child.stdoutLines.joined(separator: "\n"), child.stderr)
    }
}

struct CommandTimeout: Error, CustomStringConvertible {
    let arguments: [String]
    var description: String { "mtasts \(arguments.joined(separator: " ")) did not finish in time" }
}

/// A configuration file pointing every network setting at a world, with the cache and the state
/// directory in `directory`.
struct CommandConfig {
    let path: String
    let cachePath: String
    let stateDirectory: String

    init(world: World, directory: TemporaryDirectory, domains: [String], httpsTimeout: String = "5s",
         eximLogs: [String] = [], extra: String = "") throws {
        cachePath = directory.file("cache.lmdb")
        path = directory.file("mtasts.yaml")
        stateDirectory = directory.file("state")
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let yaml = """
            cache:
              path: \(cachePath)
            resolver:
              nameservers: ["\(world.nameserver)"]
              timeout: 2s
              attempts: 1
            https:
              ca_file: \(world.caFile)
              connect_timeout: \(httpsTimeout)
              timeout: \(httpsTimeout)
            state:
              directory: \(stateDirectory)
            domains: [\(domains.joined(separator: ", "))]
            learn:
              exim_logs: [\(eximLogs.joined(separator: ", "))]
            \(extra)
            """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }

    var scheduleFile: String { stateDirectory + "/schedule" }

    func scheduleText() -> String? {
        FileManager.default.contents(atPath: scheduleFile).map { String(decoding: $0, as: UTF8.self) }
    }
}
