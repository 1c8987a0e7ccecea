/// The world's DNS data: records, names answered with AD set, and per-name hostile behaviours.
public struct DNSZone: Codable, Sendable, Equatable {
    public var records: [DNSRecordSpec]
    /// Names whose answers carry the AD bit (as from a validating resolver).
    public var authenticated: [String]
    /// Per-name behaviour for any query type: `servfail`, `refused`, `timeout`, `truncate`,
    /// `wrong-id`, `compression-loop`, `pointer-past-end`, `truncated-rr`, `oversize`,
    /// `flood`, `garbage`, `wrong-question`.
    public var behaviours: [String: String]
    /// Default TTL of every record (the world uses 60 when nil).
    public var ttl: Int?

    public init(records: [DNSRecordSpec] = [], authenticated: [String] = [],
                behaviours: [String: String] = [:], ttl: Int? = nil) {
        self.records = records
        self.authenticated = authenticated
        self.behaviours = behaviours
        self.ttl = ttl
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        records = try container.decodeIfPresent([DNSRecordSpec].self, forKey: .records) ?? []
        authenticated = try container.decodeIfPresent([String].self, forKey: .authenticated) ?? []
        behaviours = try container.decodeIfPresent([String: String].self, forKey: .behaviours) ?? [:]
        ttl = try container.decodeIfPresent(Int.self, forKey: .ttl)
    }
}

/// One DNS record of a scenario. `value` is the presentation form ("10 mx1.example.test",
/// "@world" for the world's own address); TXT records use `strings` instead.
public struct DNSRecordSpec: Codable, Sendable, Equatable {
    public var name: String
    public var type: String
    public var value: String?
    public var strings: [String]?
    /// Overrides the zone's TTL for this record.
    public var ttl: Int?

    public init(name: String, type: String, value: String? = nil, strings: [String]? = nil, ttl: Int? = nil) {
        self.name = name
        self.type = type
        self.value = value
        self.strings = strings
        self.ttl = ttl
    }

    /// One TXT record made of several character-strings (longer than 255 bytes is split).
    public static func txt(_ name: String, _ strings: String...) -> DNSRecordSpec {
        DNSRecordSpec(name: name, type: "TXT", strings: strings)
    }

    /// One TXT record made of the given character-strings.
    public static func txt(_ name: String, strings: [String]) -> DNSRecordSpec {
        DNSRecordSpec(name: name, type: "TXT", strings: strings)
    }

    /// An A record; the default "@world" is the world's own loopback address.
    public static func a(_ name: String, _ address: String = "@world") -> DNSRecordSpec {
        DNSRecordSpec(name: name, type: "A", value: address)
    }

    public static func aaaa(_ name: String, _ address: String) -> DNSRecordSpec {
        DNSRecordSpec(name: name, type: "AAAA", value: address)
    }

    public static func mx(_ name: String, _ preference: Int, _ host: String) -> DNSRecordSpec {
        DNSRecordSpec(name: name, type: "MX", value: "\(preference) \(host)")
    }

    public static func cname(_ name: String, _ target: String) -> DNSRecordSpec {
        DNSRecordSpec(name: name, type: "CNAME", value: target)
    }

    /// A TLSA record in presentation form, e.g. "3 1 1 0123abcd…".
    public static func tlsa(_ name: String, _ value: String) -> DNSRecordSpec {
        DNSRecordSpec(name: name, type: "TLSA", value: value)
    }

    public static func tlsa(_ name: String, usage: Int, selector: Int, matchingType: Int, data: String) -> DNSRecordSpec {
        tlsa(name, "\(usage) \(selector) \(matchingType) \(data)")
    }
}
