import PolicyStore

/// Why the domain set could not be built or updated, as one sentence.
public struct DomainSetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or cache the problem is about.
    public var path: String
    let code: Code

    enum Code: Sendable, Equatable {
        case cannotReadDomainFile(reason: String)
        case badPattern(reason: String)
        case store(description: String)
    }

    init(path: String, _ code: Code) {
        self.path = path
        self.code = code
    }

    static func store(_ error: StoreError) -> DomainSetError {
        DomainSetError(path: error.path, .store(description: error.description))
    }

    public var description: String {
        switch code {
        case .cannotReadDomainFile(let reason): return "cannot read domain file \(path): \(reason)"
        case .badPattern(let reason): return "domain_files pattern \(path) cannot be expanded: \(reason)"
        case .store(let description): return description
        }
    }
}
