import Foundation
import TestWorld

/// Runs the built `mtasts` executable, as an operator or Exim would.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The standard output parsed as one JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        guard let dictionary = object as? [String: Any] else {
            throw CommandRunnerError(message: "not a JSON object: \(stdout)")
        }
        return dictionary
    }
}

struct CommandRunnerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

enum MTASTS {
    static var executable: String { TestPaths.builtProduct("mtasts") }

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = WriterArguments.allowingRoot(arguments)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "MTASTS_CONFIG")
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .newlines),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A configuration file pointing every network setting at a world, with a cache in `directory`.
struct TestConfig {
    let path: String
    let cachePath: String

    init(world: World, directory: TemporaryDirectory, dnsTimeout: String = "1s", httpsTimeout: String = "3s") throws {
        cachePath = directory.path + "/cache.lmdb"
        path = directory.path + "/mtasts.yaml"
        let yaml = """
            cache:
              path: \(cachePath)
            resolver:
              nameservers: ["\(world.nameserver)"]
              timeout: \(dnsTimeout)
              attempts: 1
            https:
              ca_file: \(world.caFile)
              connect_timeout: 3s
              timeout: \(httpsTimeout)

            """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
