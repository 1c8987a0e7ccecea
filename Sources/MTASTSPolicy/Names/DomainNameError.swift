/// Why a text is not an acceptable domain or host name.
public struct DomainNameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rejected text, as given.
    public let input: String
    let code: Code

    enum Code: Equatable, Sendable {
        case empty
        case tooLong(Int)
        case emptyLabel
        case labelTooLong(Int)
        case hyphenAtLabelEdge
        case invalidCharacter(UInt8)
        case nonASCII
        case numericTopLevel
    }

    /// What is wrong, without repeating the input.
    public var reason: String {
        switch code {
        case .empty: return "it is empty"
        case .tooLong(let count): return "\(count) characters, more than \(DomainName.maximumLength)"
        case .emptyLabel: return "it has an empty label (two dots in a row, or a leading dot)"
        case .labelTooLong(let count): return "a label has \(count) characters, more than \(DomainName.maximumLabelLength)"
        case .hyphenAtLabelEdge: return "a label starts or ends with a hyphen"
        case .invalidCharacter(let byte):
            return "character \(Self.printable(byte)) is not allowed (only letters, digits, hyphens and dots)"
        case .nonASCII: return "it is not ASCII; give the IDNA A-label (xn--) form"
        case .numericTopLevel: return "the last label is all digits (an IP address is not a domain)"
        }
    }

    public var description: String { "invalid domain name \"\(Self.printable(input))\": \(reason)" }

    /// Renders control characters and quotes visibly so an error message never carries them raw.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(300) {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x20..<0x7F: out.unicodeScalars.append(scalar)
            case 0..<0x20, 0x7F: out += "\\x" + hex2(UInt8(scalar.value))
            default: out.unicodeScalars.append(scalar)
            }
        }
        if text.unicodeScalars.count > 300 { out += "…" }
        return out
    }

    static func printable(_ byte: UInt8) -> String {
        (0x20..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + hex2(byte)
    }

    private static func hex2(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
