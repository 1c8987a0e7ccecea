import MTASTSPolicy
import Yams

/// How to turn one YAML node into a Swift value, with the checks that value needs.
/// Errors name the key path and the node's line through the ``DecodingContext``.
struct ValueType<Value> {
    let decode: (Node, DecodingContext) throws(ConfigError) -> Value

    /// The same type with an extra check: `check` returns the end of a sentence describing the
    /// problem ("is not an absolute path"), or nil when the value is fine.
    func checked(_ check: @escaping (Value) -> String?) -> ValueType<Value> {
        ValueType { (node, context) throws(ConfigError) in
            let value = try self.decode(node, context)
            if let problem = check(value) {
                throw context.invalid(Self.shown(node), problem, at: node)
            }
            return value
        }
    }

    /// A scalar as it appears in a message: quoted when it is text, bare when a number.
    static func shown(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else { return nil }
        if node.stringValue != nil { return ConfigError.quoted(scalar.string) }
        return scalar.string
    }
}

extension ValueType where Value == String {
    /// Any string. Numbers, booleans, lists and mappings are refused.
    static var string: ValueType<String> {
        ValueType { (node, context) throws(ConfigError) in
            guard let text = node.stringValue else {
                throw context.wrongType(expected: "a string", at: node)
            }
            if text.unicodeScalars.contains(where: { $0.value == 0 }) {
                throw context.invalid(ConfigError.quoted(text), "contains a NUL character", at: node)
            }
            return text
        }
    }

    /// An absolute path to a file: starts with `/`, does not end with `/`.
    static var absoluteFilePath: ValueType<String> {
        string.checked { path in
            if !path.hasPrefix("/") { return "is not an absolute path (start it with /)" }
            if path.hasSuffix("/") { return "names a directory (give the path of a file)" }
            return nil
        }
    }
}

extension ValueType where Value == Int {
    /// A whole number written in decimal, within `range`.
    static func integer(in range: ClosedRange<Int>) -> ValueType<Int> {
        ValueType { (node, context) throws(ConfigError) in
            guard case .scalar(let scalar) = node, node.resolvedTagName == .int else {
                throw context.wrongType(expected: "a whole number", at: node)
            }
            let rangeText = "(write a whole number from \(range.lowerBound) to \(range.upperBound))"
            // YAML also reads 0x1F, 0o17 and 1_000 as integers; a configuration wants plain decimal.
            guard let number = Int(scalar.string, radix: 10) else {
                let isDecimal = scalar.string.drop(while: { $0 == "-" || $0 == "+" })
                    .allSatisfy { $0.isASCII && $0.isNumber }
                throw context.invalid(scalar.string, isDecimal ? "is out of range \(rangeText)"
                                                                 : "is not a plain decimal number \(rangeText)",
                                      at: node)
            }
            guard range.contains(number) else {
                throw context.invalid(scalar.string, "is out of range \(rangeText)", at: node)
            }
            return number
        }
    }
}

extension ValueType where Value == Bool {
    /// `true` or `false` (YAML 1.1's yes/no/on/off are refused as too easy to misread).
    static var bool: ValueType<Bool> {
        ValueType { (node, context) throws(ConfigError) in
            guard case .scalar(let scalar) = node, node.resolvedTagName == .bool else {
                throw context.wrongType(expected: "true or false", at: node)
            }
            switch scalar.string.lowercased() {
            case "true": return true
            case "false": return false
            default: throw context.invalid(scalar.string, "is ambiguous (write true or false)", at: node)
            }
        }
    }
}

extension ValueType where Value == Duration {
    /// A ``ConfigDuration`` string such as `30s`, within `range`. A bare number is refused with
    /// a hint, since `timeout: 30` could mean seconds or minutes.
    static func duration(in range: ClosedRange<Duration>) -> ValueType<Duration> {
        ValueType { (node, context) throws(ConfigError) in
            guard case .scalar(let scalar) = node else {
                throw context.wrongType(expected: "a duration such as 30s", at: node)
            }
            let text = scalar.string
            if node.resolvedTagName == .int {
                throw context.invalid(text, "has no unit (write \(text)s, \(text)m, \(text)h or \(text)d)", at: node)
            }
            let duration: Duration
            do throws(ConfigDuration.ParseError) {
                duration = try ConfigDuration.parse(text)
            } catch {
                throw context.invalid(ConfigError.quoted(text), error.problem, at: node)
            }
            if duration < range.lowerBound {
                throw context.invalid(ConfigError.quoted(text),
                                      "is too short (at least \(ConfigDuration.render(range.lowerBound)))", at: node)
            }
            if duration > range.upperBound {
                throw context.invalid(ConfigError.quoted(text),
                                      "is too long (at most \(ConfigDuration.render(range.upperBound)))", at: node)
            }
            return duration
        }
    }
}

extension ValueType {
    /// A YAML list of values of `element`, each checked with its index in the key path.
    /// With `allowsEmpty: false` an empty list is refused, with `emptyHint` ending the sentence.
    static func list<Element>(of element: ValueType<Element>, allowsEmpty: Bool = true,
                              emptyHint: String = "must not be an empty list") -> ValueType<[Element]>
        where Value == [Element] {
        ValueType<[Element]> { (node, context) throws(ConfigError) in
            guard case .sequence(let sequence) = node else {
                throw context.wrongType(expected: "a list", at: node)
            }
            if sequence.isEmpty && !allowsEmpty {
                throw context.invalid(nil, emptyHint, at: node)
            }
            var values: [Element] = []
            for (index, item) in sequence.enumerated() {
                values.append(try element.decode(item, context.appending(index: index)))
            }
            return values
        }
    }
}

extension ValueType where Value == DomainName {
    /// A domain name (letters, digits, hyphens, dots; A-labels for IDN), folded to lower case.
    static var domainName: ValueType<DomainName> {
        ValueType { (node, context) throws(ConfigError) in
            let text = try ValueType<String>.string.decode(node, context)
            do throws(DomainNameError) {
                return try DomainName(validating: text)
            } catch {
                throw context.invalid(ConfigError.quoted(text), "is not a domain name (\(error.reason))", at: node)
            }
        }
    }
}

extension ValueType where Value == DomainPattern {
    /// A domain name or `*.` and a domain name.
    static var domainPattern: ValueType<DomainPattern> {
        ValueType { (node, context) throws(ConfigError) in
            let text = try ValueType<String>.string.decode(node, context)
            do throws(DomainNameError) {
                return try DomainPattern(parsing: text)
            } catch {
                throw context.invalid(ConfigError.quoted(text),
                                      "is not a domain name or *.domain (\(error.reason))", at: node)
            }
        }
    }
}
