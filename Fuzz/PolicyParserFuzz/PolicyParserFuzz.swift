import FuzzSupport
import MTASTSPolicy

@_cdecl("PolicyParserFuzz_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in fuzz(data, size) }
}

/// `PolicyParser.parse(bytes:)` on arbitrary bytes. Properties: parsing is deterministic; a
/// parsed policy keeps RFC 8461 §3.2's invariants; it re-parses from its own text to itself; the
/// canonical document written from its fields parses to the same fields.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    let first = Result { () throws(PolicyParseError) in try PolicyParser.parse(bytes: bytes) }
    let second = Result { () throws(PolicyParseError) in try PolicyParser.parse(bytes: bytes) }
    FuzzCheck.require(first == second, "parse is not deterministic")
    switch first {
    case .failure(let error):
        FuzzCheck.require(!error.description.isEmpty, "empty error message")
    case .success(let result):
        check(result.policy)
    }
    return 0
}

private func check(_ policy: Policy) {
    FuzzCheck.require((0...Policy.maximumMaxAge).contains(policy.maxAge), "max_age \(policy.maxAge) out of range")
    FuzzCheck.require(policy.mode == .none || !policy.mx.isEmpty, "mode \(policy.mode) without mx")
    FuzzCheck.require(Set(policy.mx).count == policy.mx.count, "duplicate mx patterns")
    for pattern in policy.mx {
        FuzzCheck.require((try? MXPattern(parsing: pattern.description)) == pattern, "mx \(pattern) does not re-parse")
    }
    let again = try? PolicyParser.parse(policy.text)
    FuzzCheck.require(again?.policy == policy, "the policy does not re-parse from its own text")
    _ = policy.lines

    var canonical = "version: STSv1\nmode: \(policy.mode.rawValue)\nmax_age: \(policy.maxAge)\n"
    for pattern in policy.mx { canonical += "mx: \(pattern)\n" }
    guard let rebuilt = try? PolicyParser.parse(canonical).policy else {
        FuzzCheck.require(false, "the canonical form does not parse:\n\(canonical)")
        return
    }
    FuzzCheck.require(rebuilt.mode == policy.mode && rebuilt.maxAge == policy.maxAge && rebuilt.mx == policy.mx,
                      "the canonical form parses to a different policy")
}
