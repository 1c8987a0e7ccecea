import Yams

/// The few questions the decoder asks of a YAML node.
extension Node {
    /// The node's resolved tag, e.g. `tag:yaml.org,2002:int` for a plain `42`, `…:str` for `"42"`.
    var resolvedTagName: Tag.Name { Tag.Name(rawValue: tag.description) }

    /// True for an explicit null: `~`, `null`, or nothing after the colon.
    var isNull: Bool {
        if case .scalar = self { return resolvedTagName == .null }
        return false
    }

    /// The scalar's text when the scalar is a string (quoted, or plain text that is not a number,
    /// boolean, null or date), nil otherwise.
    var stringValue: String? {
        guard case .scalar(let scalar) = self else { return nil }
        switch resolvedTagName {
        case .str, .merge, .value: return scalar.string
        default: return nil
        }
    }

    /// What the node is, for messages: "a string", "a list", "a number", …
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            switch resolvedTagName {
            case .str, .merge, .value: return "a string"
            case .int: return "a number"
            case .float: return "a decimal number"
            case .bool: return "a boolean"
            case .null: return "empty"
            case .timestamp: return "a date"
            case .binary: return "binary data"
            default: return "a value tagged \(tag.description)"
            }
        }
    }
}
