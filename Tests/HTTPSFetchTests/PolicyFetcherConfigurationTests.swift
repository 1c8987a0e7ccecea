import Testing
@testable import HTTPSFetch

/// Configuration problems and bad arguments are reported before any connection is made.
@Suite("Fetcher arguments and configuration")
struct PolicyFetcherConfigurationTests {
    @Test func defaultsFollowTheBrief() {
        let configuration = PolicyFetchConfiguration()
        #expect(configuration.caFile == nil)
        #expect(configuration.connectTimeout == .seconds(10))
        #expect(configuration.timeout == .seconds(30))
        #expect(configuration.maxBodyBytes == 65_536)
        #expect(configuration.userAgent == "mtasts")
    }

    @Test(arguments: ["/nonexistent/mtasts-test-ca.pem", "", "/"])
    func namesAMissingOrUnreadableCAFile(_ path: String) throws {
        let fetcher = PolicyFetcher(configuration: PolicyFetchConfiguration(caFile: path))
        let error = try #require(throws: PolicyFetchError.self) {
            try fetcher.fetch(policyHost: "mta-sts.example.com", addresses: ["127.0.0.1"])
        }
        #expect(error.category == .fetch)
        #expect(error.description.hasPrefix(
            "fetching https://mta-sts.example.com/.well-known/mta-sts.txt failed: the CA file \(path) cannot be read ("))
    }

    @Test func noAddressesFailsWithoutConnecting() throws {
        let fetcher = PolicyFetcher(configuration: PolicyFetchConfiguration())
        let error = try #require(throws: PolicyFetchError.self) {
            try fetcher.fetch(policyHost: "mta-sts.example.com", addresses: [])
        }
        #expect(error.category == .fetch)
        #expect(error.description.hasSuffix("mta-sts.example.com has no A or AAAA address"))
    }

    @Test(arguments: [
        (Duration.seconds(2), 2_000), (.milliseconds(1500), 1_500), (.zero, 1), (.seconds(-3), 1),
        (.microseconds(10), 1), (.seconds(Int64.max), Int.max),
    ])
    func convertsDurationsToCurlMilliseconds(_ duration: Duration, _ milliseconds: Int) {
        #expect(duration.curlMilliseconds == milliseconds)
    }
}
