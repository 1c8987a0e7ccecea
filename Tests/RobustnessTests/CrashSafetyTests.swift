import Foundation
import MTASTSPolicy
import PolicyStore
import Testing
import TestWorld

/// Item 2: a writer (`mtasts prewarm --force` over many domains) killed with SIGKILL at seeded
/// random moments while lookup helpers and an Exim dlfunc reader keep asking. After every kill
/// the cache opens, every domain's keys come from one policy version, and no reader ever saw an
/// answer other than a valid policy.
@Suite("Crash safety of the cache", .serialized)
struct CrashSafetyTests {
    static let seed: UInt64 = 0x4D54_4153_5453  // "MTASTS"
    static let kills = 50
    static let domainCount = 80

    struct Answer: Sendable {
        let reader: String
        let question: String
        let domain: String
        let text: String
    }

    @Test("SIGKILL of the writer never tears or loses an entry")
    func killTheWriter() throws {
        let versioned = VersionedWorld(count: Self.domainCount, zone: "crash.test")
        var version = 0
        let world = try World(versioned.scenario(version: version))
        defer { world.stop() }
        let directory = try TemporaryDirectory()
        let config = try RobustConfig(world: world, directory: directory, domains: versioned.domains, concurrency: 8)

        // A full first pass: every domain then has a valid policy.
        let warm = try Child.mtasts(["prewarm", "--force", "--json", "--config", config.path])
        try #require(warm.status == 0, "\(warm.output)")
        try #require(versioned.inconsistencies(in: try MDBTools.dump(config.cachePath), atMost: version).isEmpty)
        let passSeconds = warm.seconds
        print("robustness: a full pass over \(Self.domainCount) domains took \(String(format: "%.2f", passSeconds)) s")

        let answers = Recorder<Answer>()
        let readers = startReaders(domains: versioned.domains, cache: config.cachePath, answers: answers,
                                   exim: EximReader.available ? try EximReader(cache: config.cachePath) : nil)

        var generator = SeededGenerator(seed: Self.seed)
        var killedMidPass = 0
        var killedMidWrite = 0
        var rounds = 0
        var problems: [String] = []
        // Until enough kills landed mid-pass and half of those mid-write (how many do depends on the
        // machine's load), within a bounded number of rounds.
        while (killedMidPass < Self.kills || killedMidWrite < Self.kills / 2) && rounds < Self.kills * 6 {
            rounds += 1
            version += 1
            try world.update(versioned.scenario(version: version))
            let delay = Double.random(in: 0.02...(max(passSeconds, 0.2) * 0.9), using: &generator)
            let writer = try Child.start(mtasts: ["prewarm", "--force", "--json", "--config", config.path])
            usleep(useconds_t(delay * 1_000_000))
            writer.signal(SIGKILL)
            if try writer.finish().signal != nil { killedMidPass += 1 }

            // The cache opens (store, mdb_stat) and is consistent.
            #expect(try MDBTools.statOK(config.cachePath), "round \(rounds): mdb_stat failed")
            let store = try LMDBPolicyStore(path: config.cachePath, access: .readOnly)
            let domains = try store.domains()
            #expect(domains.count == Self.domainCount, "round \(rounds): \(domains.count) domains")
            for name in versioned.domains.prefix(5) {
                #expect(try store.entry(for: DomainName(validating: name))?.policy != nil, "round \(rounds): \(name)")
            }
            let keys = try MDBTools.dump(config.cachePath)
            let found = versioned.inconsistencies(in: keys, atMost: version)
            problems += found.map { "round \(rounds): \($0)" }
            // A kill that left some domains at the new version and some at older ones hit the pass mid-write.
            let renewed = versioned.domains.filter { keys["\($0):id"] == "v\(version)" }.count
            if renewed > 0 && renewed < Self.domainCount { killedMidWrite += 1 }
        }
        readers.stop()

        // No lost updates: an unkilled pass brings every domain to the newest version.
        let final = try Child.mtasts(["prewarm", "--force", "--json", "--config", config.path])
        #expect(final.status == 0, "\(final.output)")
        let finalKeys = try MDBTools.dump(config.cachePath)
        #expect(versioned.domains.allSatisfy { finalKeys["\($0):id"] == "v\(version)" })

        let recorded = answers.all
        let bad = recorded.filter { !Self.valid($0, newest: version) }
        print("robustness: \(killedMidPass) kills mid-pass in \(rounds) rounds (seed \(Self.seed)), \(killedMidWrite) with the cache half renewed; "
              + "\(recorded.count) answers recorded (\(recorded.filter { $0.reader == "exim" }.count) through exim -be), \(bad.count) bad")
        #expect(killedMidPass >= Self.kills)
        #expect(killedMidWrite >= Self.kills / 2, "only \(killedMidWrite) kills landed while domains were being written")
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(bad.isEmpty, "\(bad.prefix(10).map { "\($0.reader) \($0.question) \($0.domain) → '\($0.text)'" })")
        #expect(recorded.count > 100)
    }

    /// A valid answer: enforce/testing for `policy`, one of our versioned mx for `mx-list`.
    static func valid(_ answer: Answer, newest: Int) -> Bool {
        switch answer.question {
        case "policy": return answer.text == "enforce" || answer.text == "testing"
        default:
            guard let version = VersionedWorld.version(ofMX: answer.text, domain: answer.domain) else { return false }
            return version <= newest
        }
    }

    struct Readers {
        let answers: Recorder<Answer>
        let done: DispatchGroup
        func stop() {
            answers.stop()
            done.wait()
        }
    }

    /// Three helper loops and, when Exim is there, one `exim -be` loop, until stopped.
    func startReaders(domains: [String], cache: String, answers: Recorder<Answer>, exim: EximReader?) -> Readers {
        let done = DispatchGroup()
        for index in 0..<3 {
            done.enter()
            Thread {
                var generator = SeededGenerator(seed: CrashSafetyTests.seed &+ UInt64(index))
                while !answers.isStopped {
                    let domain = domains.randomElement(using: &generator)!
                    let question = Bool.random(using: &generator) ? "policy" : "mx-list"
                    let result = try? Child.run(Child.helper, ["--cache", cache, "--on-miss", "none", question, domain])
                    let text = result.map { $0.status == 0 ? $0.stdout : "exit \($0.status): \($0.output)" } ?? "did not run"
                    answers.append(Answer(reader: "helper\(index)", question: question, domain: domain, text: text))
                }
                done.leave()
            }.start()
        }
        if let exim {
            done.enter()
            Thread {
                var generator = SeededGenerator(seed: CrashSafetyTests.seed &+ 99)
                while !answers.isStopped {
                    let batch = (0..<20).map { _ in domains.randomElement(using: &generator)! }
                    let texts = (try? exim.policies(batch)) ?? []
                    if texts.count != batch.count {
                        answers.append(Answer(reader: "exim", question: "policy", domain: batch[0], text: "batch: \(texts)"))
                        continue
                    }
                    for (domain, text) in zip(batch, texts) {
                        answers.append(Answer(reader: "exim", question: "policy", domain: domain, text: text))
                    }
                }
                done.leave()
            }.start()
        }
        return Readers(answers: answers, done: done)
    }
}

/// `exim -C cfg -be` expanding `${dlfunc{module}{mtasts_policy}{D}{settings}}` read from a pipe.
struct EximReader: Sendable {
    static let binary = "/usr/sbin/exim"
    static var available: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: binary) }

    let configPath: String
    let cache: String
    private let directory: TemporaryDirectory

    init(cache: String) throws {
        self.cache = cache
        directory = try TemporaryDirectory()
        configPath = directory.file("exim.conf")
        let template = try String(contentsOfFile: TestPaths.fixture("CacheLookup/exim-be.conf"), encoding: .utf8)
        try template.replacingOccurrences(of: "@DIR@", with: directory.path)
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory.file("spool"), withIntermediateDirectories: true)
    }

    /// One Exim process expands the policy lookup of every domain; one answer per domain.
    func policies(_ domains: [String]) throws -> [String] {
        let lines = domains.map { "${dlfunc{\(Child.module)}{mtasts_policy}{\($0)}{--cache \(cache) --on-miss none}}\n" }
        let result = try Child.run(Self.binary, ["-C", configPath, "-be"], stdin: lines.joined())
        var out = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if out.last == "" { out.removeLast() }
        if out.last == "> " { out.removeLast() }
        return out.map { $0.hasPrefix("> ") ? String($0.dropFirst(2)) : $0 }
    }
}
