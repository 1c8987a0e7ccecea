import MTASTSConfig
import MTASTSPolicy
import Testing

@Suite("Valid configurations")
struct ValidConfigurationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let expected: Configuration
        var testDescription: String { name }
    }

    static func configuration(_ change: (inout Configuration) -> Void) -> Configuration {
        var configuration = Configuration()
        change(&configuration)
        return configuration
    }

    static let cases: [Case] = [
        Case(name: "empty text", yaml: "", expected: Configuration()),
        Case(name: "only comments", yaml: "# nothing here\n\n   # still nothing\n", expected: Configuration()),
        Case(name: "empty mapping", yaml: "{}", expected: Configuration()),
        Case(name: "explicit null document", yaml: "~\n", expected: Configuration()),
        Case(name: "document marker only", yaml: "---\n", expected: Configuration()),
        Case(name: "empty sections", yaml: "cache:\nresolver: {}\nhttps: ~\n", expected: Configuration()),
        Case(name: "explicit nulls mean defaults",
             yaml: "cache:\n  path: null\nresolver:\n  nameservers: ~\n  timeout:\n  attempts: null\nhttps:\n  ca_file:\n",
             expected: Configuration()),
        Case(name: "every key set",
             yaml: """
                 cache:
                   path: /tmp/cache.lmdb
                 resolver:
                   nameservers: ["127.0.0.1:53", "[::1]:53"]
                   timeout: 3s
                   attempts: 4
                 https:
                   ca_file: /etc/ssl/certs/ca-certificates.crt
                   connect_timeout: 1m
                   timeout: 1h
                 """,
             expected: configuration {
                 $0.cache.path = "/tmp/cache.lmdb"
                 $0.resolver.nameservers = ["127.0.0.1:53", "[::1]:53"]
                 $0.resolver.timeout = .seconds(3)
                 $0.resolver.attempts = 4
                 $0.https.caFile = "/etc/ssl/certs/ca-certificates.crt"
                 $0.https.connectTimeout = .seconds(60)
                 $0.https.timeout = .seconds(3_600)
             }),
        Case(name: "block list of nameservers in every accepted form",
             yaml: """
                 resolver:
                   nameservers:
                     - 192.0.2.1
                     - 192.0.2.2:5353
                     - "2001:db8::1"
                     - "[2001:db8::2]"
                     - "[::1]:53"
                 """,
             expected: configuration {
                 $0.resolver.nameservers = ["192.0.2.1", "192.0.2.2:5353", "2001:db8::1", "[2001:db8::2]", "[::1]:53"]
             }),
        Case(name: "quoted strings and single quotes",
             yaml: "cache:\n  path: '/var/lib/mtasts/cache.lmdb'\nhttps:\n  ca_file: \"/etc/ca.pem\"\n",
             expected: configuration {
                 $0.cache.path = "/var/lib/mtasts/cache.lmdb"
                 $0.https.caFile = "/etc/ca.pem"
             }),
        Case(name: "flow style sections",
             yaml: "resolver: {timeout: 10s, attempts: 1}\n",
             expected: configuration {
                 $0.resolver.timeout = .seconds(10)
                 $0.resolver.attempts = 1
             }),
        Case(name: "range edges: attempts 10, timeouts at their limits",
             yaml: "resolver: {timeout: 5m, attempts: 10}\nhttps: {connect_timeout: 1s, timeout: 60m}\n",
             expected: configuration {
                 $0.resolver.timeout = .seconds(300)
                 $0.resolver.attempts = 10
                 $0.https.connectTimeout = .seconds(1)
                 $0.https.timeout = .seconds(3_600)
             }),
        Case(name: "anchors and aliases",
             yaml: "resolver:\n  timeout: &t 20s\nhttps:\n  connect_timeout: *t\n",
             expected: configuration {
                 $0.resolver.timeout = .seconds(20)
                 $0.https.connectTimeout = .seconds(20)
             }),
        Case(name: "sections in any order, CRLF line ends",
             yaml: "https:\r\n  timeout: 45s\r\ncache:\r\n  path: /x.lmdb\r\n",
             expected: configuration {
                 $0.https.timeout = .seconds(45)
                 $0.cache.path = "/x.lmdb"
             }),
        Case(name: "domain set keys",
             yaml: """
                 domains: [Example.COM, "example.org."]
                 domain_files: [/etc/mtasts/domains.d/*.txt]
                 ignore_domains: [example.net, "*.internal.example"]
                 learn:
                   exim_logs: [/var/log/exim4/mainlog, /var/log/exim/main.log]
                   forget_after: 7d
                 """,
             expected: configuration {
                 $0.domains = [try! DomainName(validating: "example.com"), try! DomainName(validating: "example.org")]
                 $0.domainFiles = ["/etc/mtasts/domains.d/*.txt"]
                 $0.ignoreDomains = [.exact(try! DomainName(validating: "example.net")),
                                     .subdomains(of: try! DomainName(validating: "internal.example"))]
                 $0.learn.eximLogs = ["/var/log/exim4/mainlog", "/var/log/exim/main.log"]
                 $0.learn.forgetAfter = .seconds(7 * 86_400)
             }),
        Case(name: "learning turned off with an empty list",
             yaml: "learn:\n  exim_logs: []\n",
             expected: configuration { $0.learn.eximLogs = [] }),
        Case(name: "explicit document start and end",
             yaml: "---\nresolver:\n  attempts: 3\n...\n",
             expected: configuration { $0.resolver.attempts = 3 }),
    ]

    @Test("parses", arguments: cases)
    func parses(_ testCase: Case) throws {
        let parsed = try Configuration.parse(yaml: testCase.yaml, source: "test.yaml")
        #expect(parsed == testCase.expected)
    }

    @Test("the defaults are the documented ones")
    func defaults() {
        let configuration = Configuration()
        #expect(configuration.cache.path == "/var/spool/exim4/mtasts.lmdb")
        #expect(configuration.resolver.nameservers == nil)
        #expect(configuration.resolver.timeout == .seconds(5))
        #expect(configuration.resolver.attempts == 2)
        #expect(configuration.https.caFile == nil)
        #expect(configuration.https.connectTimeout == .seconds(10))
        #expect(configuration.https.timeout == .seconds(30))
        #expect(configuration.domains.isEmpty)
        #expect(configuration.domainFiles.isEmpty)
        #expect(configuration.ignoreDomains.isEmpty)
        #expect(configuration.learn.eximLogs == ["/var/log/exim4/mainlog"])
        #expect(configuration.learn.forgetAfter == .seconds(30 * 86_400))
    }
}
