/// Where and how patiently a `Resolver` asks.
public struct ResolverConfiguration: Sendable {
    /// Servers to try, in order.
    public var nameservers: [Nameserver]
    /// How long to wait for one server in one attempt, TCP fallback included.
    public var timeout: Duration
    /// How many rounds over the server list before giving up.
    public var attempts: Int

    public init(nameservers: [Nameserver], timeout: Duration = .seconds(5), attempts: Int = 2) {
        self.nameservers = nameservers
        self.timeout = timeout
        self.attempts = attempts
    }

    /// The nameservers of a resolv.conf file (default /etc/resolv.conf), read as glibc does:
    /// see `ResolvConf`. A missing file or one without a usable `nameserver` line gives
    /// 127.0.0.1:53, glibc's default. An unreadable file throws `invalidConfiguration`.
    public static func system(resolvConf path: String = "/etc/resolv.conf", timeout: Duration = .seconds(5),
                              attempts: Int = 2) throws(DNSError) -> ResolverConfiguration {
        let bytes: [UInt8]?
        do {
            bytes = try SystemFile.read(path)
        } catch {
            throw DNSError(.invalidConfiguration("cannot read \(Printable.text(path)): \(error.detail)"))
        }
        let parsed = ResolvConf(parsing: bytes.map { String(decoding: $0, as: UTF8.self) } ?? "")
        return ResolverConfiguration(nameservers: parsed.nameserversOrDefault, timeout: timeout, attempts: attempts)
    }
}
