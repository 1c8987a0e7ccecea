import Foundation
import Gzip
import Testing
import TestWorld

@Suite("gzip through zlib")
struct GzipTests {
    @Test(arguments: [0, 1, 100, 70_000, 1_000_000])
    func roundTrips(_ size: Int) throws {
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
        let compressed = try Gzip.compress(bytes)
        #expect(compressed.starts(with: [0x1F, 0x8B])) // RFC 1952 §2.3.1 ID1 ID2
        #expect(try Gzip.decompress(compressed) == bytes)
    }

    @Test func theRealGunzipReadsWhatWeWrite() throws {
        let text = Array("{\"organization-name\":\"Example\"}\n".utf8)
        let path = NSTemporaryDirectory() + "/gzip-test-\(UUID().uuidString).gz"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(try Gzip.compress(text)).write(to: URL(fileURLWithPath: path))
        let gunzip = try ChildProcess("/bin/gzip", ["-dc", path]).run()
        #expect(gunzip.status == 0, "\(gunzip.stderr)")
        #expect([UInt8](gunzip.stdoutData) == text)
    }

    @Test func refusesGarbageTruncationAndBombs() throws {
        #expect(throws: GzipError.self) { try Gzip.decompress(Array("not gzip".utf8)) }
        let compressed = try Gzip.compress(Array(repeating: 0, count: 100_000))
        #expect(throws: GzipError.self) { try Gzip.decompress(Array(compressed.prefix(compressed.count / 2))) }
        #expect(throws: GzipError.self) { try Gzip.decompress(compressed, limit: 10_000) }
    }
}
