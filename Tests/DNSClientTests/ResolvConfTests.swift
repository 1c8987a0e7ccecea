import Testing
@testable import DNSClient

@Suite("resolv.conf")
struct ResolvConfTests {
    static func fixture(_ name: String) -> String {
        // …/Tests/DNSClientTests/ResolvConfTests.swift → …/Tests/Fixtures/DNSClient/<name>
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(2)
        return (parts + ["Fixtures", "DNSClient", Substring(name)]).joined(separator: "/")
    }

    func servers(_ fixture: String) throws -> [String] {
        let configuration = try ResolverConfiguration.system(resolvConf: Self.fixture(fixture), timeout: .seconds(3), attempts: 4)
        #expect(configuration.timeout == .seconds(3))
        #expect(configuration.attempts == 4)
        return configuration.nameservers.map(\.description)
    }

    @Test func commentsSearchAndOptionsAreIgnored() throws {
        #expect(try servers("resolv-typical.conf") == ["192.0.2.53:53", "198.51.100.53:53"])
    }

    @Test func ipv6NameserversKeepTheirZone() throws {
        #expect(try servers("resolv-ipv6.conf") == ["[fe80::1%lo]:53", "[2001:db8::53]:53", "[::1]:53"])
    }

    @Test func badLinesAreSkippedAndOnlyThreeServersCount() throws {
        #expect(try servers("resolv-messy.conf") == ["192.0.2.5:53", "192.0.2.6:53", "192.0.2.7:53"])
        let text = String(decoding: try #require(try SystemFile.read(Self.fixture("resolv-messy.conf"))), as: UTF8.self)
        #expect(ResolvConf(parsing: text).skippedLines.map(\.line) == [3, 4, 5])
    }

    @Test func crlfLinesAndCommentAfterTheAddress() throws {
        #expect(try servers("resolv-crlf.conf") == ["192.0.2.9:53"])
    }

    @Test(arguments: ["resolv-no-nameservers.conf", "does-not-exist.conf"])
    func withoutNameserversUsesLocalhostAsGlibcDoes(fixture: String) throws {
        #expect(try servers(fixture) == ["127.0.0.1:53"])
    }

    @Test func unreadablePathIsAConfigurationError() {
        do {
            _ = try ResolverConfiguration.system(resolvConf: Self.fixture(""))   // a directory
            Issue.record("a directory was read as resolv.conf")
        } catch {
            #expect(error.kind == .invalidConfiguration)
            #expect(!error.isTemporary)
            #expect(error.description.contains("cannot read"))
        }
    }

    @Test func emptyServerListIsAConfigurationErrorAtQueryTime() {
        do {
            _ = try Resolver(configuration: ResolverConfiguration(nameservers: [])).a("example.com")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalidConfiguration)
            #expect(error.description == "DNS query for example.com A failed: invalid resolver configuration: no nameservers are configured")
        }
    }
}
