import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Entry point of the `mtasts` executable: parses arguments, runs the command, and maps
/// errors to the documented exit statuses (usage and configuration errors exit 2).
public enum MTASTSMain {
    public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        do {
            var command = try MTASTSCommand.parseAsRoot(arguments)
            try command.run()
            exit(ExitStatus.success)
        } catch let failure as CommandFailure {
            writeStandardError("mtasts: \(failure.message)\n")
            exit(failure.status)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let status = MTASTSCommand.exitCode(for: error)
            if status == .success {
                MTASTSCommand.exit(withError: error) // --help, --version
            }
            writeStandardError(MTASTSCommand.fullMessage(for: error) + "\n")
            exit(status == .validationFailure ? ExitStatus.usage : status.rawValue)
        }
    }
}

func writeStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

func writeStandardOutput(_ text: String) {
    print(text)
}
