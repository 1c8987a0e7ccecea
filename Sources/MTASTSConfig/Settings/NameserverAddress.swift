/// A DNS server's address as written in `resolver.nameservers`: an IP address literal with an
/// optional port. Accepted forms: `192.0.2.1`, `192.0.2.1:53`, `2001:db8::1`, `[2001:db8::1]`,
/// `[2001:db8::1]:53`. Host names are not accepted (resolving the resolver would be circular),
/// nor are IPv6 zone indices (`fe80::1%eth0`). The port is 1 to 65535 and defaults to 53.
public struct NameserverAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IP address literal without brackets, e.g. `127.0.0.1` or `::1`.
    public var host: String
    /// The UDP/TCP port.
    public var port: UInt16
    /// True when ``host`` is an IPv6 address.
    public var isIPv6: Bool

    /// The standard DNS port.
    public static let defaultPort: UInt16 = 53

    /// Parses one of the accepted forms, or returns nil.
    public init?(_ text: String) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let inside = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard SystemInterface.isIPv6Literal(inside) else { return nil }
            if rest.isEmpty {
                self.init(host: inside, port: Self.defaultPort, isIPv6: true)
            } else if rest.hasPrefix(":"), let port = Self.port(rest.dropFirst()) {
                self.init(host: inside, port: port, isIPv6: true)
            } else {
                return nil
            }
            return
        }
        let colons = text.filter { $0 == ":" }.count
        if colons >= 2 {
            guard SystemInterface.isIPv6Literal(text) else { return nil }
            self.init(host: text, port: Self.defaultPort, isIPv6: true)
        } else if colons == 1, let colon = text.firstIndex(of: ":") {
            let host = String(text[..<colon])
            guard SystemInterface.isIPv4Literal(host),
                  let port = Self.port(text[text.index(after: colon)...]) else { return nil }
            self.init(host: host, port: port, isIPv6: false)
        } else {
            guard SystemInterface.isIPv4Literal(text) else { return nil }
            self.init(host: text, port: Self.defaultPort, isIPv6: false)
        }
    }

    /// An address from its parts.
    public init(host: String, port: UInt16 = NameserverAddress.defaultPort, isIPv6: Bool) {
        self.host = host
        self.port = port
        self.isIPv6 = isIPv6
    }

    /// `192.0.2.1:53` or `[2001:db8::1]:53`.
    public var description: String {
        isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// A port: 1 to 5 decimal digits, 1...65535.
    private static func port(_ text: Substring) -> UInt16? {
        guard (1...5).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = UInt16(text), value > 0 else { return nil }
        return value
    }
}
