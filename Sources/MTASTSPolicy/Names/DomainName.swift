/// A DNS domain or host name in canonical form: ASCII letters, digits and hyphens in
/// dot-separated labels (IDNA A-labels included), lower-cased, without a trailing dot.
///
/// Every name that reaches DNS, HTTPS, the cache or Exim passes through this type, so that
/// an argument with odd characters (spaces, NUL, `;`, `$`, Unicode) is refused with a clear
/// message before it can be interpolated anywhere.
public struct DomainName: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The canonical text: lower-case, no trailing dot.
    public let value: String

    /// The longest name DNS can carry, without the trailing dot (RFC 1035 §2.3.4).
    public static let maximumLength = 253
    /// The longest label (RFC 1035 §2.3.4).
    public static let maximumLabelLength = 63

    /// Validates `text` as a host name (RFC 952/1123 letters-digits-hyphens labels).
    /// A single trailing dot is accepted and removed; upper case is folded to lower case.
    public init(validating text: some StringProtocol) throws(DomainNameError) {
        let input = String(text)
        // The common case, a name already canonical, is checked without building anything.
        if Self.isCanonical(input) {
            self.value = input
            return
        }
        var bytes = Array(input.utf8)
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        guard !bytes.isEmpty else { throw DomainNameError(input: input, code: .empty) }
        guard bytes.count <= Self.maximumLength else {
            throw DomainNameError(input: input, code: .tooLong(bytes.count))
        }
        var labelStart = 0
        var lastLabelAllDigits = true
        for index in 0...bytes.count {
            let atEnd = index == bytes.count
            if !atEnd && bytes[index] != UInt8(ascii: ".") {
                let byte = bytes[index]
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { bytes[index] = byte + 32 }
                else if !Self.isLDH(byte) {
                    throw DomainNameError(input: input, code: byte >= 0x80 ? .nonASCII : .invalidCharacter(byte))
                }
                continue
            }
            let length = index - labelStart
            guard length > 0 else { throw DomainNameError(input: input, code: .emptyLabel) }
            guard length <= Self.maximumLabelLength else {
                throw DomainNameError(input: input, code: .labelTooLong(length))
            }
            if bytes[labelStart] == UInt8(ascii: "-") || bytes[index - 1] == UInt8(ascii: "-") {
                throw DomainNameError(input: input, code: .hyphenAtLabelEdge)
            }
            lastLabelAllDigits = bytes[labelStart..<index].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            labelStart = index + 1
        }
        // RFC 3696 §2: a top-level label is never all-numeric, which also keeps IPv4
        // literals out of places that expect names.
        if lastLabelAllDigits { throw DomainNameError(input: input, code: .numericTopLevel) }
        self.value = String(decoding: bytes, as: UTF8.self)
    }

    /// The labels, left to right.
    public var labels: [Substring] { value.split(separator: ".", omittingEmptySubsequences: false) }

    public var description: String { value }

    public static func < (lhs: DomainName, rhs: DomainName) -> Bool { lhs.value < rhs.value }

    /// The name with `prefix` labels in front, e.g. `_mta-sts` + `example.com`.
    /// Prefixes may contain underscores, which host names may not, so this bypasses validation.
    public func prefixed(with prefix: String) -> String { prefix + "." + value }

    /// Whether `text` passes every check below unchanged: LDH labels of 1 to 63 bytes without
    /// a hyphen at either edge, in lower case, no trailing dot, at most 253 bytes, a top-level
    /// label not all digits. Anything else takes the path that folds case or names the error.
    private static func isCanonical(_ text: String) -> Bool {
        var length = 0
        var labelLength = 0
        var previous: UInt8 = UInt8(ascii: ".")
        var labelAllDigits = true
        for byte in text.utf8 {
            length += 1
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                labelLength = 0
                labelAllDigits = true
            } else {
                guard isLDH(byte), labelLength < maximumLabelLength,
                      labelLength > 0 || byte != UInt8(ascii: "-") else { return false }
                labelLength += 1
                if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") { labelAllDigits = false }
            }
            previous = byte
        }
        return labelLength > 0 && previous != UInt8(ascii: "-") && !labelAllDigits && length <= maximumLength
    }

    private static func isLDH(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-")
    }
}
