/// One `rua` destination (RFC 8460 §3): a mail address or an HTTPS endpoint.
public enum ReportURI: Sendable, Hashable, CustomStringConvertible {
    /// `mailto:` (§5.3), the address with query and percent-encoding removed.
    case mail(String)
    /// `https:` (§5.4), the URL as published.
    case https(String)

    /// Reads a `rua` entry; nil for other schemes or a mailto without a plain address.
    public init?(_ uri: String) {
        let lower = uri.lowercased()
        if lower.hasPrefix("https://") {
            self = .https(uri)
        } else if lower.hasPrefix("mailto:") {
            let rest = uri.dropFirst(7).prefix { $0 != "?" }
            guard let address = Self.percentDecoded(String(rest)),
                  address.split(separator: "@", omittingEmptySubsequences: false).count == 2,
                  !address.hasPrefix("@"), !address.hasSuffix("@"),
                  !address.contains(where: { " \t\r\n<>,;\"()".contains($0) }) else { return nil }
            self = .mail(address)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .mail(let address): return "mailto:\(address)"
        case .https(let url): return url
        }
    }

    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
