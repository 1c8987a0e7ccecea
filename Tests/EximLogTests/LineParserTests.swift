import EximLog
import Testing

/// What a parsed line must hold; nil members are not checked.
struct ParsedExpectation: Sendable {
    var time: String? = nil            // "YYYY-MM-DD HH:MM:SS" plus what was logged
    var unixTime: Int64? = nil         // with .fixedOffset(0) for lines without a zone
    var processID: Int? = nil
    var messageID: String? = nil
    var flag: EximFlag? = nil
    var address: String? = nil
    var parents: [String] = []
    var host: EximHost? = nil
    var fields: [String]? = nil        // "KEY=value" in order
    var remainder: String? = nil
    var remote = false
    var domain: String? = nil
}

struct ParserCase: Sendable, CustomTestStringConvertible {
    let name: String
    let line: @Sendable () throws -> String
    let expected: ParsedExpectation
    var testDescription: String { name }

    init(_ name: String, real fixture: String, _ markers: String..., expected: ParsedExpectation) {
        self.name = name + " (real Exim 4.96)"
        self.line = { try Fixture.line(fixture, markers) }
        self.expected = expected
    }

    init(_ name: String, line text: String, expected: ParsedExpectation) {
        self.name = name
        self.line = { text }
        self.expected = expected
    }
}


@Suite("Exim main log line parser")
struct LineParserTests {
    static let tls13 = "X=TLS1.3:ECDHE_SECP256R1__RSA_PSS_RSAE_SHA256__AES_256_GCM:256"
    static let loopback = EximHost(name: "127.0.0.1", address: "127.0.0.1")

    static let cases: [ParserCase] = [
        ParserCase("=> remote delivery with TLS fields", real: "exim-default.log", "=> bob@example.com", expected: .init(
            messageID: nil, flag: .delivered, address: "bob@example.com", host: loopback,
            fields: ["R=remote", "T=remote_smtp", "H=127.0.0.1 [127.0.0.1]", tls13, "CV=yes", "DN=CN=sink.test",
                     "C=250 OK id=sink-1"],
            remainder: "", remote: true, domain: "example.com")),
        ParserCase("-> further recipient with its original address", real: "exim-default.log", "-> three@example.org", expected: .init(
            flag: .additional, address: "three@example.org", parents: ["Three@Example.ORG"], host: loopback,
            remote: true, domain: "example.org")),
        ParserCase("=> redirected: the routed address, the original in brackets", real: "exim-default.log", "=> someone@redirected.test", expected: .init(
            flag: .delivered, address: "someone@redirected.test", parents: ["alias@local.test"], remote: true,
            domain: "redirected.test")),
        ParserCase("== deferral with the host's error", real: "exim-default.log", "== defer@example.net R=remote", expected: .init(
            flag: .deferred, address: "defer@example.net", host: loopback,
            fields: ["R=remote", "T=remote_smtp", "H=127.0.0.1 [127.0.0.1]"],
            remainder: "defer (-44): SMTP error from remote mail server after RCPT TO:<defer@example.net>: 451 4.3.0 try again later",
            remote: true, domain: "example.net")),
        ParserCase("** failure after a quoted DN", real: "exim-default.log", "** fail@example.net", expected: .init(
            flag: .failed, address: "fail@example.net", host: loopback,
            fields: ["R=remote", "T=remote_smtp", "H=127.0.0.1 [127.0.0.1]", tls13, "CV=yes", "DN=CN=sink.test"],
            remainder: "SMTP error from remote mail server after RCPT TO:<fail@example.net>: 550 5.1.1 no such user",
            remote: true, domain: "example.net")),
        ParserCase("local delivery: no host, not remote", real: "exim-default.log", "=> user <user@local.test>", expected: .init(
            flag: .delivered, address: "user", parents: ["user@local.test"], host: nil,
            fields: ["R=local_user", "T=mailbox"], remainder: "", remote: false, domain: nil)),
        ParserCase("== connection refused: no H= on the line", real: "exim-default.log", "== nobody@refused.test", expected: .init(
            flag: .deferred, address: "nobody@refused.test", host: nil, fields: ["R=refused", "T=refused_smtp"],
            remainder: "defer (111): Connection refused", remote: false, domain: "refused.test")),
        ParserCase("routing deferral: no router field", line: "2026-11-25 09:15:28 1xW966-0005xE-27 == defer@example.net routing defer (-52): retry time not reached", expected: .init(
            flag: .deferred, fields: [], remainder: "routing defer (-52): retry time not reached", remote: false)),
        ParserCase("a host line without a flag", real: "exim-default.log", "Connection refused", "H=127.0.0.1", expected: .init(
            flag: nil, address: nil, host: loopback, remainder: "Connection refused", remote: false)),
        ParserCase("<= arrival", real: "exim-default.log", "<= alice@sender.test", expected: .init(
            flag: .arrival, address: "alice@sender.test", fields: ["U=root", "P=local", "S=298"], remote: false)),
        ParserCase("<= bounce from <>", real: "exim-default.log", "<= <>", expected: .init(
            flag: .arrival, address: "<>", remote: false)),
        ParserCase("Completed", real: "exim-default.log", "Completed", expected: .init(
            flag: nil, address: nil, fields: [], remainder: "Completed")),
        ParserCase("reused connection: * after the address", real: "exim-default.log", "]* X=", expected: .init(
            flag: .delivered, host: EximHost(name: "127.0.0.1", address: "127.0.0.1", reusedConnection: true),
            remote: true, domain: "reuse.test")),
        ParserCase("+millisec, log_timezone, +pid, +outgoing_port, DT=", real: "exim-selectors.log", "=> bob@example.com", expected: .init(
            processID: nil, flag: .delivered, address: "bob@example.com",
            host: nil, remote: true, domain: "example.com")),
        ParserCase("port and * together", real: "exim-selectors.log", "]:", "* X=", expected: .init(
            flag: .delivered, remote: true, domain: "reuse.test")),
        ParserCase("DT= ending in a colon starts the detail", real: "exim-selectors.log", "== defer@example.net R=remote", expected: .init(
            flag: .deferred, remainder: "defer (-44): SMTP error from remote mail server after RCPT TO:<defer@example.net>: 451 4.3.0 try again later",
            remote: true, domain: "example.net")),

        // Hand-made: what 4.96 in these tests does not write.
        ParserCase("23-character message id (Exim 4.97+), zone west of UTC, IPv6 host with port", line:
            #"2026-03-01 12:00:00 -0500 1vXyZa-000AbCdEfGh-0001 => x@y.example R=dnslookup T=remote_smtp H=mx.y.example [2001:db8::25]:25 X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=dane DN="CN=mx.y.example,O=Y \"Inc\"" C="250 2.0.0 OK""#,
            expected: .init(time: "2026-03-01 12:00:00 -0500", unixTime: 1_772_384_400, messageID: "1vXyZa-000AbCdEfGh-0001",
                            flag: .delivered, address: "x@y.example",
                            host: EximHost(name: "mx.y.example", address: "2001:db8::25", port: 25),
                            fields: ["R=dnslookup", "T=remote_smtp", "H=mx.y.example [2001:db8::25]:25",
                                     "X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256", "CV=dane", #"DN=CN=mx.y.example,O=Y "Inc""#,
                                     "C=250 2.0.0 OK"],
                            remainder: "", remote: true, domain: "y.example")),
        ParserCase("zone east of UTC with milliseconds and pid", line:
            "2026-07-01 02:30:00.250 +0200 [4242] 1xW95j-0005Na-2z -> z@Z.Example R=dnslookup T=remote_smtp H=mx.z.example [192.0.2.7]*",
            expected: .init(time: "2026-07-01 02:30:00.250 +0200", unixTime: 1_782_865_800, processID: 4242,
                            messageID: "1xW95j-0005Na-2z", flag: .additional, address: "z@Z.Example",
                            host: EximHost(name: "mx.z.example", address: "192.0.2.7", reusedConnection: true),
                            remote: true, domain: "z.example")),
        ParserCase("** unrouteable: the address ends in a colon", line:
            "2026-11-25 10:00:00 1xW95j-0005Na-2z ** nobody@nowhere.example: Unrouteable address",
            expected: .init(unixTime: 1_795_600_800, flag: .failed, address: "nobody@nowhere.example", fields: [],
                            remainder: "Unrouteable address", remote: false, domain: "nowhere.example")),
        ParserCase("** with an original address ending in a colon", line:
            "2026-11-25 10:00:00 1xW95j-0005Na-2z ** a@b.example <c@d.example>: Unrouteable address",
            expected: .init(flag: .failed, address: "a@b.example", parents: ["c@d.example"], remainder: "Unrouteable address")),
        ParserCase("H= with only an address", line:
            "2026-11-25 10:00:00 1xW95j-0005Na-2z => a@b.example R=r T=t H=[192.0.2.1] C=\"250 OK\"",
            expected: .init(flag: .delivered, address: "a@b.example", host: EximHost(name: nil, address: "192.0.2.1"), fields: ["R=r", "T=t", "H=[192.0.2.1]", "C=250 OK"],
                            remote: true, domain: "b.example")),
        ParserCase("arrival with HELO name and interface", line:
            "2026-11-25 10:00:00 1xW95j-0005Na-2z <= a@b.example H=client.example (helo.example) [192.0.2.9]:51234 I=[192.0.2.1]:25 P=esmtps S=1234 id=abc@b.example",
            expected: .init(flag: .arrival, address: "a@b.example",
                            host: EximHost(name: "client.example", helo: "helo.example", address: "192.0.2.9", port: 51234),
                            fields: ["H=client.example (helo.example) [192.0.2.9]:51234", "I=[192.0.2.1]:25", "P=esmtps",
                                     "S=1234", "id=abc@b.example"])),
        ParserCase("a line about no message", line: "2026-11-25 10:00:00 Start queue run: pid=1234",
                   // Free text with a word=value in it yields a field: the body keeps the text whole.
                   expected: .init(flag: nil, fields: ["pid=1234"], remainder: "Start queue run:")),
        ParserCase("a pipe delivery", line:
            "2026-11-25 10:00:00 1xW95j-0005Na-2z => |/usr/bin/procmail <u@local.example> R=procmail T=procmail_pipe",
            expected: .init(flag: .delivered, address: "|/usr/bin/procmail", parents: ["u@local.example"], remote: false, domain: nil)),
    ]

    @Test("parses", arguments: cases)
    func parses(_ testCase: ParserCase) throws {
        let text = try testCase.line()
        let line = try EximLogLine(parsing: text)
        let expected = testCase.expected
        if let time = expected.time {
            let stamp = line.timestamp
            var shown = String(format: "%04d-%02d-%02d %02d:%02d:%02d", stamp.year, stamp.month, stamp.day,
                               stamp.hour, stamp.minute, stamp.second)
            if let ms = stamp.millisecond { shown += String(format: ".%03d", ms) }
            if let offset = stamp.utcOffsetSeconds {
                shown += String(format: " %@%02d%02d", offset < 0 ? "-" : "+", abs(offset) / 3600, abs(offset) % 3600 / 60)
            }
            #expect(shown == time)
        }
        if let unixTime = expected.unixTime { #expect(line.timestamp.unixTime(localTime: .fixedOffset(seconds: 0)) == unixTime) }
        if let pid = expected.processID { #expect(line.processID == pid) }
        if let id = expected.messageID { #expect(line.messageID == id) }
        #expect(line.flag == expected.flag)
        if expected.address != nil || expected.flag != nil { #expect(line.address == expected.address || expected.address == nil) }
        #expect(line.parentAddresses == expected.parents || (expected.parents.isEmpty && expected.address == nil))
        if expected.host != nil || expected.fields != nil { #expect(line.host == expected.host || expected.host == nil) }
        if let fields = expected.fields { #expect(line.fields.map { "\($0.key)=\($0.value)" } == fields) }
        if let remainder = expected.remainder { #expect(line.remainder == remainder) }
        #expect(line.isRemoteDeliveryOutcome == expected.remote)
        if expected.domain != nil || expected.remote { #expect(line.recipientDomain?.value == expected.domain) }
    }

    @Test("a line about no message has no message id and no flag")
    func noMessage() throws {
        let line = try EximLogLine(parsing: "2026-11-25 10:00:00 Start queue run: pid=1234")
        #expect(line.messageID == nil)
        #expect(line.flag == nil)
        #expect(line.body == "Start queue run: pid=1234")
        let short = try EximLogLine(parsing: "2026-11-25 10:00:00 1xW95j-0005Na-2 => a@b.example")
        #expect(short.messageID == nil) // 15 characters: not an id
    }

    @Test("the selectors log's header: milliseconds, zone, pid, 16-character id")
    func selectorsHeader() throws {
        let line = try EximLogLine(parsing: Fixture.line("exim-selectors.log", containing: "=> bob@example.com"))
        #expect(line.timestamp.millisecond != nil)
        #expect(line.timestamp.utcOffsetSeconds == 0)
        #expect(line.processID != nil)
        #expect(line.messageID?.count == 16)
        #expect(line.host?.port != nil)
        #expect(line[field: "DT"]?.hasSuffix("s") == true)
        #expect(line.tlsCipher?.hasPrefix("TLS1.3:") == true)
        #expect(line.certificateVerified == "yes")
        #expect(line.peerDN == "CN=sink.test")
        #expect(line.router == "remote" && line.transport == "remote_smtp")
    }

    static let garbageLines: [String] = [
        "", "hello world", "2026-11-25", "2026-13-01 00:00:00 1xW95j-0005Na-2z => a@b.example",
        "2026-11-25 25:00:00 x", "2026-11-25T10:00:00 x", "\u{0}\u{1}\u{2}", String(repeating: "é", count: 40),
        "   2026-11-25 10:00:00 leading spaces",
    ]

    @Test("garbage is an error, never a crash", arguments: garbageLines)
    func garbage(_ text: String) {
        #expect(throws: EximLogParseError.self) { try EximLogLine(parsing: text) }
    }

    @Test("odd but dated lines parse without crashing", arguments: [
        "2026-11-25 10:00:00", "2026-11-25 10:00:00 ", "2026-11-25 10:00:00 [", "2026-11-25 10:00:00 [12",
        "2026-11-25 10:00:00 1xW95j-0005Na-2z", "2026-11-25 10:00:00 1xW95j-0005Na-2z =>",
        "2026-11-25 10:00:00 1xW95j-0005Na-2z => a@b H=", "2026-11-25 10:00:00 1xW95j-0005Na-2z => a@b H=x [1.2.3.4",
        "2026-11-25 10:00:00 1xW95j-0005Na-2z => a@b C=\"unterminated", "2026-11-25 10:00:00 1xW95j-0005Na-2z => \"a b@c",
        "2026-11-25 10:00:00.5 x", "2026-11-25 10:00:00 +01 x",
    ])
    func oddLines(_ text: String) throws {
        let line = try EximLogLine(parsing: text)
        #expect(line.timestamp.year == 2026)
    }

    @Test("every line of the real logs parses; remote outcomes and their domains", arguments: ["exim-default.log", "exim-selectors.log"])
    func realLogs(_ name: String) throws {
        let lines = try Fixture.lines(name).map { try EximLogLine(parsing: $0) }
        #expect(lines.count > 40)
        #expect(lines.allSatisfy { $0.messageID?.count == 16 || $0.messageID == nil })
        let remote = lines.filter(\.isRemoteDeliveryOutcome)
        let domains = Set(remote.compactMap { $0.recipientDomain?.value })
        #expect(domains == ["example.com", "example.org", "example.net", "mixed.example", "redirected.test",
                            "reuse.test", "sender.test"])
        #expect(!domains.contains("local.test") && !domains.contains("refused.test"))
    }
}
