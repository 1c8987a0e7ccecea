/// The `resolver` section: how DNS questions (`_mta-sts` TXT, MX) are asked.
///
///     resolver:
///       nameservers: ["127.0.0.1:53", "[::1]:53"]
///       timeout: 5s
///       attempts: 2
public struct ResolverSettings: Sendable, Equatable {
    /// `resolver.nameservers`: the DNS servers to ask, in order, each an IP address literal with an
    /// optional port (see ``NameserverAddress``). nil, the default, means the `nameserver` lines
    /// of the system's `/etc/resolv.conf`. An empty list is an error.
    public var nameservers: [String]?

    /// `resolver.timeout`: how long to wait for one answer from one server before trying the next
    /// server or attempt. A duration from 1s to 5m. Default: 5s.
    public var timeout: Duration

    /// `resolver.attempts`: how many times each question is sent before giving up. From 1 to 10.
    /// Default: 2.
    public var attempts: Int

    /// The default for ``timeout``.
    public static let defaultTimeout: Duration = .seconds(5)
    /// The default for ``attempts``.
    public static let defaultAttempts = 2
    /// The accepted range of ``timeout``.
    public static let timeoutRange: ClosedRange<Duration> = .seconds(1)...(.seconds(300))
    /// The accepted range of ``attempts``.
    public static let attemptsRange: ClosedRange<Int> = 1...10

    /// Settings with every default.
    public init(nameservers: [String]? = nil,
                timeout: Duration = ResolverSettings.defaultTimeout,
                attempts: Int = ResolverSettings.defaultAttempts) {
        self.nameservers = nameservers
        self.timeout = timeout
        self.attempts = attempts
    }

    /// ``nameservers`` parsed; nil when the system's resolv.conf is to be used. Entries that do
    /// not parse (only possible when set from code, not from a file) are left out.
    public var nameserverAddresses: [NameserverAddress]? {
        nameservers?.compactMap(NameserverAddress.init)
    }
}

extension ResolverSettings {
    static var schema: Schema<ResolverSettings> {
        Schema(
            .value("nameservers", \.nameservers,
                   .list(of: .nameserver, allowsEmpty: false,
                         emptyHint: "must not be an empty list (leave it out to use the system's resolv.conf)")),
            .value("timeout", \.timeout, .duration(in: timeoutRange)),
            .value("attempts", \.attempts, .integer(in: attemptsRange))
        )
    }
}

extension ValueType where Value == String {
    /// A ``NameserverAddress`` in one of its accepted forms, kept as written.
    static var nameserver: ValueType<String> {
        string.checked { text in
            NameserverAddress(text) == nil
                ? "is not an IP address with an optional port (write 192.0.2.1, 192.0.2.1:53, 2001:db8::1 or [2001:db8::1]:53)"
                : nil
        }
    }
}
