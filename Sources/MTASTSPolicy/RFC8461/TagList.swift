/// The `name=value` list shared by the `_mta-sts` (RFC 8461 §3.1) and `_smtp._tls`
/// (RFC 8460 §3) TXT records: a version tag, then fields separated by `*WSP ";" *WSP`,
/// with an optional trailing separator.
protocol TagListError: Error {
    init(_ reason: String)
}

enum TagList {
    struct Field: Equatable {
        let name: String
        let value: String
    }

    /// Whether `rest` (what follows the version tag) begins with `*WSP ";"`.
    static func startsWithSeparator(_ rest: Substring.UTF8View) -> Bool {
        for byte in rest {
            if byte == UInt8(ascii: ";") { return true }
            if byte != 0x20 && byte != 0x09 { return false }
        }
        return false
    }

    /// Splits a record that starts with `version` into its fields. Field names follow
    /// `(ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")`; values are printable ASCII
    /// without `=`, `;` or space (RFC 8461 §3.1 `sts-ext-value`, RFC 8460 §3 likewise),
    /// except that callers may allow more in specific fields via `valueAllowed`.
    static func parse<E: TagListError>(
        _ text: String, version: String, errorType: E.Type,
        valueAllowed: (String, UInt8) -> Bool = { _, _ in false }
    ) throws(E) -> [Field] {
        guard text.hasPrefix(version) else { throw E("it does not start with \(version)") }
        let rest = text.dropFirst(version.count)
        var parts = rest.split(separator: ";", omittingEmptySubsequences: false).map(trimWSP)
        // parts[0] is what stood between the version and the first ";": it must be empty.
        guard parts.first?.isEmpty == true else { throw E("expected \";\" after \(version)") }
        parts.removeFirst()
        if parts.last?.isEmpty == true { parts.removeLast() } // optional trailing separator
        guard !parts.isEmpty else { throw E("the record has no fields after the version") }
        var fields: [Field] = []
        for part in parts {
            guard let equals = part.firstIndex(of: "=") else {
                throw E("field \"\(DomainNameError.printable(String(part)))\" has no \"=\"")
            }
            let name = String(part[..<equals])
            let value = String(part[part.index(after: equals)...])
            guard PolicyParser.isFieldName(Substring(name)) else {
                throw E("\"\(DomainNameError.printable(name))\" is not a valid field name")
            }
            guard !value.isEmpty else { throw E("field \(name) has an empty value") }
            for byte in value.utf8 where !(isValueByte(byte) || valueAllowed(name, byte)) {
                throw E("field \(name) contains the character \(DomainNameError.printable(byte))")
            }
            fields.append(Field(name: name, value: value))
        }
        return fields
    }

    /// `%x21-3A / %x3C / %x3E-7E`: printable ASCII except `;`, `=` and space.
    static func isValueByte(_ byte: UInt8) -> Bool {
        (0x21...0x3A).contains(byte) || byte == 0x3C || (0x3E...0x7E).contains(byte)
    }

    static func trimWSP(_ text: Substring) -> Substring {
        var start = text.startIndex
        var end = text.endIndex
        while start < end, text[start] == " " || text[start] == "\t" { start = text.index(after: start) }
        while end > start, text[text.index(before: end)] == " " || text[text.index(before: end)] == "\t" {
            end = text.index(before: end)
        }
        return text[start..<end]
    }
}
