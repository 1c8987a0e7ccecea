import Foundation
import TestWorld

/// What the Exim tests need from the machine: root (ports 25/53, `unshare --mount`, Exim's
/// `-C`), Debian's `exim4-daemon-heavy` (`/usr/sbin/exim` and its `Debian-exim` user) and
/// util-linux's `unshare`. CI installs them with `scripts/install-deps --test`.
enum EximPrerequisites {
    static let exim = "/usr/sbin/exim"
    static let unshare = "/usr/bin/unshare"
    static let eximUser = "Debian-exim"

    static var available: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: exim)
            && FileManager.default.isExecutableFile(atPath: unshare) && getpwnam(eximUser) != nil
    }

    /// The built `${run}` helper.
    static var helper: String { TestPaths.builtProduct("mtasts-lookup") }

    /// The built `${dlfunc}` module: only `swift build --product mtasts_exim` makes it.
    static var module: String { TestPaths.builtProduct("libmtasts_exim.so") }

    static var moduleBuilt: Bool { FileManager.default.fileExists(atPath: module) }

    static let moduleMissing = "libmtasts_exim.so is not built: run `swift build --product mtasts_exim` (scripts/test does) before the tests"

    /// The shipped snippet files, included by every test configuration as they are.
    static var snippets: String { TestPaths.packageRoot + "/exim" }
}
