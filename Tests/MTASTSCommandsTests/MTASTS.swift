import Foundation
import TestWorld

/// Runs the built `mtasts` executable, as an operator or Exim would (``ChildProcess/mtasts(_:environment:stdin:timeout:)``:
/// `--allow-root` for writing commands, no MTASTS_CONFIG unless `environment` sets it).
enum MTASTS {
    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> RunResult {
        try ChildProcess.mtasts(arguments, environment: .inherited(removing: ["MTASTS_CONFIG"], setting: environment),
                                stdin: Data(stdin.utf8)).run()
    }
}

extension RunResult {
    /// The standard output parsed as one JSON object.
    func json() throws -> [String: Any] {
        guard let dictionary = try JSONSerialization.jsonObject(with: stdoutData) as? [String: Any] else {
            throw NotAJSONObject(text: stdout)
        }
        return dictionary
    }
}

struct NotAJSONObject: Error, CustomStringConvertible {
    let text: String
    var description: String { "The output is not a JSON object: \(text)" }
}
