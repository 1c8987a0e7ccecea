import FuzzSupport
import MTASTSPolicy

@_cdecl("MXPatternFuzz_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in fuzz(data, size) }
}

/// `DomainName(validating:)`, `MXPattern(parsing:)` and `matches` (RFC 8461 §4.1). The input's
/// first line is a pattern, the second a candidate MX host. Properties: a valid name's value is
/// canonical LDH text that re-validates to itself (also upper-cased and with a trailing dot); a
/// pattern re-parses from its description; a match means the candidate is a valid name that
/// equals the host, or, for `*.`, has exactly one more left-most label.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let parts = FuzzCheck.texts(data, size, separator: 0x0A)
    let patternText = parts[0]
    let candidateText = parts.count > 1 ? parts[1] : ""
    for text in [patternText, candidateText] { checkDomainName(text) }

    guard let pattern = try? MXPattern(parsing: patternText) else { return 0 }
    FuzzCheck.require((try? MXPattern(parsing: pattern.description)) == pattern, "\(pattern) does not re-parse")
    checkDomainName(pattern.host.value)
    FuzzCheck.require(pattern.matches(pattern.host) == !pattern.isWildcard, "\(pattern) vs its own host")

    let matched = pattern.matches(candidateText)
    guard let candidate = try? DomainName(validating: candidateText) else {
        FuzzCheck.require(!matched, "invalid name \(candidateText) matched \(pattern)")
        return 0
    }
    FuzzCheck.require(matched == pattern.matches(candidate), "text and name matching disagree")
    FuzzCheck.require(matched == [pattern].allow(candidate), "allow and matches disagree")
    let expected = pattern.isWildcard
        ? candidate.labels.count == pattern.host.labels.count + 1
            && Array(candidate.labels.dropFirst()) == pattern.host.labels
        : candidate == pattern.host
    FuzzCheck.require(matched == expected, "\(pattern) matches \(candidate): \(matched), expected \(expected)")
    return 0
}

private func checkDomainName(_ text: String) {
    let first = Result { () throws(DomainNameError) in try DomainName(validating: text) }
    let second = Result { () throws(DomainNameError) in try DomainName(validating: text) }
    FuzzCheck.require(first == second, "validation is not deterministic")
    switch first {
    case .failure(let error):
        FuzzCheck.require(!error.description.isEmpty && !error.description.utf8.contains(0), "bad error message")
    case .success(let name):
        let value = name.value
        FuzzCheck.require((1...DomainName.maximumLength).contains(value.utf8.count), "length \(value.utf8.count)")
        FuzzCheck.require(value.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E },
                          "\(value) is not lower-case LDH")
        FuzzCheck.require(name.labels.allSatisfy { (1...DomainName.maximumLabelLength).contains($0.utf8.count) }, "label length")
        FuzzCheck.require((try? DomainName(validating: value)) == name, "\(value) does not re-validate to itself")
        FuzzCheck.require((try? DomainName(validating: value.uppercased())) == name, "upper case differs")
        FuzzCheck.require((try? DomainName(validating: value + ".")) == name, "trailing dot differs")
    }
}
