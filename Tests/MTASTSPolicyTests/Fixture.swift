#if canImport(Glibc)
import Glibc
#endif

/// Reads `Tests/Fixtures/MTASTSPolicy/<name>` as bytes.
func fixtureBytes(_ name: String, file: String = #filePath) -> [UInt8] {
    // …/Tests/MTASTSPolicyTests/Fixture.swift → …/Tests/Fixtures/MTASTSPolicy/<name>
    var components = file.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(2)
    let path = components.joined(separator: "/") + "/Fixtures/MTASTSPolicy/" + name
    guard let handle = fopen(path, "rb") else { fatalError("missing fixture \(path)") }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&buffer, 1, buffer.count, handle)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
}
