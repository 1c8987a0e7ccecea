/// Why gzip data could not be made or read.
public struct GzipError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { "gzip: \(reason)" }
}
