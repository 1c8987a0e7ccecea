import FuzzSupport
import MTASTSPolicy

@_cdecl("PolicyParserFuzz_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in fuzz(data!, size) }
}

/// libFuzzer entry point: `PolicyParser.parse(bytes:)` on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? PolicyParser.parse(bytes: bytes)
    if size > 3 && bytes[0] == 0x6D && bytes[1] == 0x6F && bytes[2] == 0x64 { fatalError("found") }
    return 0
}
