import EximLog
import Testing

/// Inputs `scripts/fuzz` (EximLogLineFuzz) found, minimised; each once broke a property.
@Suite struct FuzzRegressionTests {
    /// `H=... [ip]:428912026` parsed as port 428912026: a port is kept only within 0...65535.
    @Test(arguments: [
        ("[127.0.0.1]:428912026", nil),
        ("[127.0.0.1]:65536", nil),
        ("[127.0.0.1]:65535", 65_535),
        ("[127.0.0.1]:25*", 25),
    ] as [(String, Int?)])
    func portOutsideTheRangeIsNotAPort(address: String, port: Int?) throws {
        let line = try EximLogLine(parsing: "2026-11-25 09:24:08 1xW9EU-0006Zb-24 => a@b.example R=r T=t H=mx.b.example \(address)")
        let host = try #require(line.host)
        #expect(host.port == port)
        #expect(host.address == "127.0.0.1")
    }

    /// The crash input itself (NUL and 0xFF bytes inside the fields): parses, port dropped.
    @Test func originalCrashInput() throws {
        var bytes = Array("2026-11-25 09:25:06.917 +0000 [25284] 1xW9EU-0006Zb-24 => firs\u{C9}@re".utf8)
        bytes += [0xFF, 0xFF, 0xFF] + Array(" ".utf8) + [0, 0] + Array("remote T=remote_-mtp H=127.0.0.1 [127.0.0.1]:428912026-11-25 09:24:08 X=1:".utf8) + [0]
        let line = try EximLogLine(parsing: bytes)
        #expect(line.host?.address == "127.0.0.1")
        #expect(line.host?.port == nil)
    }

    /// Not a parser bug but a harness one: a body starting with a combining mark (U+030F) is the
    /// line's tail byte for byte, though not as `Character`s. Kept as a check of that tail.
    @Test func bodyStartingWithACombiningMark() throws {
        let bytes = Array("2026-11-25 09:24:06.285 ".utf8) + [0xCC, 0x8F] + Array(" 1xW8EU-0012ZQ-0o == nobody@refused.example DT=0.000s".utf8)
        let line = try EximLogLine(parsing: bytes)
        #expect(Array(line.body.utf8) == Array(bytes[24...]))
        #expect(line.timestamp.millisecond == 285)
    }

    /// Bytes and text parsed differently: in a quoted value, `\` between two invalid UTF-8
    /// fragments (EB 9D, 9D) was dropped and the fragments joined into one valid character
    /// (U+D75D), while the text had two U+FFFD. Invalid UTF-8 is now replaced before parsing.
    @Test func bytesAndTextParseAlike() throws {
        let bytes = Array(#"2026-11-25 09:24:04 1xW9ES-7006Yg-0W => a@b.example DN="CN="#.utf8)
            + [0xEB, 0x9D, 0x5C, 0x9D] + Array(#"" X=TLS1.3"#.utf8)
        let fromBytes = try EximLogLine(parsing: bytes)
        let fromText = try EximLogLine(parsing: String(decoding: bytes, as: UTF8.self))
        #expect(fromBytes == fromText)
        #expect(fromBytes.peerDN == "CN=\u{FFFD}\u{FFFD}")
        #expect(fromBytes.tlsCipher == "TLS1.3")
    }
}
