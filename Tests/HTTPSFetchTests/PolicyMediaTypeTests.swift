import Testing
@testable import HTTPSFetch

@Suite("RFC 8461 §3.3 media type")
struct PolicyMediaTypeTests {
    @Test(arguments: [
        "text/plain", "TEXT/PLAIN", "Text/Plain", "text/plain; charset=utf-8", "text/plain;charset=US-ASCII",
        "  text/plain  ", "\ttext/plain\t; format=flowed", "text/plain;",
    ])
    func acceptsTextPlain(_ value: String) {
        #expect(PolicyMediaType.isTextPlain(value))
    }

    @Test(arguments: [
        "", " ", "text/html", "text/plainx", "text/plain-x", "text /plain", "text/ plain", "application/json",
        "text", "plain", ";text/plain", "text/plain\u{0}", "multipart/text/plain",
    ])
    func rejectsOtherTypes(_ value: String) {
        #expect(!PolicyMediaType.isTextPlain(value))
    }
}
