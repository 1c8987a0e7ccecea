/// Exim's main log, read the way TLSRPT reads it: `=>` delivered, `==` deferred lines.
struct MainLog: CustomStringConvertible {
    let text: String

    var lines: [String] { text.split(separator: "\n").map(String.init) }
    /// `=>` lines (a delivery).
    var deliveries: [String] { lines.filter { $0.contains(" => ") } }
    /// `==` lines (a deferral).
    var deferrals: [String] { lines.filter { $0.contains(" == ") } }
    /// `**` lines (a bounce).
    var failures: [String] { lines.filter { $0.contains(" ** ") } }

    func contains(_ fragment: String) -> Bool { text.contains(fragment) }

    var description: String { text }
}
