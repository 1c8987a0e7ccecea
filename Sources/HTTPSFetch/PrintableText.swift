/// Text from a server or caller made safe for a one-line message: control characters, quotes
/// and backslashes are escaped, and anything past 200 characters is cut with "…".
struct PrintableText: CustomStringConvertible, Sendable {
    let raw: String
    init(_ raw: String) { self.raw = raw }

    static let limit = 200

    var description: String {
        var out = ""
        var count = 0
        for scalar in raw.unicodeScalars {
            if count == Self.limit { out += "…"; break }
            count += 1
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0..<0x20, 0x7F: out += "\\x" + Self.hex2(UInt8(scalar.value))
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func hex2(_ byte: UInt8) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
