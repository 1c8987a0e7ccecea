/// Why a log file or the read-position state file could not be used, as one sentence.
public struct EximLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the problem is about.
    public var path: String
    let code: Code

    enum Code: Sendable, Equatable {
        case cannotRead(reason: String)
        case cannotWriteState(reason: String)
    }

    init(path: String, _ code: Code) {
        self.path = path
        self.code = code
    }

    public var description: String {
        switch code {
        case .cannotRead(let reason): return "cannot read \(path): \(reason)"
        case .cannotWriteState(let reason): return "cannot write the log positions to \(path): \(reason)"
        }
    }
}
