import Yams

/// Turns text into a YAML node tree, turning Yams' errors into one-line ``ConfigError``s.
enum YAMLComposer {
    /// The tree is built recursively, so a file nested a million levels deep (`[[[[…`, or
    /// `- - - - …` on one line) must be refused before parsing, with an error rather than a stack
    /// overflow. ``nestingEstimate`` over-estimates the depth, so this limit is generous.
    static let maximumNestingEstimate = 256

    static func compose(_ text: String, source: String) throws(ConfigError) -> Node? {
        if let line = lineExceedingNestingLimit(text) {
            throw ConfigError(.syntax(problem: "lists and mappings are nested too deeply, or indented too far, for a configuration file"),
                              source: source, line: line)
        }
        do {
            return try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let error as YamlError {
            throw convert(error, text: text, source: source)
        } catch {
            throw ConfigError(.syntax(problem: "\(error)"), source: source)
        }
    }

    /// A conservative pre-scan returning the first line whose nesting estimate exceeds the limit.
    ///
    /// For every line the estimate is twice its indentation (a block level needs at least one more
    /// column than its parent, except a list directly under a key, which may share the column),
    /// plus every `-`, `?` or `:` indicator followed by a blank on it (compact nesting such as
    /// `- - x`), plus the depth of unclosed `[` and `{` counted over the whole text, plus one.
    /// Comments and quotes are deliberately not understood: counting them too can only over-estimate.
    private static func lineExceedingNestingLimit(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        var flowDepth = 0
        var line = 1
        var index = 0
        while index < bytes.count {
            var indentation = 0
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") {
                indentation += 1
                index += 1
            }
            var estimate = 2 * indentation + flowDepth + 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
                switch bytes[index] {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                    estimate += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flowDepth = max(0, flowDepth - 1)
                case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                    let next = index + 1 < bytes.count ? bytes[index + 1] : UInt8(ascii: "\n")
                    if next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n")
                        || next == UInt8(ascii: "\r") {
                        estimate += 1
                    }
                default:
                    break
                }
                if estimate > maximumNestingEstimate { return line }
                index += 1
            }
            if estimate > maximumNestingEstimate { return line }
            line += 1
            index += 1
        }
        return nil
    }

    private static func convert(_ error: YamlError, text: String, source: String) -> ConfigError {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var sentence = problem
            if problem == "but found another document" {
                sentence = "a second document starts here, but a configuration file holds exactly one"
            } else if let context {
                sentence += " \(context.text) (line \(context.mark.line))"
            }
            return ConfigError(.syntax(problem: sentence), source: source, line: mark.line, column: mark.column)
        case let .reader(problem, offset, _, _):
            let line = offset.map { lineNumber(atCharacterOffset: $0, in: text) }
            return ConfigError(.syntax(problem: problem), source: source, line: line)
        default:
            return ConfigError(.syntax(problem: "\(error)"), source: source)
        }
    }

    private static func lineNumber(atCharacterOffset offset: Int, in text: String) -> Int {
        1 + text.prefix(offset).reduce(0) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
    }
}
