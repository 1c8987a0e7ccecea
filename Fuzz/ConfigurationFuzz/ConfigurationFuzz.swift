import FuzzSupport
import MTASTSConfig
import MTASTSPolicy

@_cdecl("ConfigurationFuzz_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(argc, argv) { data, size in fuzz(data, size) }
}

/// `Configuration.parse(yaml:source:)` (Yams/libyaml and the schema) on arbitrary text.
/// Properties: parsing is deterministic; an error is one line naming the source; a parsed
/// configuration's domains are valid canonical names and its paths absolute.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let yaml = FuzzCheck.text(data, size)
    let first = Result { () throws(ConfigError) in try Configuration.parse(yaml: yaml, source: "fuzz.yaml") }
    let second = Result { () throws(ConfigError) in try Configuration.parse(yaml: yaml, source: "fuzz.yaml") }
    FuzzCheck.require(first == second, "parse is not deterministic")
    switch first {
    case .failure(let error):
        let message = error.description
        FuzzCheck.require(message.contains("fuzz.yaml"), "the error does not name the source: \(message)")
        FuzzCheck.require(!message.utf8.contains(0), "the error holds a NUL: \(message)")
    case .success(let configuration):
        for domain in configuration.domains {
            FuzzCheck.require((try? DomainName(validating: domain.value)) == domain, "domain \(domain)")
        }
        for path in configuration.domainFiles { FuzzCheck.require(path.hasPrefix("/"), "relative path \(path)") }
        FuzzCheck.require(configuration.cache.path.hasPrefix("/"), "relative cache path")
    }
    return 0
}
