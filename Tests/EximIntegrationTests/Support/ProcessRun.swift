import Foundation

/// What a finished child process left: exit status and captured output.
struct ProcessOutcome: Sendable, CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String { "status \(status), stdout: \(stdout), stderr: \(stderr)" }
}

/// A child process that did not finish in time or could not start.
struct ProcessRunError: Error, CustomStringConvertible {
    let command: [String]
    let reason: String

    var description: String { "\(command.joined(separator: " ")) \(reason)." }
}

/// Runs a program to completion with stdin given and stdout/stderr captured in files (so a
/// chatty child never blocks on a full pipe); waits on the exit, never on a fixed sleep.
enum ProcessRun {
    static let defaultTimeout = 120.0

    static func run(_ executable: String, _ arguments: [String], stdin: String = "",
                    scratch: String, timeout: Double = defaultTimeout) throws -> ProcessOutcome {
        let command = [executable] + arguments
        let outPath = scratch + "/stdout-\(UUID().uuidString)"
        let errPath = scratch + "/stderr-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
              FileManager.default.createFile(atPath: errPath, contents: nil),
              let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath) else {
            throw ProcessRunError(command: command, reason: "could not create capture files in \(scratch)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C"]
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw ProcessRunError(command: command, reason: "could not start: \(error)")
        }
        try? out.close()
        try? err.close()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try? input.fileHandleForWriting.close()
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = exited.wait(timeout: .now() + 10)
            throw ProcessRunError(command: command, reason: "did not finish within \(Int(timeout)) s")
        }
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return ProcessOutcome(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
