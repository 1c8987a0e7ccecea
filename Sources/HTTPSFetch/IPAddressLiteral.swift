/// Syntax of the address literals a caller may pin: dotted-quad IPv4 (RFC 791, no leading
/// zeros) and IPv6 text form (RFC 4291 §2.2, `::` at most once, optional IPv4 tail, no zone).
enum IPAddressLiteral {
    static func isValid(_ text: String) -> Bool {
        text.contains(":") ? isIPv6(text) : isIPv4(text)
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy({ (0x30...0x39).contains($0) }),
                  part.count == 1 || part.first != UInt8(ascii: "0") else { return false }
            return part.reduce(0) { $0 * 10 + Int($1 - 0x30) } <= 255
        }
    }

    static func isIPv6(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let colon = UInt8(ascii: ":")
        var halves: [ArraySlice<UInt8>] = []
        if let gap = bytes.indices.dropLast().first(where: { bytes[$0] == colon && bytes[$0 + 1] == colon }) {
            halves = [bytes[..<gap], bytes[(gap + 2)...]]
        } else {
            halves = [bytes[...]]
        }
        var groups = 0
        for (index, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: colon, omittingEmptySubsequences: false)
            for (position, part) in parts.enumerated() {
                let isLastOfAll = index == halves.count - 1 && position == parts.count - 1
                if isLastOfAll && part.contains(UInt8(ascii: ".")) {
                    guard isIPv4(String(decoding: part, as: UTF8.self)) else { return false }
                    groups += 2
                } else {
                    guard (1...4).contains(part.count), part.allSatisfy(isHexDigit) else { return false }
                    groups += 1
                }
            }
        }
        return halves.count == 2 ? groups <= 7 : groups == 8
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
