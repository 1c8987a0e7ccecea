import Foundation
import MTASTSPolicy

/// Reads `domain_files`: glob patterns expanded in sorted order, one domain per line, `#`
/// starting a comment, blank lines ignored; an invalid line is a warning, not an error.
enum DomainFiles {
    /// Files bigger than this (16 MiB) are refused: surely not a list of domains.
    static let maximumFileSize = 16 * 1024 * 1024

    struct Result {
        var domains: [DomainName] = []
        var warnings: [DomainFileWarning] = []
    }

    static func read(patterns: [String]) throws(DomainSetError) -> Result {
        var result = Result()
        for pattern in patterns {
            for path in try expand(pattern) {
                let text = try contents(of: path)
                parse(text, path: path, into: &result)
            }
        }
        return result
    }

    /// Parses one file's text.
    static func parse(_ text: String, path: String, into result: inout Result) {
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if trimmed.isEmpty { continue }
            do throws(DomainNameError) {
                result.domains.append(try DomainName(validating: trimmed))
            } catch {
                result.warnings.append(DomainFileWarning(path: path, line: number, problem: error.description))
            }
        }
    }

    /// The files matching `pattern`, sorted; none is fine (a glob may match nothing). A pattern
    /// without glob characters names one file, which must exist.
    static func expand(_ pattern: String) throws(DomainSetError) -> [String] {
        let isGlob = pattern.contains { "*?[".contains($0) }
        if !isGlob { return [pattern] }
        var expansion = glob_t()
        defer { globfree(&expansion) }
        let status = glob(pattern, 0, nil, &expansion)
        if status == GLOB_NOMATCH { return [] }
        guard status == 0 else {
            throw DomainSetError(path: pattern, .badPattern(reason: status == GLOB_ABORTED ? "a directory cannot be read" : "glob error \(status)"))
        }
        var paths: [String] = []
        for index in 0..<Int(expansion.gl_pathc) {
            if let cString = expansion.gl_pathv[index] { paths.append(String(cString: cString)) }
        }
        return paths.sorted()
    }

    static func contents(of path: String) throws(DomainSetError) -> String {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > maximumFileSize {
                throw DomainSetError(path: path, .cannotReadDomainFile(reason: "bigger than 16 MiB"))
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as DomainSetError {
            throw error
        } catch {
            let reason = (error as NSError).localizedFailureReason
                ?? ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription
                ?? "\(error.localizedDescription)"
            throw DomainSetError(path: path, .cannotReadDomainFile(reason: reason))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DomainSetError(path: path, .cannotReadDomainFile(reason: "not UTF-8 text"))
        }
        return text
    }
}
