import CacheLookup
import Testing

@Suite("Lookup settings")
struct SettingsParserTests {
    @Test func defaults() throws {
        let (settings, rest) = try SettingsParser.parse(["policy", "example.com"])
        #expect(settings == LookupSettings())
        #expect(settings.cachePath == "/var/spool/exim4/mtasts.lmdb")
        #expect(settings.onFailure == .none && settings.onMiss == .fetch)
        #expect(settings.missDeadlineMilliseconds == 10_000 && settings.mtastsPath == "/usr/bin/mtasts")
        #expect(rest == ["policy", "example.com"])
    }

    @Test func everyOption() throws {
        let (settings, rest) = try SettingsParser.parse([
            "--cache", "/c.lmdb", "--on-failure=defer", "--on-miss", "none", "--miss-deadline", "1500ms",
            "--mtasts", "/opt/mtasts", "--config", "/etc/m.yaml", "--", "--policy"])
        #expect(settings == LookupSettings(cachePath: "/c.lmdb", onFailure: .defer, onMiss: .none,
                                           missDeadlineMilliseconds: 1500, mtastsPath: "/opt/mtasts",
                                           configPath: "/etc/m.yaml"))
        #expect(rest == ["--policy"])
    }

    @Test func optionsRoundTrip() throws {
        let settings = LookupSettings(cachePath: "/c.lmdb", onFailure: .defer, onMiss: .none,
                                      missDeadlineMilliseconds: 2500, configPath: "/etc/m.yaml")
        #expect(try SettingsParser.parse(settingsString: settings.options.joined(separator: " ")) == settings)
        #expect(try SettingsParser.parse(settingsString: "") == LookupSettings())
    }

    @Test(arguments: [
        (["--cache", "relative.lmdb"], "option \"--cache\" is \"relative.lmdb\", expected an absolute path"),
        (["--on-failure", "fail"], "option \"--on-failure\" is \"fail\", expected none or defer"),
        (["--on-miss", "wait"], "option \"--on-miss\" is \"wait\", expected fetch or none"),
        (["--miss-deadline", "0"], "option \"--miss-deadline\" is \"0\", expected a duration such as 10, 10s or 1500ms, at most 300s"),
        (["--miss-deadline", "301s"], "option \"--miss-deadline\" is \"301s\", expected a duration such as 10, 10s or 1500ms, at most 300s"),
        (["--miss-deadline"], "option \"--miss-deadline\" needs a value"),
        (["--evil;rm", "x"], "unknown option \"--evil;rm\" (known: --cache, --on-failure, --on-miss, --miss-deadline, --mtasts, --config)"),
    ])
    func refusals(words: [String], message: String) {
        #expect(throws: SettingsError.self) { try SettingsParser.parse(words) }
        do {
            _ = try SettingsParser.parse(words)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func aSettingsStringTakesNoQuestion() {
        #expect(throws: SettingsError.self) { try SettingsParser.parse(settingsString: "--on-miss none policy") }
    }
}
