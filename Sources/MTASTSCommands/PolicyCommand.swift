import ArgumentParser
import Foundation
import MTASTSPolicy

/// `mtasts policy parse [FILE|-] [--json]`: checks a policy document against RFC 8461 §3.2.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Work with MTA-STS policy documents.",
        subcommands: [Parse.self]
    )

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse a policy document (RFC 8461 §3.2); exit 0 when valid, 1 when invalid.")

        @Argument(help: ArgumentHelp("The policy file, or - for standard input.", valueName: "file"))
        var file = "-"

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        /// Larger inputs are refused before parsing; fetched policies are capped at 64 KiB anyway.
        static let maximumInput = 1 << 20

        func run() throws {
            let bytes = try readInput()
            do {
                let result = try PolicyParser.parse(bytes: bytes)
                if json {
                    writeStandardOutput(Rendering.policyJSON(result.policy, warnings: result.warnings).rendered)
                } else {
                    let policy = result.policy
                    writeStandardOutput("valid: version STSv1, mode \(policy.mode.rawValue), max_age \(policy.maxAge), mx \(policy.mx.map(\.description).joined(separator: ", "))")
                    for warning in result.warnings { writeStandardOutput("warning: \(warning)") }
                }
            } catch {
                if json {
                    writeStandardOutput(Rendering.invalidPolicyJSON(error.description).rendered)
                } else {
                    writeStandardOutput("invalid: \(error.description)")
                }
                throw ExitCode(ExitStatus.invalid)
            }
        }

        private func readInput() throws -> [UInt8] {
            let handle: FileHandle
            if file == "-" {
                handle = FileHandle.standardInput
            } else if let opened = FileHandle(forReadingAtPath: file) {
                handle = opened
            } else {
                throw CommandFailure("cannot read \(file): \(String(cString: strerror(errno)))")
            }
            let data = handle.readData(ofLength: Self.maximumInput + 1)
            guard data.count <= Self.maximumInput else {
                throw CommandFailure("\(file == "-" ? "standard input" : file) is larger than \(Self.maximumInput) bytes; not a policy")
            }
            return [UInt8](data)
        }
    }
}
