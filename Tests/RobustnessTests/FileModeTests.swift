import Foundation
import Testing
import TestWorld

/// Item 5: what the writers create is at most 0640 (files) and 0750 (directories), whatever the
/// caller's umask.
@Suite("Modes of created files")
struct FileModeTests {
    @Test("cache, lock, schedule and journal files are 0640 or tighter, directories 0750 or tighter")
    func modes() throws {
        let good = "good.modes.test", broken = "broken.modes.test"
        var scenario = Scenario.mtaSTS(domain: good, id: "m1", policy: Scenario.policy(mode: "enforce", mx: ["mx.\(good)"]))
        scenario.add(.mtaSTS(domain: broken, id: "m1", policy: "not a policy"))
        let world = try World(scenario)
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try RobustConfig(world: world, directory: directory, domains: [good, broken],
                                      extra: "schedule:\n  learn: \"off\"\n  prewarm: every 15m\n  report: \"off\"\n")
        let previous = umask(0o022)
        defer { umask(previous) }
        let tick = try Child.mtasts(["tick", "--config", config.path])
        #expect(tick.status == 0, "\(tick.output)")
        let fetch = try Child.mtasts(["fetch", "--store", "--force", broken, "--config", config.path])
        #expect(fetch.status == 4, "\(fetch.output)")

        var checked: [String] = []
        var loose: [String] = []
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory.path))
        for case let relative as String in enumerator where relative != "mtasts.yaml" {
            var info = stat()
            let path = directory.file(relative)
            guard stat(path, &info) == 0 else { continue }
            let mode = info.st_mode & 0o7777
            let isDirectory = info.st_mode & S_IFMT == S_IFDIR
            checked.append("\(relative) \(String(mode, radix: 8))")
            // The state directory itself was made by the test (as systemd's StateDirectory= would).
            if relative == "state" { continue }
            if mode & 0o027 != 0 || (!isDirectory && mode & 0o111 != 0) { loose.append("\(relative) \(String(mode, radix: 8))") }
        }
        print("robustness: modes: \(checked.sorted())")
        #expect(checked.contains { $0.hasPrefix("cache.lmdb ") })
        #expect(checked.contains { $0.hasPrefix("state/schedule ") })
        #expect(checked.count >= 5, "\(checked)")
        #expect(loose.isEmpty, "\(loose)")
    }
}
