import Testing
@testable import DNSClient

/// Hostile or broken answers must end in `malformedResponse`: never a crash, hang or huge allocation.
@Suite("Hostile messages")
struct HostileMessageTests {
    /// Header + question "example.com A" at offset 12 (ends at offset 29).
    static func base(answers: Int = 1, questions: Int = 1) -> WireBuilder {
        var wire = WireBuilder(questions: questions, answers: answers)
        wire.question("example.com", .a)
        return wire
    }

    static let cases: [(String, [UInt8])] = {
        var list: [(String, [UInt8])] = []
        list.append(("zero-length message", []))
        list.append(("header cut short", [0x12, 0x34, 0x81, 0x80, 0, 1]))

        var selfPointer = WireBuilder(answers: 0)
        selfPointer.pointer(12)                   // the question name points at itself
        selfPointer.u16(1); selfPointer.u16(1)
        list.append(("self-pointing pointer", selfPointer.bytes))

        var loop = base()
        loop.record(owner: { $0.name("a", pointer: 29) }, .a) { $0.raw([1, 2, 3, 4]) } // label at 29, pointer to 29
        list.append(("compression loop through a label", loop.bytes))

        var twoPointers = base(answers: 2)
        twoPointers.record(owner: { $0.pointer(47) }, .a) { $0.raw([1, 2, 3, 4]) }     // 29: forward to 47
        twoPointers.record(owner: { $0.pointer(29) }, .a) { $0.raw([1, 2, 3, 4]) }     // 47: back to 29
        list.append(("compression loop between two pointers", twoPointers.bytes))

        var forward = base()
        forward.record(owner: { $0.pointer(60) }, .a) { $0.raw([1, 2, 3, 4]) }
        forward.name("example.com")
        list.append(("forward pointer", forward.bytes))

        var pastEnd = base()
        pastEnd.record(owner: { $0.pointer(0x3FFF) }, .a) { $0.raw([1, 2, 3, 4]) }
        list.append(("pointer past the end", pastEnd.bytes))

        var intoHeader = base()
        intoHeader.record(owner: { $0.pointer(4) }, .a) { $0.raw([1, 2, 3, 4]) }
        list.append(("pointer into the header", intoHeader.bytes))

        var cutPointer = base()
        cutPointer.u8(0xC0)
        list.append(("pointer cut off at the end", cutPointer.bytes))

        var truncatedRR = base()
        truncatedRR.pointer(12); truncatedRR.u16(1); truncatedRR.u16(1); truncatedRR.u16(0)
        list.append(("truncated resource record", truncatedRR.bytes))

        var rdlength = base()
        rdlength.record(owner: { $0.pointer(12) }, .a, rdlength: 200) { $0.raw([1, 2, 3, 4]) }
        list.append(("RDLENGTH past the end", rdlength.bytes))

        var ancount = base(answers: 5)
        ancount.record(owner: { $0.pointer(12) }, .a) { $0.raw([1, 2, 3, 4]) }
        list.append(("ANCOUNT larger than the records present", ancount.bytes))

        var longLabel = WireBuilder(answers: 0)
        longLabel.u8(64); longLabel.raw(Array(repeating: 0x61, count: 64)); longLabel.u8(0)
        longLabel.u16(1); longLabel.u16(1)
        list.append(("label longer than 63", longLabel.bytes))

        var longName = WireBuilder(answers: 0)
        longName.labels((0..<5).map { _ in String(repeating: "a", count: 60) }.joined(separator: "."))
        longName.u8(0); longName.u16(1); longName.u16(1)
        list.append(("name longer than 255", longName.bytes))

        var longByPointers = base(answers: 2)
        // A valid 199-byte owner at offset 29 (3 × 62 bytes + "example.com"), then a 61-byte
        // label pointing at it: 260 bytes, more than 255.
        longByPointers.record(owner: { $0.labels((0..<3).map { _ in String(repeating: "b", count: 61) }.joined(separator: ".")); $0.pointer(12) }, .a) { $0.raw([1, 2, 3, 4]) }
        longByPointers.record(owner: { $0.name(String(repeating: "c", count: 60), pointer: 29) }, .a) { $0.raw([1, 2, 3, 4]) }
        list.append(("name longer than 255 through a pointer", longByPointers.bytes))

        let bigCount = base(answers: 5_000)
        list.append(("5,000 records announced", bigCount.bytes))

        var wrongA = base()
        wrongA.record(owner: { $0.pointer(12) }, .a) { $0.raw([1, 2, 3, 4, 5]) }
        list.append(("A record of 5 bytes", wrongA.bytes))

        var wrongAAAA = base()
        wrongAAAA.record(owner: { $0.pointer(12) }, .aaaa) { $0.raw([1, 2, 3, 4]) }
        list.append(("AAAA record of 4 bytes", wrongAAAA.bytes))

        var emptyTXT = base()
        emptyTXT.record(owner: { $0.pointer(12) }, .txt) { _ in }
        list.append(("TXT without strings", emptyTXT.bytes))

        var txtOverrun = base(answers: 2)
        txtOverrun.record(owner: { $0.pointer(12) }, .txt, rdlength: 3) { $0.u8(10); $0.raw(Array("ab".utf8)) }
        txtOverrun.record(owner: { $0.pointer(12) }, .txt) { $0.u8(8); $0.raw(Array("abcdefgh".utf8)) }
        list.append(("TXT string running past its RDATA", txtOverrun.bytes))

        var mxOverrun = base(answers: 2)
        mxOverrun.record(owner: { $0.pointer(12) }, .mx, rdlength: 4) { $0.u16(10); $0.name("mx") }
        mxOverrun.record(owner: { $0.pointer(12) }, .a) { $0.raw([1, 2, 3, 4]) }
        list.append(("MX exchange running past its RDATA", mxOverrun.bytes))

        var shortTLSA = base()
        shortTLSA.record(owner: { $0.pointer(12) }, .tlsa) { $0.raw([3, 1]) }
        list.append(("TLSA shorter than 3 bytes", shortTLSA.bytes))

        var twoOPT = WireBuilder(additionals: 2)
        twoOPT.question("example.com", .a)
        twoOPT.opt(); twoOPT.opt()
        list.append(("two OPT records", twoOPT.bytes))

        var extendedLabel = base()
        extendedLabel.record(owner: { $0.u8(0x41); $0.u8(0) }, .a) { $0.raw([1, 2, 3, 4]) }
        list.append(("extended label type", extendedLabel.bytes))

        list.append(("oversized message", base(answers: 0).bytes + Array(repeating: 0, count: 65_600)))
        return list
    }()

    @Test(arguments: cases)
    func isMalformed(name: String, bytes: [UInt8]) {
        let description = expectMalformed(bytes)
        #expect(description.hasPrefix("malformed DNS message: "), "\(name): \(description)")
    }

    @Test func fiveThousandRecordsPresentAreRefused() {
        var wire = Self.base(answers: 5_000)
        for _ in 0..<5_000 {
            // 12 bytes each: a pointer owner and empty RDATA of a private-use type.
            wire.record(owner: { $0.pointer(12) }, RecordType(rawValue: 65_280)) { _ in }
        }
        #expect(wire.bytes.count < DNSMessage.maximumSize)
        #expect(expectMalformed(wire.bytes).contains("5001 records"))
    }

    @Test func errorsSayWhatAndWhere() {
        var rdlength = Self.base()
        rdlength.record(owner: { $0.pointer(12) }, .a, rdlength: 200) { $0.raw([1, 2, 3, 4]) }
        #expect(expectMalformed(rdlength.bytes) == "malformed DNS message: answer record 1 of 1 (A) at offset 41 has RDATA length 200 but only 4 bytes remain")
        var forward = Self.base()
        forward.record(owner: { $0.pointer(60) }, .a) { $0.raw([1, 2, 3, 4]) }
        #expect(expectMalformed(forward.bytes).contains("compression pointer at offset 29 to offset 60"))
    }

    /// Deterministic mutation fuzzing: every mutant of valid answers parses or fails cleanly.
    @Test func mutatedMessagesNeverCrash() {
        var wire = WireBuilder(answers: 4, additionals: 1)
        wire.question("_mta-sts.example.com", .txt)
        wire.txt("_mta-sts.example.com", ["v=STSv1;", " id=1"])
        wire.record(owner: { $0.pointer(12) }, .mx) { $0.u16(5); $0.name("mx", pointer: 21) }
        wire.record(owner: { $0.name("www", pointer: 21) }, .cname) { $0.pointer(12) }
        wire.record(owner: { $0.pointer(12) }, .tlsa) { $0.raw([3, 1, 1, 9, 9, 9]) }
        wire.opt()
        let original = wire.bytes
        #expect(throws: Never.self) { try DNSMessage(parsing: original) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var parsed = 0
        var refused = 0
        for _ in 0..<20_000 {
            var mutant = original
            for _ in 0..<(1 + next() % 4) {
                switch next() % 3 {
                case 0: mutant[next() % mutant.count] = UInt8(truncatingIfNeeded: next())
                case 1: mutant[next() % mutant.count] = [0xC0, 0x00, 0x3F, 0xFF, 0x40][next() % 5]
                default: mutant.removeLast(next() % 8)
                }
                if mutant.isEmpty { break }
            }
            do {
                _ = try DNSMessage(parsing: mutant)
                parsed += 1
            } catch {
                #expect(error.kind == .malformedResponse)
                refused += 1
            }
        }
        #expect(parsed + refused == 20_000)
        #expect(refused > 0)
    }
}
