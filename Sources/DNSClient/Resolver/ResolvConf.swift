/// The parts of resolv.conf(5) this client uses, parsed like glibc's res_init.
///
/// - Lines starting with `#` or `;` are comments; other keywords (`search`, `domain`,
///   `options`, `sortlist`) are ignored.
/// - `nameserver ADDRESS`: the first word after the keyword is the address; the rest of the
///   line (and anything from a `#` or `;` on) is ignored. Lines whose address does not parse are skipped, as glibc skips them.
///   Addresses are read by `Nameserver(parsing:)`, so an IPv6 zone ("fe80::1%eth0") works,
///   and so does a port, which glibc would not accept.
/// - At most `maximumNameservers` (glibc's MAXNS, 3) are used; later lines are ignored.
public struct ResolvConf: Sendable, Hashable {
    public static let maximumNameservers = 3
    /// glibc's fallback when no nameserver is configured.
    public static let defaultNameserver = try! Nameserver(address: "127.0.0.1")

    /// The usable nameservers, in file order.
    public var nameservers: [Nameserver]
    /// `nameserver` lines that were skipped, with their 1-based line numbers, for diagnostics.
    public var skippedLines: [SkippedLine]

    /// A `nameserver` line whose address could not be used.
    public struct SkippedLine: Sendable, Hashable {
        public var line: Int
        public var text: String
    }

    public init(parsing text: String) {
        nameservers = []
        skippedLines = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            guard let first = line.first, first != "#", first != ";" else { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.first == "nameserver", line.hasPrefix("nameserver") else { continue }
            // glibc cuts the address at the first of ";# \t": "nameserver 192.0.2.1#x" works.
            let address = words.count >= 2 ? words[1].prefix { $0 != "#" && $0 != ";" } : ""
            guard let server = try? Nameserver(parsing: String(address)) else {
                skippedLines.append(SkippedLine(line: index + 1, text: String(line)))
                continue
            }
            if nameservers.count < Self.maximumNameservers { nameservers.append(server) }
        }
    }

    /// The nameservers, or glibc's default 127.0.0.1:53 when there are none.
    public var nameserversOrDefault: [Nameserver] { nameservers.isEmpty ? [Self.defaultNameserver] : nameservers }
}
