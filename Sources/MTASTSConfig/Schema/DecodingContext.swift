import Yams

/// Where the decoder is: the file, and the key path of the value being decoded.
/// It builds ``ConfigError``s that point at a node's line and column.
struct DecodingContext {
    /// The file name used in messages.
    let source: String
    /// The dotted key path, e.g. `resolver.nameservers[1]`; empty at the top level.
    let keyPath: String

    init(source: String, keyPath: String = "") {
        self.source = source
        self.keyPath = keyPath
    }

    /// The context of a key inside the current mapping.
    func appending(key: String) -> DecodingContext {
        DecodingContext(source: source, keyPath: keyPath.isEmpty ? key : keyPath + "." + key)
    }

    /// The context of an element of the current list (indices count from 0).
    func appending(index: Int) -> DecodingContext {
        DecodingContext(source: source, keyPath: keyPath + "[\(index)]")
    }

    /// The current mapping's name for messages ("https"), or nil at the top level.
    var sectionName: String? { keyPath.isEmpty ? nil : keyPath }

    /// An error at `node`'s position about the value at the current key path.
    func error(_ code: ConfigError.Code, at node: Node?) -> ConfigError {
        ConfigError(code, source: source, line: node?.mark?.line, column: node?.mark?.column,
                    keyPath: keyPath.isEmpty ? nil : keyPath)
    }

    /// An error about `node` being of the wrong YAML type.
    func wrongType(expected: String, at node: Node) -> ConfigError {
        error(.wrongType(expected: expected, found: node.kindDescription), at: node)
    }

    /// An error about an unacceptable value: `shown` is how the value appears in the message.
    func invalid(_ shown: String?, _ problem: String, at node: Node) -> ConfigError {
        error(.invalidValue(shown: shown, problem: problem), at: node)
    }
}
