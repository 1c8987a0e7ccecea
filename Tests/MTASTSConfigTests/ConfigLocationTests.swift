import MTASTSConfig
import Testing

@Suite("Choosing the configuration file")
struct ConfigLocationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let explicit: String?
        let environment: [String: String]
        let expected: ConfigLocation
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "nothing given: the default path",
             explicit: nil, environment: [:],
             expected: ConfigLocation(path: "/etc/mtasts/mtasts.yaml", origin: .defaultPath)),
        Case(name: "other variables do not matter",
             explicit: nil, environment: ["HOME": "/root", "MTASTS_CONFIGURATION": "/nope"],
             expected: ConfigLocation(path: "/etc/mtasts/mtasts.yaml", origin: .defaultPath)),
        Case(name: "the environment variable beats the default",
             explicit: nil, environment: ["MTASTS_CONFIG": "/srv/mtasts.yaml"],
             expected: ConfigLocation(path: "/srv/mtasts.yaml", origin: .environment)),
        Case(name: "an empty environment variable counts as unset",
             explicit: nil, environment: ["MTASTS_CONFIG": ""],
             expected: ConfigLocation(path: "/etc/mtasts/mtasts.yaml", origin: .defaultPath)),
        Case(name: "--config beats the environment variable",
             explicit: "/tmp/a.yaml", environment: ["MTASTS_CONFIG": "/srv/mtasts.yaml"],
             expected: ConfigLocation(path: "/tmp/a.yaml", origin: .commandLine)),
        Case(name: "--config naming the default path is still explicit",
             explicit: "/etc/mtasts/mtasts.yaml", environment: [:],
             expected: ConfigLocation(path: "/etc/mtasts/mtasts.yaml", origin: .commandLine)),
        Case(name: "a relative --config path is kept as given",
             explicit: "conf/mtasts.yaml", environment: [:],
             expected: ConfigLocation(path: "conf/mtasts.yaml", origin: .commandLine)),
    ]

    @Test("explicit beats environment beats default", arguments: cases)
    func resolves(_ testCase: Case) {
        let location = Configuration.resolvePath(explicit: testCase.explicit, environment: testCase.environment)
        #expect(location == testCase.expected)
        #expect(location.isExplicit == (testCase.expected.origin != .defaultPath))
    }

    @Test("the names are the documented ones")
    func names() {
        #expect(Configuration.defaultPath == "/etc/mtasts/mtasts.yaml")
        #expect(Configuration.environmentVariable == "MTASTS_CONFIG")
        #expect(ConfigLocation(path: "/x", isExplicit: true).origin == .commandLine)
        #expect(ConfigLocation(path: "/x", isExplicit: false).origin == .defaultPath)
        #expect(ConfigLocation(path: "/x", origin: .environment).description == "/x (from MTASTS_CONFIG)")
    }
}
