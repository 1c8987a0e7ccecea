import Foundation
import TestWorld

/// What `exim -bt` said about one address.
struct Routing: CustomStringConvertible {
    let outcome: RunResult

    init(_ outcome: RunResult) { self.outcome = outcome }

    /// `router = NAME` from the routing summary, nil when the address was not routed.
    var router: String? { field("router") }
    /// `transport = NAME` from the routing summary.
    var transport: String? { field("transport") }
    /// The address could not be routed now ("cannot be resolved at this time: ...").
    var isDeferred: Bool { outcome.stdout.contains("cannot be resolved at this time") }
    /// The text after "cannot be resolved at this time: ".
    var deferReason: String? {
        guard let range = outcome.stdout.range(of: "cannot be resolved at this time: ") else { return nil }
        return String(outcome.stdout[range.upperBound...].prefix { $0 != "\n" })
    }

    var description: String { outcome.description }

    private func field(_ name: String) -> String? {
        for line in outcome.stdout.split(separator: "\n") {
            for part in line.split(separator: ",") {
                let trimmed = part.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix(name + " = ") { return String(trimmed.dropFirst(name.count + 3)) }
            }
        }
        return nil
    }
}
