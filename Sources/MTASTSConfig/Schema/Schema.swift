import Yams

/// The declarative description of one YAML mapping: which keys it may hold and how each key's
/// value lands in a settings value. Decoding a mapping with a schema enforces the file-wide
/// rules once for every section: keys must be plain names, known, and given once; values are
/// type-checked with their line and key path in every error.
///
/// Adding a section is a settings struct with defaults plus a few lines:
///
///     extension LearnSettings {
///         static var schema: Schema<LearnSettings> {
///             Schema(
///                 .value("enabled", \.enabled, .bool),
///                 .value("interval", \.interval, .duration(in: .seconds(60)...ConfigDuration.maximum)),
///             )
///         }
///     }
///     // and in Configuration.schema:
///     .section("learn", \.learn, LearnSettings.schema),
struct Schema<Settings> {
    let fields: [SchemaField<Settings>]

    init(_ fields: SchemaField<Settings>...) {
        self.fields = fields
    }

    /// The keys this mapping accepts, sorted, for messages.
    var knownKeys: [String] { fields.map(\.key).sorted() }

    /// Applies every key of `mapping` to `settings`; keys left out keep their value (the default).
    func decode(_ mapping: Node.Mapping, into settings: inout Settings,
                context: DecodingContext) throws(ConfigError) {
        var firstLines: [String: Int?] = [:]
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw context.error(.keyNotAName(found: keyNode.kindDescription, section: context.sectionName),
                                    at: keyNode)
            }
            let key = keyScalar.string
            let keyContext = context.appending(key: key)
            if let firstLine = firstLines[key] {
                throw keyContext.error(.duplicateKey(key: key, section: context.sectionName, firstLine: firstLine),
                                       at: keyNode)
            }
            firstLines[key] = keyNode.mark?.line
            guard let field = fields.first(where: { $0.key == key }) else {
                throw keyContext.error(.unknownKey(key: key, section: context.sectionName, known: knownKeys),
                                       at: keyNode)
            }
            try field.apply(valueNode, &settings, keyContext)
        }
    }

    /// Every key path this schema (and its sections) accepts, e.g. `resolver.timeout`.
    var allKeyPaths: [String] {
        fields.flatMap { field in
            [field.key] + field.nestedKeyPaths.map { field.key + "." + $0 }
        }
    }
}

/// One key of a mapping and how its value updates the settings.
///
/// An explicit null (`key:`, `key: ~`, `key: null`) always means "the default": the value is left
/// as it was, so optional settings stay nil and the others keep their default.
struct SchemaField<Settings> {
    let key: String
    let apply: (Node, inout Settings, DecodingContext) throws(ConfigError) -> Void
    /// The key paths below this key when it is a section, for documentation checks.
    let nestedKeyPaths: [String]

    /// A key holding one value of the given type.
    static func value<Value>(_ key: String, _ keyPath: WritableKeyPath<Settings, Value>,
                             _ type: ValueType<Value>) -> SchemaField {
        SchemaField(key: key, apply: { (node, settings, context) throws(ConfigError) in
            if node.isNull { return }
            settings[keyPath: keyPath] = try type.decode(node, context)
        }, nestedKeyPaths: [])
    }

    /// A key holding an optional value, nil (its default) when left out or null.
    static func value<Value>(_ key: String, _ keyPath: WritableKeyPath<Settings, Value?>,
                             _ type: ValueType<Value>) -> SchemaField {
        SchemaField(key: key, apply: { (node, settings, context) throws(ConfigError) in
            if node.isNull { return }
            settings[keyPath: keyPath] = try type.decode(node, context)
        }, nestedKeyPaths: [])
    }

    /// A key holding a nested mapping described by its own schema.
    static func section<Section>(_ key: String, _ keyPath: WritableKeyPath<Settings, Section>,
                                 _ schema: Schema<Section>) -> SchemaField {
        SchemaField(key: key, apply: { (node, settings, context) throws(ConfigError) in
            if node.isNull { return }
            guard case .mapping(let mapping) = node else {
                throw context.wrongType(expected: "a mapping", at: node)
            }
            try schema.decode(mapping, into: &settings[keyPath: keyPath], context: context)
        }, nestedKeyPaths: schema.allKeyPaths)
    }
}
