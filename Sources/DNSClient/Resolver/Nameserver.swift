/// A recursive resolver to send queries to: an IP address and a port.
public struct Nameserver: Hashable, Sendable, CustomStringConvertible {
    /// The IPv4 or IPv6 literal in canonical form (RFC 5952 for IPv6), no brackets; an IPv6
    /// link-local address may carry a zone, e.g. "fe80::1%eth0" (RFC 4007 §11).
    public let address: String
    /// The UDP and TCP port, 53 unless given (RFC 1035 §4.2).
    public let port: UInt16

    /// Parses "127.0.0.1", "127.0.0.1:5353", "::1", "[::1]:53", "[2001:db8::1]" or
    /// "fe80::1%eth0"; anything else throws `invalidNameserver` naming the text.
    public init(parsing text: String) throws(DNSError) {
        func invalid(_ reason: String) -> DNSError { DNSError(.invalidNameserver(text: text, reason: reason)) }
        var host = Substring(text)
        var port: UInt16 = 53
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid("the '[' has no matching ']'") }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw invalid("only \":port\" may follow the ']'") }
                port = try Self.parsePort(rest.dropFirst(), invalid)
            }
            guard host.contains(":") else { throw invalid("brackets are for IPv6 addresses only") }
        } else if text.filter({ $0 == ":" }).count == 1 {
            let colon = text.firstIndex(of: ":")!
            host = text[..<colon]
            port = try Self.parsePort(text[text.index(after: colon)...], invalid)
        }
        guard let address = Self.canonicalAddress(host) else {
            throw invalid("expected an IPv4 or IPv6 address, optionally with a port as in 192.0.2.1:53 or [2001:db8::1]:53")
        }
        self.address = address
        self.port = port
    }

    /// Validates an address literal and a port.
    public init(address: String, port: UInt16 = 53) throws(DNSError) {
        guard let canonical = Self.canonicalAddress(Substring(address)) else {
            throw DNSError(.invalidNameserver(text: address, reason: "expected an IPv4 or IPv6 address without brackets"))
        }
        guard port != 0 else { throw DNSError(.invalidNameserver(text: address, reason: "port 0 is not usable")) }
        self.address = canonical
        self.port = port
    }

    public var isIPv6: Bool { address.contains(":") }

    /// "192.0.2.1:53" or "[2001:db8::1]:53".
    public var description: String { isIPv6 ? "[\(address)]:\(port)" : "\(address):\(port)" }

    private static func parsePort(_ text: Substring, _ invalid: (String) -> DNSError) throws(DNSError) -> UInt16 {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = UInt16(text), value != 0 else {
            throw invalid("the port must be a number from 1 to 65535")
        }
        return value
    }

    private static func canonicalAddress(_ host: Substring) -> String? {
        // inet_pton reads a C string: a NUL or other odd byte must not reach it.
        guard !host.isEmpty, host.utf8.count <= 64,
              host.utf8.allSatisfy({ DNSName.isAllowedQueryByte($0) || $0 == UInt8(ascii: ".")
                  || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "%") }) else { return nil }
        if !host.contains(":") { return IPAddressText.canonicalIPv4(String(host)) }
        let parts = host.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddressText.canonicalIPv6(String(parts[0])) else { return nil }
        guard parts.count == 2 else { return address }
        let zone = parts[1]
        // Interface names are short (IFNAMSIZ 16 with NUL) and of harmless characters.
        guard (1...15).contains(zone.utf8.count),
              zone.utf8.allSatisfy({ DNSName.isAllowedQueryByte($0) || $0 == UInt8(ascii: ".") }) else { return nil }
        return address + "%" + zone
    }
}
