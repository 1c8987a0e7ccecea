/// A domain name as DNS carries it: a sequence of labels (RFC 1035 §3.1), compared
/// case-insensitively (RFC 4343 §3). Labels are stored with ASCII letters lower-cased.
public struct DNSName: Hashable, Sendable, CustomStringConvertible {
    /// The labels, left to right, without the empty root label.
    public let labels: [[UInt8]]

    /// The longest label (RFC 1035 §2.3.4).
    public static let maximumLabelLength = 63
    /// The longest name in wire form, length bytes and root label included (RFC 1035 §2.3.4).
    public static let maximumWireLength = 255

    /// The root name ".".
    public static let root = DNSName(validatedLabels: [])

    init(validatedLabels: [[UInt8]]) {
        self.labels = validatedLabels.map { $0.map(Self.asciiLowercased) }
    }

    /// Validates a query name given as text: labels of 1...63 letters, digits, hyphens or
    /// underscores (underscores for `_mta-sts`, `_smtp._tls`, `_25._tcp`, RFC 8552), at most
    /// 255 bytes in wire form; one trailing dot is accepted. Anything else (spaces, NUL, `;`,
    /// `$`, non-ASCII, empty labels) is refused before any network I/O.
    public init(validating text: String) throws(DNSError) {
        var bytes = Array(text.utf8)
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        guard !bytes.isEmpty else { throw DNSError(.invalidName("the name is empty")) }
        var labels: [[UInt8]] = []
        var current: [UInt8] = []
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: ".") {
                guard !current.isEmpty else {
                    throw DNSError(.invalidName("empty label at offset \(offset) (a leading dot or two dots in a row)"))
                }
                labels.append(current)
                current = []
                continue
            }
            guard Self.isAllowedQueryByte(byte) else {
                let what = byte >= 0x80 ? "a non-ASCII byte" : Printable.byte(byte)
                throw DNSError(.invalidName("\(what) at offset \(offset) is not a letter, digit, hyphen or underscore"))
            }
            current.append(byte)
            guard current.count <= Self.maximumLabelLength else {
                throw DNSError(.invalidName("a label is longer than \(Self.maximumLabelLength) bytes"))
            }
        }
        guard !current.isEmpty else { throw DNSError(.invalidName("empty label at the end (two trailing dots)")) }
        labels.append(current)
        let name = DNSName(validatedLabels: labels)
        guard name.wireLength <= Self.maximumWireLength else {
            throw DNSError(.invalidName("\(name.wireLength) bytes in wire form, more than \(Self.maximumWireLength)"))
        }
        self = name
    }

    /// The uncompressed wire length: each label with its length byte, plus the root byte.
    public var wireLength: Int { labels.reduce(1) { $0 + 1 + $1.count } }

    /// The uncompressed wire form (RFC 1035 §3.1).
    public var wireBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(wireLength)
        for label in labels {
            out.append(UInt8(label.count))
            out.append(contentsOf: label)
        }
        out.append(0)
        return out
    }

    /// Presentation form without the trailing dot, lower-case; bytes other than letters,
    /// digits, `-` and `_` are escaped as `\DDD` and dots inside a label as `\.`
    /// (RFC 1035 §5.1), so distinct names never render alike. The root renders as ".".
    public var description: String {
        guard !labels.isEmpty else { return "." }
        var out = ""
        for (index, label) in labels.enumerated() {
            if index > 0 { out += "." }
            for byte in label {
                if Self.isAllowedQueryByte(byte) {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "\\") {
                    out += "\\" + String(Character(Unicode.Scalar(byte)))
                } else {
                    let decimal = String(byte)
                    out += "\\" + String(repeating: "0", count: 3 - decimal.count) + decimal
                }
            }
        }
        return out
    }

    /// The host-name form used for MX exchanges: the presentation form, and "" for the root.
    var hostText: String { labels.isEmpty ? "" : description }

    static func isAllowedQueryByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
