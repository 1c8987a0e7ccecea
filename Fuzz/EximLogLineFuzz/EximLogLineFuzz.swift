import EximLog
import FuzzSupport
import MTASTSPolicy

@_cdecl("EximLogLineFuzz_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in fuzz(data, size) }
}

/// `EximLogLine(parsing:)` on arbitrary bytes. Properties: parsing is deterministic and the
/// bytes and `String` entry points agree; a parsed line has a valid timestamp, a message id of
/// 16 or 23 characters, a body that ends the line, and derived values that are well-formed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    let first = Result { () throws(EximLogParseError) in try EximLogLine(parsing: bytes) }
    let second = Result { () throws(EximLogParseError) in try EximLogLine(parsing: bytes) }
    FuzzCheck.require(first == second, "parse is not deterministic")
    let text = String(decoding: bytes, as: UTF8.self)
    let fromText = Result { () throws(EximLogParseError) in try EximLogLine(parsing: text) }
    FuzzCheck.require(fromText == first, "bytes and text parse differently")
    guard case .success(let line) = first else { return 0 }

    let time = line.timestamp
    FuzzCheck.require((1...12).contains(time.month) && (1...31).contains(time.day), "date \(time)")
    FuzzCheck.require((0...23).contains(time.hour) && (0...59).contains(time.minute) && (0...60).contains(time.second),
                      "time \(time)")
    if let id = line.messageID { FuzzCheck.require(id.utf8.count == 16 || id.utf8.count == 23, "message id \(id)") }
    // Compared as UTF-8: as Characters, a body starting with a combining mark would join the
    // space before it and no longer be a suffix.
    let body = Array(line.body.utf8), whole = Array(text.utf8)
    FuzzCheck.require(whole.count >= body.count && whole.suffix(body.count).elementsEqual(body),
                      "the body is not the end of the line")
    if let domain = line.recipientDomain {
        FuzzCheck.require((try? DomainName(validating: domain.value)) == domain, "recipient domain \(domain)")
    }
    if let port = line.host?.port { FuzzCheck.require((0...65_535).contains(port), "port \(port)") }
    _ = line.remainder
    _ = line.isRemoteDeliveryOutcome
    return 0
}
