/// How the snippets ask the cache: the `${run}` helper or the `${dlfunc}` module
/// (the snippets' `MTASTS_USE_DLFUNC` macro).
enum LookupForm: String, CaseIterable, Sendable, CustomStringConvertible {
    case run
    case dlfunc

    var description: String { rawValue }
}
