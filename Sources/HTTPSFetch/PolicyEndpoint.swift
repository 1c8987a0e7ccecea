/// Where a policy is fetched from: a checked host name, port and pinned addresses.
/// Every value is validated here, before any of it reaches libcurl.
struct PolicyEndpoint: Sendable, Equatable {
    /// Lower-cased host name without a trailing dot, e.g. `mta-sts.example.com`.
    let host: String
    let port: Int
    /// IPv4 or IPv6 literals (IPv6 without brackets), in the order to try.
    let addresses: [String]

    /// `https://<host>/.well-known/mta-sts.txt` (RFC 8461 §3.3), with the port when not 443.
    var url: String { Self.url(host: host, port: port) }

    static func url(host: String, port: Int) -> String {
        "https://\(host)\(port == 443 ? "" : ":\(port)")/.well-known/mta-sts.txt"
    }

    /// The CURLOPT_RESOLVE entry pinning `host:port` to the addresses, IPv6 in brackets.
    var resolveEntry: String {
        let list = addresses.map { $0.contains(":") ? "[\($0)]" : $0 }.joined(separator: ",")
        return "\(host):\(port):\(list)"
    }

    init(host rawHost: String, port: Int, addresses: [String]) throws(PolicyFetchError) {
        let host = rawHost.hasSuffix(".") ? String(rawHost.dropLast()) : rawHost
        let shownURL = Self.url(host: host, port: port)
        guard HostName.isValid(host) else { throw PolicyFetchError(.invalidHost(rawHost), url: shownURL) }
        let lowered = String(decoding: host.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        let url = Self.url(host: lowered, port: port)
        guard (1...65_535).contains(port) else { throw PolicyFetchError(.invalidPort(port), url: url) }
        guard !addresses.isEmpty else { throw PolicyFetchError(.noAddresses(host: lowered), url: url) }
        for address in addresses where !IPAddressLiteral.isValid(address) {
            throw PolicyFetchError(.invalidAddress(address), url: url)
        }
        self.host = lowered
        self.port = port
        self.addresses = addresses
    }
}

/// Host-name syntax (RFC 1123 §2.1): dot-separated labels of 1–63 letters, digits and hyphens,
/// no hyphen at a label's edge, 253 characters at most, and a last label that is not all digits.
enum HostName {
    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for label in labels {
            guard (1...63).contains(label.count),
                  label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ isLetterOrDigit($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return !(labels.last ?? []).allSatisfy { (0x30...0x39).contains($0) }
    }

    static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
