/// The media type rule of RFC 8461 §3.3: the policy is served as `text/plain`. Parameters
/// (e.g. `charset=utf-8`) are allowed, and media types compare case-insensitively (RFC 2045 §5.1).
enum PolicyMediaType {
    /// Whether a `Content-Type` value names `text/plain`: the part before the first `;`,
    /// with surrounding spaces and tabs removed, equals `text/plain` ignoring ASCII case.
    static func isTextPlain(_ contentType: String) -> Bool {
        var type = Array(contentType.utf8)
        if let semicolon = type.firstIndex(of: UInt8(ascii: ";")) { type = Array(type[..<semicolon]) }
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = type.firstIndex(where: { !isBlank($0) }),
              let last = type.lastIndex(where: { !isBlank($0) }) else { return false }
        let lowered = type[first...last].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return lowered == Array("text/plain".utf8)
    }
}
