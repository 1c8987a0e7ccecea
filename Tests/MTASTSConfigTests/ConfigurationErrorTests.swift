import MTASTSConfig
import Testing

@Suite("Configuration errors")
struct ConfigurationErrorTests {
    /// Every top-level key, as error messages list them (sorted); grows as sections are added.
    static let topLevelKeys = "cache, domain_files, domains, https, ignore_domains, learn, lookup, metrics, prewarm, report, resolver, schedule, state"

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let message: String
        let line: Int?
        let keyPath: String?
        let kind: ConfigError.Kind
        var testDescription: String { name }
    }

    static let source = "/etc/mtasts/mtasts.yaml"
    static let nameserverHint =
        "is not an IP address with an optional port (write 192.0.2.1, 192.0.2.1:53, 2001:db8::1 or [2001:db8::1]:53)"

    static let cases: [Case] = [
        // The report section.
        Case(name: "a contact that is not a plain address",
             yaml: "report:\n  contact: Postmaster <postmaster@example.net>\n",
             message: #"line 2: report.contact: "Postmaster <postmaster@example.net>" is not a plain e-mail address (write name@example.net)"#,
             line: 2, keyPath: "report.contact", kind: .invalidValue),
        Case(name: "an smtp URL of another scheme",
             yaml: "report:\n  smtp: http://127.0.0.1:25\n",
             message: #"line 2: report.smtp: "http://127.0.0.1:25" is not an smtp:// or smtps:// URL (write smtp://127.0.0.1:25)"#,
             line: 2, keyPath: "report.smtp", kind: .invalidValue),
        Case(name: "a submitter with a space",
             yaml: "report:\n  submitter: mail example\n",
             message: #"line 2: report.submitter: "mail example" is not a domain name (write mail.example.net)"#,
             line: 2, keyPath: "report.submitter", kind: .invalidValue),
        Case(name: "catch_up_days out of range",
             yaml: "report:\n  catch_up_days: 0\n",
             message: "line 2: report.catch_up_days: 0 is out of range (write a whole number from 1 to 30)",
             line: 2, keyPath: "report.catch_up_days", kind: .invalidValue),
        // Durations.
        Case(name: "a duration that is not one",
             yaml: "cache:\n  path: /x\nresolver:\n  timeout: abc\n",
             message: #"line 4: resolver.timeout: "abc" is not a duration (write 30s, 10m, 6h or 7d)"#,
             line: 4, keyPath: "resolver.timeout", kind: .invalidValue),
        Case(name: "a bare number as a duration gets a hint",
             yaml: "resolver:\n  timeout: 30\n",
             message: "line 2: resolver.timeout: 30 has no unit (write 30s, 30m, 30h or 30d)",
             line: 2, keyPath: "resolver.timeout", kind: .invalidValue),
        Case(name: "a negative duration",
             yaml: "https:\n  timeout: -5s\n",
             message: #"line 2: https.timeout: "-5s" is not a duration (write 30s, 10m, 6h or 7d)"#,
             line: 2, keyPath: "https.timeout", kind: .invalidValue),
        Case(name: "a decimal duration",
             yaml: "https:\n  timeout: 1.5\n",
             message: #"line 2: https.timeout: "1.5" is not a duration (write 30s, 10m, 6h or 7d)"#,
             line: 2, keyPath: "https.timeout", kind: .invalidValue),
        Case(name: "a duration beyond 400 days",
             yaml: "https:\n  timeout: 401d\n",
             message: #"line 2: https.timeout: "401d" is too long (at most 400d)"#,
             line: 2, keyPath: "https.timeout", kind: .invalidValue),
        Case(name: "a duration with absurdly many digits",
             yaml: "https:\n  connect_timeout: 99999999999999999999999999s\n",
             message: #"line 2: https.connect_timeout: "99999999999999999999999999s" is too long (at most 400d)"#,
             line: 2, keyPath: "https.connect_timeout", kind: .invalidValue),
        Case(name: "a duration above the key's own limit",
             yaml: "https:\n  timeout: 2h\n",
             message: #"line 2: https.timeout: "2h" is too long (at most 1h)"#,
             line: 2, keyPath: "https.timeout", kind: .invalidValue),
        Case(name: "a zero timeout",
             yaml: "resolver:\n  timeout: 0s\n",
             message: #"line 2: resolver.timeout: "0s" is too short (at least 1s)"#,
             line: 2, keyPath: "resolver.timeout", kind: .invalidValue),
        Case(name: "a duration given as a list",
             yaml: "resolver:\n  timeout: [5s]\n",
             message: "line 2: resolver.timeout must be a duration such as 30s, not a list",
             line: 2, keyPath: "resolver.timeout", kind: .wrongType),

        // The domain set.
        Case(name: "an invalid domain in domains names its line",
             yaml: "domains:\n  - example.com\n  - exa mple.org\n",
             message: #"line 3: domains[1]: "exa mple.org" is not a domain name (character ' ' is not allowed (only letters, digits, hyphens and dots))"#,
             line: 3, keyPath: "domains[1]", kind: .invalidValue),
        Case(name: "an IP address in domains",
             yaml: "domains: [192.0.2.1]\n",
             message: #"line 1: domains[0]: "192.0.2.1" is not a domain name (the last label is all digits (an IP address is not a domain))"#,
             line: 1, keyPath: "domains[0]", kind: .invalidValue),
        Case(name: "a bad ignore pattern",
             yaml: "ignore_domains: [\"*.\"]\n",
             message: #"line 1: ignore_domains[0]: "*." is not a domain name or *.domain (it is empty)"#,
             line: 1, keyPath: "ignore_domains[0]", kind: .invalidValue),
        Case(name: "a relative domain file",
             yaml: "domain_files: [domains.txt]\n",
             message: #"line 1: domain_files[0]: "domains.txt" is not an absolute path (start it with /)"#,
             line: 1, keyPath: "domain_files[0]", kind: .invalidValue),
        Case(name: "forget_after below its minimum",
             yaml: "learn:\n  forget_after: 10m\n",
             message: #"line 2: learn.forget_after: "10m" is too short (at least 1h)"#,
             line: 2, keyPath: "learn.forget_after", kind: .invalidValue),
        Case(name: "an unknown key in learn",
             yaml: "learn:\n  exim_log: /var/log/exim4/mainlog\n",
             message: #"line 2: unknown key "exim_log" in "learn" (known: exim_logs, forget_after)"#,
             line: 2, keyPath: "learn.exim_log", kind: .unknownKey),
        // The lookup section.
        Case(name: "an unknown on_failure answer",
             yaml: "lookup:\n  on_failure: fail\n",
             message: #"line 2: lookup.on_failure: "fail" is not one of none or defer"#,
             line: 2, keyPath: "lookup.on_failure", kind: .invalidValue),
        Case(name: "a miss deadline over five minutes",
             yaml: "lookup:\n  miss_deadline: 10m\n",
             message: #"line 2: lookup.miss_deadline: "10m" is too long (at most 5m)"#,
             line: 2, keyPath: "lookup.miss_deadline", kind: .invalidValue),

        // Unknown and duplicate keys.
        Case(name: "an unknown key in a section",
             yaml: "cache:\n  path: /x\nresolver:\n  attempts: 2\nhttps:\n  connect_timeout: 10s\n  timout: 30s\n",
             message: #"line 7: unknown key "timout" in "https" (known: ca_file, connect_timeout, timeout)"#,
             line: 7, keyPath: "https.timout", kind: .unknownKey),
        Case(name: "an unknown top-level key",
             yaml: "# comment\ncahce:\n  path: /x\n",
             message: #"line 2: unknown key "cahce" at the top level (known: "# + topLevelKeys + ")",
             line: 2, keyPath: "cahce", kind: .unknownKey),
        Case(name: "an unknown key with control characters is shown escaped",
             yaml: "resolver:\n  \"time\\nout\": 5s\n",
             message: #"line 2: unknown key "time\nout" in "resolver" (known: attempts, nameservers, timeout)"#,
             line: 2, keyPath: "resolver.time\nout", kind: .unknownKey),
        Case(name: "a merge key is not special",
             yaml: "base: &b {timeout: 5s}\n",
             message: #"line 1: unknown key "base" at the top level (known: "# + topLevelKeys + ")",
             line: 1, keyPath: "base", kind: .unknownKey),
        Case(name: "a duplicate key in a section",
             yaml: "resolver:\n  timeout: 5s\n  timeout: 6s\n",
             message: #"line 3: duplicate key "timeout" in "resolver" (first given on line 2)"#,
             line: 3, keyPath: "resolver.timeout", kind: .duplicateKey),
        Case(name: "a duplicate section",
             yaml: "cache:\n  path: /a\ncache:\n  path: /b\n",
             message: #"line 3: duplicate key "cache" at the top level (first given on line 1)"#,
             line: 3, keyPath: "cache", kind: .duplicateKey),
        Case(name: "a key that is a list",
             yaml: "? [a, b]\n: c\n",
             message: "line 1: a key at the top level must be a plain name, not a list",
             line: 1, keyPath: nil, kind: .wrongType),

        // Wrong types.
        Case(name: "a list where a string belongs",
             yaml: "cache:\n  path: [a, b]\n",
             message: "line 2: cache.path must be a string, not a list",
             line: 2, keyPath: "cache.path", kind: .wrongType),
        Case(name: "a boolean where a string belongs",
             yaml: "cache:\n  path: yes\n",
             message: "line 2: cache.path must be a string, not a boolean",
             line: 2, keyPath: "cache.path", kind: .wrongType),
        Case(name: "a number where a string belongs",
             yaml: "https:\n  ca_file: 42\n",
             message: "line 2: https.ca_file must be a string, not a number",
             line: 2, keyPath: "https.ca_file", kind: .wrongType),
        Case(name: "a date where a string belongs",
             yaml: "cache:\n  path: 2001-12-14\n",
             message: "line 2: cache.path must be a string, not a date",
             line: 2, keyPath: "cache.path", kind: .wrongType),
        Case(name: "binary data where a string belongs",
             yaml: "cache:\n  path: !!binary aGVsbG8=\n",
             message: "line 2: cache.path must be a string, not binary data",
             line: 2, keyPath: "cache.path", kind: .wrongType),
        Case(name: "a mapping where a string belongs",
             yaml: "cache:\n  path:\n    file: /x\n",
             message: "line 3: cache.path must be a string, not a mapping",
             line: 3, keyPath: "cache.path", kind: .wrongType),
        Case(name: "a section that is a string",
             yaml: "resolver: fast\n",
             message: "line 1: resolver must be a mapping, not a string",
             line: 1, keyPath: "resolver", kind: .wrongType),
        Case(name: "a section that is a list",
             yaml: "https:\n  - timeout: 5s\n",
             message: "line 2: https must be a mapping, not a list",
             line: 2, keyPath: "https", kind: .wrongType),
        Case(name: "a file that is a list",
             yaml: "- cache\n- resolver\n",
             message: "line 1: the file must be a mapping of sections (\(topLevelKeys)), not a list",
             line: 1, keyPath: nil, kind: .wrongType),
        Case(name: "a file that is one word",
             yaml: "hello\n",
             message: "line 1: the file must be a mapping of sections (\(topLevelKeys)), not a string",
             line: 1, keyPath: nil, kind: .wrongType),

        // Numbers.
        Case(name: "zero attempts",
             yaml: "resolver:\n  attempts: 0\n",
             message: "line 2: resolver.attempts: 0 is out of range (write a whole number from 1 to 10)",
             line: 2, keyPath: "resolver.attempts", kind: .invalidValue),
        Case(name: "negative attempts",
             yaml: "resolver:\n  attempts: -1\n",
             message: "line 2: resolver.attempts: -1 is out of range (write a whole number from 1 to 10)",
             line: 2, keyPath: "resolver.attempts", kind: .invalidValue),
        Case(name: "attempts too large for any integer",
             yaml: "resolver:\n  attempts: 99999999999999999999999\n",
             message: "line 2: resolver.attempts: 99999999999999999999999 is out of range (write a whole number from 1 to 10)",
             line: 2, keyPath: "resolver.attempts", kind: .invalidValue),
        Case(name: "attempts in hexadecimal",
             yaml: "resolver:\n  attempts: 0x3\n",
             message: "line 2: resolver.attempts: 0x3 is not a plain decimal number (write a whole number from 1 to 10)",
             line: 2, keyPath: "resolver.attempts", kind: .invalidValue),
        Case(name: "attempts as a quoted string",
             yaml: "resolver:\n  attempts: \"2\"\n",
             message: "line 2: resolver.attempts must be a whole number, not a string",
             line: 2, keyPath: "resolver.attempts", kind: .wrongType),
        Case(name: "attempts as a decimal number",
             yaml: "resolver:\n  attempts: 2.5\n",
             message: "line 2: resolver.attempts must be a whole number, not a decimal number",
             line: 2, keyPath: "resolver.attempts", kind: .wrongType),

        // Paths.
        Case(name: "a relative cache path",
             yaml: "cache:\n  path: var/x.lmdb\n",
             message: #"line 2: cache.path: "var/x.lmdb" is not an absolute path (start it with /)"#,
             line: 2, keyPath: "cache.path", kind: .invalidValue),
        Case(name: "a cache path naming a directory",
             yaml: "cache:\n  path: /var/spool/exim4/\n",
             message: #"line 2: cache.path: "/var/spool/exim4/" names a directory (give the path of a file)"#,
             line: 2, keyPath: "cache.path", kind: .invalidValue),
        Case(name: "a relative CA file",
             yaml: "https:\n  ca_file: certs/ca.pem\n",
             message: #"line 2: https.ca_file: "certs/ca.pem" is not an absolute path (start it with /)"#,
             line: 2, keyPath: "https.ca_file", kind: .invalidValue),
        Case(name: "an empty quoted path",
             yaml: "cache:\n  path: \"\"\n",
             message: #"line 2: cache.path: "" is not an absolute path (start it with /)"#,
             line: 2, keyPath: "cache.path", kind: .invalidValue),
        Case(name: "a path with a NUL character",
             yaml: "cache:\n  path: \"/x\\0y\"\n",
             message: #"line 2: cache.path: "/x\u{0}y" contains a NUL character"#,
             line: 2, keyPath: "cache.path", kind: .invalidValue),

        // Nameservers.
        Case(name: "nameservers as a single string",
             yaml: "resolver:\n  nameservers: 127.0.0.1\n",
             message: "line 2: resolver.nameservers must be a list, not a string",
             line: 2, keyPath: "resolver.nameservers", kind: .wrongType),
        Case(name: "an empty nameserver list",
             yaml: "resolver:\n  nameservers: []\n",
             message: "line 2: resolver.nameservers must not be an empty list (leave it out to use the system's resolv.conf)",
             line: 2, keyPath: "resolver.nameservers", kind: .invalidValue),
        Case(name: "a host name as a nameserver",
             yaml: "resolver:\n  nameservers:\n    - 127.0.0.1\n    - dns.example.com\n",
             message: #"line 4: resolver.nameservers[1]: "dns.example.com" "# + nameserverHint,
             line: 4, keyPath: "resolver.nameservers[1]", kind: .invalidValue),
        Case(name: "a nameserver with port 0",
             yaml: "resolver:\n  nameservers: [\"127.0.0.1:0\"]\n",
             message: #"line 2: resolver.nameservers[0]: "127.0.0.1:0" "# + nameserverHint,
             line: 2, keyPath: "resolver.nameservers[0]", kind: .invalidValue),
        Case(name: "a nameserver with an IPv6 zone",
             yaml: "resolver:\n  nameservers: [\"fe80::1%eth0\"]\n",
             message: #"line 2: resolver.nameservers[0]: "fe80::1%eth0" "# + nameserverHint,
             line: 2, keyPath: "resolver.nameservers[0]", kind: .invalidValue),
        Case(name: "a number as a nameserver",
             yaml: "resolver:\n  nameservers:\n    - 53\n",
             message: "line 3: resolver.nameservers[0] must be a string, not a number",
             line: 3, keyPath: "resolver.nameservers[0]", kind: .wrongType),
        Case(name: "an empty nameserver entry",
             yaml: "resolver:\n  nameservers:\n    -\n",
             message: "line 3: resolver.nameservers[0] must be a string, not empty",
             line: 3, keyPath: "resolver.nameservers[0]", kind: .wrongType),

        // YAML syntax.
        Case(name: "bad indentation",
             yaml: "resolver:\n  timeout: 5s\n attempts: 2\n",
             message: "line 3: invalid YAML: did not find expected key while parsing a block mapping (line 1)",
             line: 3, keyPath: nil, kind: .syntax),
        Case(name: "an unclosed quote",
             yaml: "cache:\n  path: \"/x\n",
             message: "line 3: invalid YAML: found unexpected end of stream while scanning a quoted scalar (line 2)",
             line: 3, keyPath: nil, kind: .syntax),
        Case(name: "a tab used for indentation",
             yaml: "cache:\n\tpath: /x\n",
             message: "line 2: invalid YAML: found character that cannot start any token while scanning for the next token (line 2)",
             line: 2, keyPath: nil, kind: .syntax),
        Case(name: "an undefined alias",
             yaml: "resolver:\n  timeout: *nothing\n",
             message: "line 2: invalid YAML: found undefined alias",
             line: 2, keyPath: nil, kind: .syntax),
        Case(name: "a control character",
             yaml: "cache:\n  path: /x\u{1}y\n",
             message: "line 2: invalid YAML: control characters are not allowed",
             line: 2, keyPath: nil, kind: .syntax),
        Case(name: "a NUL byte",
             yaml: "cache:\n  path: /x\n\u{0}\n",
             message: "line 3: invalid YAML: control characters are not allowed",
             line: 3, keyPath: nil, kind: .syntax),
        Case(name: "two documents",
             yaml: "cache: {}\n---\nresolver: {}\n",
             message: "line 2: invalid YAML: a second document starts here, but a configuration file holds exactly one",
             line: 2, keyPath: nil, kind: .syntax),
    ]

    @Test("is one sentence naming the line and key path", arguments: cases)
    func rejects(_ testCase: Case) throws {
        let error = try #require(throws: ConfigError.self) {
            try Configuration.parse(yaml: testCase.yaml, source: Self.source)
        }
        #expect(error.description == "\(Self.source) \(testCase.message)")
        #expect(error.line == testCase.line)
        #expect(error.keyPath == testCase.keyPath)
        #expect(error.kind == testCase.kind)
        #expect(error.source == Self.source)
        #expect(!error.description.contains("\n"))
    }

    /// Documents nested far beyond any configuration; built on demand so test names stay short.
    enum HostileDocument: String, CaseIterable, Sendable {
        case millionOpeningBrackets = "a million opening brackets"
        case nestedFlowMappings = "deeply nested flow mappings"
        case compactNestedLists = "compact nested lists on one line"
        case indentationStaircase = "a staircase of indentation"

        var yaml: String {
            switch self {
            case .millionOpeningBrackets: return String(repeating: "[", count: 1_000_000)
            case .nestedFlowMappings: return String(repeating: "{a: ", count: 200_000)
            case .compactNestedLists: return String(repeating: "- ", count: 400_000) + "x\n"
            case .indentationStaircase:
                return (0..<1_000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
            }
        }
    }

    @Test("deep nesting is an error, not a stack overflow", arguments: HostileDocument.allCases)
    func deepNesting(_ document: HostileDocument) throws {
        let yaml = document.yaml
        let error = try #require(throws: ConfigError.self) {
            try Configuration.parse(yaml: yaml, source: "deep.yaml")
        }
        #expect(error.kind == .syntax)
        #expect(error.description.hasPrefix("deep.yaml line "))
        #expect(error.description.hasSuffix("lists and mappings are nested too deeply, or indented too far, for a configuration file"))
    }

    @Test("modest nesting still reaches the schema")
    func modestNesting() throws {
        let yaml = "cache:\n  path: " + String(repeating: "[", count: 50) + String(repeating: "]", count: 50) + "\n"
        let error = try #require(throws: ConfigError.self) {
            try Configuration.parse(yaml: yaml, source: "nested.yaml")
        }
        #expect(error.description == "nested.yaml line 2: cache.path must be a string, not a list")
    }

    @Test("text over 1 MiB is refused")
    func textTooLarge() throws {
        let yaml = "# " + String(repeating: "x", count: Configuration.maximumFileSize) + "\n"
        let error = try #require(throws: ConfigError.self) {
            try Configuration.parse(yaml: yaml, source: "big.yaml")
        }
        #expect(error.description == "cannot read big.yaml: the file is bigger than 1 MiB, too big for a configuration file")
        #expect(error.kind == .unreadable)
    }
}
