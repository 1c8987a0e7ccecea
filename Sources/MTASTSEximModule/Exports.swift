import CacheLookup
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

// The module's C interface for Exim's `${dlfunc}` (see docs/lookups.md), and its only
// pointer code: reading Exim's argv and handing back `*yield`.
//
//   ${dlfunc{/usr/lib/mtasts/libmtasts_exim.so}{mtasts_policy}{DOMAIN}{SETTINGS}}
//   ${dlfunc{...}{mtasts_valid_mx}{DOMAIN}{HOST}{SETTINGS}}
//   ${dlfunc{...}{mtasts_mx_hostlist}{DOMAIN}{SETTINGS}}
//
// SETTINGS is optional: the helper's options as one string (`--cache /path --on-miss none`).

/// Exim's return codes for dlfunc functions (local_scan.h).
enum EximStatus {
    static let ok: Int32 = 0
    static let fail: Int32 = 2
    /// Expansion fails and Exim writes a panic-log line with `*yield`: the lookup is broken.
    static let error: Int32 = 3
}

public typealias EximString = UnsafeMutablePointer<UInt8>

/// `int mtasts_policy(uschar **yield, int argc, uschar *argv[])`: DOMAIN [SETTINGS].
@_cdecl("mtasts_policy")
public func mtasts_policy(_ yield: UnsafeMutablePointer<EximString?>?, _ argc: Int32,
                          _ argv: UnsafeMutablePointer<EximString?>?) -> Int32 {
    call(yield, argc, argv, name: "mtasts_policy", questionArguments: 1) { domain, _ in .policy(domain: domain) }
}

/// `int mtasts_valid_mx(uschar **yield, int argc, uschar *argv[])`: DOMAIN HOST [SETTINGS].
@_cdecl("mtasts_valid_mx")
public func mtasts_valid_mx(_ yield: UnsafeMutablePointer<EximString?>?, _ argc: Int32,
                            _ argv: UnsafeMutablePointer<EximString?>?) -> Int32 {
    call(yield, argc, argv, name: "mtasts_valid_mx", questionArguments: 2) { .validMX(domain: $0, host: $1) }
}

/// `int mtasts_mx_hostlist(uschar **yield, int argc, uschar *argv[])`: DOMAIN [SETTINGS].
@_cdecl("mtasts_mx_hostlist")
public func mtasts_mx_hostlist(_ yield: UnsafeMutablePointer<EximString?>?, _ argc: Int32,
                               _ argv: UnsafeMutablePointer<EximString?>?) -> Int32 {
    call(yield, argc, argv, name: "mtasts_mx_hostlist", questionArguments: 1) { domain, _ in .mxList(domain: domain) }
}

/// One call, per lookup: the question's arguments become Swift strings (a host name fits a
/// small string, stored inline without allocation); the settings string is matched against
/// the previous call's bytes and reused (``SettingsTexts``), and the answer is one of the
/// strings handed out before (``AnswerStrings``).
private func call(_ yield: UnsafeMutablePointer<EximString?>?, _ argc: Int32, _ argv: UnsafeMutablePointer<EximString?>?,
                  name: String, questionArguments: Int, _ question: (String, String) -> LookupQuestion) -> Int32 {
    guard let yield else { return EximStatus.error }
    var count = 0
    if let argv, argc > 0, argc <= 8 {
        while count < Int(argc), argv[count] != nil { count += 1 }
    }
    guard let argv, count == questionArguments || count == questionArguments + 1 else {
        let expected = questionArguments == 2 ? "DOMAIN, HOST" : "DOMAIN"
        yield.pointee = AnswerStrings.shared.string(
            "error:\(name) takes \(expected) and optionally a settings string, not \(count) arguments")
        return EximStatus.error
    }
    let domain = text(argv[0])
    let host = questionArguments == 2 ? text(argv[1]) : ""
    let settingsText = count > questionArguments ? SettingsTexts.shared.text(argv[questionArguments]) : ""
    switch ModuleState.shared.answer(question(domain, host), settingsText: settingsText) {
    case .failure(let error):
        yield.pointee = AnswerStrings.shared.string("error:\(name) settings: \(error)")
        return EximStatus.error
    case .success(let answer):
        yield.pointee = AnswerStrings.shared.string(answer.output)
        if case .answer = answer { return EximStatus.ok }
        return EximStatus.error
    }
}

/// A C string from Exim as Swift text (invalid UTF-8 repaired; the lookups refuse it anyway).
private func text(_ pointer: EximString?) -> String {
    guard let pointer else { return "" }
    return String(decoding: UnsafeBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
}

/// The settings argument as text. Exim configurations pass the same settings string on every
/// call, so the previous call's bytes are kept and, when equal, its `String` is handed back:
/// no allocation, and ``ModuleState`` compares it with its own copy by identity.
final class SettingsTexts: Sendable {
    static let shared = SettingsTexts()

    private struct Last: Sendable {
        var bytes: [UInt8] = []
        var text = ""
    }

    private let last = Mutex(Last())

    func text(_ pointer: EximString?) -> String {
        guard let pointer else { return "" }
        let length = strlen(pointer)
        return last.withLock { last in
            let same = last.bytes.count == length && last.bytes.withUnsafeBufferPointer {
                memcmp($0.baseAddress!, pointer, length) == 0
            }
            if !same {
                last.bytes = Array(UnsafeBufferPointer(start: pointer, count: length))
                last.text = String(decoding: last.bytes, as: UTF8.self)
            }
            return last.text
        }
    }
}

/// The strings handed to Exim as `*yield`. Exim's own store is not available to a dlfunc, and
/// Exim keeps an error message after the call, so each distinct string is copied once into
/// malloc'd memory that is never freed and reused for every later call (the answers are a
/// small set: the fixed words, a domain's mx list, error sentences). Past a bound, strings are
/// still malloc'd and never freed, a few bytes per call; a process that reached the bound is
/// asking for thousands of distinct domains' mx lists and will be replaced by Exim soon.
final class AnswerStrings: Sendable {
    static let shared = AnswerStrings()
    static let maximumEntries = 4096

    private struct Table: @unchecked Sendable {
        /// The fixed answers, found by comparison before any hashing.
        var fixed: [(text: String, pointer: EximString)]
        var strings: [String: EximString] = [:]
    }

    private let table = Mutex(Table(fixed: [AnswerText.enforce, AnswerText.testing, AnswerText.none, "",
                                            AnswerText.noMatch, AnswerText.fail, AnswerText.dane, AnswerText.invalidHost]
        .map { ($0, AnswerStrings.copy($0)) }))

    func string(_ text: String) -> EximString {
        table.withLock { table in
            for entry in table.fixed where entry.text == text { return entry.pointer }
            if let existing = table.strings[text] { return existing }
            let copy = Self.copy(text)
            if table.strings.count < Self.maximumEntries { table.strings[text] = copy }
            return copy
        }
    }

    private static func copy(_ text: String) -> EximString {
        let bytes = Array(text.utf8)
        let pointer = malloc(bytes.count + 1)!.assumingMemoryBound(to: UInt8.self)
        for (index, byte) in bytes.enumerated() { pointer[index] = byte }
        pointer[bytes.count] = 0
        return pointer
    }
}
