/// A metrics file or state file that could not be read or written, in one sentence.
public struct MetricsError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "metrics: \(path): \(reason)" }
}
