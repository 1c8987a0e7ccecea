/// The `H=` field: the remote host of a delivery (`H=mx.example.com [192.0.2.1]:25*`) or of an
/// arrival (`H=client.example (helo.example) [192.0.2.9]:51234`).
public struct EximHost: Sendable, Equatable {
    /// The host's name, nil when Exim logged only the address (`H=[192.0.2.1]`).
    public var name: String?
    /// The HELO/EHLO name in parentheses (arrivals), when there is one.
    public var helo: String?
    /// The IP address inside the brackets, when logged.
    public var address: String?
    /// The port after the brackets (`+outgoing_port` / `+incoming_port`), when logged and within 0...65535.
    public var port: Int?
    /// The `*` after the address: the delivery went down a connection an earlier delivery opened.
    public var reusedConnection: Bool

    public init(name: String?, helo: String? = nil, address: String?, port: Int? = nil, reusedConnection: Bool = false) {
        self.name = name
        self.helo = helo
        self.address = address
        self.port = port
        self.reusedConnection = reusedConnection
    }
}

/// One `KEY=value` field of a log line, in the order Exim wrote them. A quoted value
/// (`DN="CN=mx.example.com"`) is given without its quotes, with backslash escapes resolved.
public struct EximLogField: Sendable, Equatable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
