/// What the world's HTTPS server answers for one host name (SNI / Host).
public struct HTTPSHost: Codable, Sendable, Equatable {
    /// `valid`, `expired`, `self-signed` or `wrong-host`.
    public var certificate: String
    public var status: Int
    /// The Content-Type header; nil sends none.
    public var contentType: String?
    public var body: String
    /// When set, `body` is padded with "# padding...\n" lines (or cut) to exactly this many bytes.
    public var bodySize: Int?
    /// Extra response headers, e.g. `Location` for a redirect.
    public var headers: [String: String]
    /// nil for a normal answer, else `hang`, `hang-handshake`, `trickle`, `chunked`,
    /// `endless-body`, `endless-header` or `reset-mid-body`.
    public var behaviour: String?
    /// Store POST bodies as `<dir>/posts/<host>/<n>.body` (and `<n>.type`), counted in
    /// `WorldStats.httpsPosts`.
    public var recordPosts: Bool

    public init(certificate: String = "valid", status: Int = 200, contentType: String? = "text/plain",
                body: String = "", bodySize: Int? = nil, headers: [String: String] = [:],
                behaviour: String? = nil, recordPosts: Bool = false) {
        self.certificate = certificate
        self.status = status
        self.contentType = contentType
        self.body = body
        self.bodySize = bodySize
        self.headers = headers
        self.behaviour = behaviour
        self.recordPosts = recordPosts
    }

    enum CodingKeys: String, CodingKey {
        case certificate, status, body, headers, behaviour
        case contentType = "content_type"
        case bodySize = "body_size"
        case recordPosts = "record_posts"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        certificate = try container.decodeIfPresent(String.self, forKey: .certificate) ?? "valid"
        status = try container.decodeIfPresent(Int.self, forKey: .status) ?? 200
        contentType = container.contains(.contentType)
            ? try container.decodeIfPresent(String.self, forKey: .contentType)
            : "text/plain"
        body = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
        bodySize = try container.decodeIfPresent(Int.self, forKey: .bodySize)
        headers = try container.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
        behaviour = try container.decodeIfPresent(String.self, forKey: .behaviour)
        recordPosts = try container.decodeIfPresent(Bool.self, forKey: .recordPosts) ?? false
    }

    /// Always writes every key: a null `content_type` means "no header", not "default".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(certificate, forKey: .certificate)
        try container.encode(status, forKey: .status)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(body, forKey: .body)
        try container.encode(bodySize, forKey: .bodySize)
        try container.encode(headers, forKey: .headers)
        try container.encode(behaviour, forKey: .behaviour)
        try container.encode(recordPosts, forKey: .recordPosts)
    }
}
