import Foundation
import Logging
@testable import MTASTSCommands
import MTASTSPolicy
import PolicyStore
import Prewarm
import Testing
import TestWorld

@Suite("operator pieces")
struct OperatorUnitTests {
    static let colours: [(Bool, [String: String], Bool)] = [
        (true, ["TERM": "xterm"], true),
        (false, ["TERM": "xterm"], false),
        (true, ["TERM": "dumb"], false),
        (true, ["TERM": "xterm", "NO_COLOR": "1"], false),
        (true, ["TERM": "xterm", "NO_COLOR": ""], true),
    ]

    @Test("colours only on a terminal, not for TERM=dumb or NO_COLOR", arguments: colours)
    func decidesColour(_ terminal: Bool, _ environment: [String: String], _ enabled: Bool) {
        #expect(TerminalStyle.decide(isTerminal: terminal, environment: environment) == enabled)
        #expect(TerminalStyle(enabled: enabled).bad("x").contains("\u{1B}[") == enabled)
    }

    static let logLines: [(Logger.Level, String, Logger.Metadata, String)] = [
        (.info, "done", ["domain": "example.com", "duration": "0.123s"], "level=info msg=done domain=example.com duration=0.123s\n"),
        (.warning, "domain failed", ["reason": "certificate has expired", "outcome": "failure"],
         #"level=warning msg="domain failed" outcome=failure reason="certificate has expired""# + "\n"),
        (.error, "x", ["v": "a\"b\nc=d"], #"level=error msg=x v="a\"b\nc=d""# + "\n"),
        (.debug, "", [:], #"level=debug msg="""# + "\n"),
    ]

    @Test("one key=value line per event", arguments: logLines)
    func rendersLogLine(_ level: Logger.Level, _ message: String, _ metadata: Logger.Metadata, _ line: String) {
        #expect(KeyValueLogHandler.line(level: level, message: message, metadata: metadata) == line)
    }

    @Test("the schedule state keeps results and still reads files without them")
    func scheduleResults() throws {
        let old = try ScheduleState.parse("learn 100\nprewarm 200\n", path: "s")
        #expect(old.lastRun == [.learn: 100, .prewarm: 200])
        #expect(old.results.isEmpty)
        var state = old
        state.results[.prewarm] = .init(succeeded: true, line: "prewarm: 3 domains\nin 1s")
        state.results[.learn] = .init(succeeded: false, line: "learn: cannot read")
        let again = try ScheduleState.parse(state.text, path: "s")
        #expect(again == ScheduleState(lastRun: [.learn: 100, .prewarm: 200], results: [
            .prewarm: .init(succeeded: true, line: "prewarm: 3 domains in 1s"),
            .learn: .init(succeeded: false, line: "learn: cannot read"),
        ]))
        #expect(throws: PrewarmError.self) { try ScheduleState.parse("learn 100 maybe what\n", path: "s") }
    }

    @Test("forEachEntry reads every entry in one pass, as entry(for:) does")
    func forEachEntry() throws {
        let directory = try TemporaryDirectory()
        let store = try LMDBPolicyStore(path: directory.path + "/cache.lmdb", access: .readWrite)
        let names = ["a.example", "a.example.b", "a-example.c", "b.example", "zz.example"]
        for (index, name) in names.enumerated() {
            let domain = try DomainName(validating: name)
            try store.put(CacheEntry(domain: domain, lastCheck: CheckRecord(checkedAt: Int64(index), outcome: .noPolicy),
                                     tracking: index.isMultiple(of: 2) ? DomainTracking(learnedAt: 5) : nil))
        }
        var seen: [CacheEntry] = []
        try store.forEachEntry { seen.append($0) }
        // Each domain once (LMDB key order puts "a.example.b:" before "a.example:").
        #expect(seen.map(\.domain.value).sorted() == names.sorted())
        #expect(seen.count == names.count)
        for entry in seen { #expect(try store.entry(for: entry.domain) == entry) }
    }
}
