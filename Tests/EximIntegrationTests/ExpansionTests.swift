import Testing
import TestWorld

/// `exim -be`: the `${run}` helper and the `${dlfunc}` module give Exim the same answers.
@Suite(.enabled(if: EximPrerequisites.available, "needs root, /usr/sbin/exim (exim4-daemon-heavy) and unshare"))
struct ExpansionTests {
    /// One lookup, its arguments after the settings, and the answer the standard cache gives.
    struct Question: Sendable, CustomStringConvertible {
        var helperCommand: String
        var function: String
        var arguments: [String]
        var answer: String?

        var description: String { "\(helperCommand) \(arguments.joined(separator: " "))" }
    }

    static let questions: [Question] = [
        Question(helperCommand: "policy", function: "mtasts_policy", arguments: ["enforce.test"], answer: "enforce"),
        Question(helperCommand: "policy", function: "mtasts_policy", arguments: ["testing.test"], answer: "testing"),
        Question(helperCommand: "policy", function: "mtasts_policy", arguments: ["none.test"], answer: "none"),
        Question(helperCommand: "policy", function: "mtasts_policy", arguments: ["failed.test"], answer: "fail"),
        Question(helperCommand: "policy", function: "mtasts_policy", arguments: ["miss.test"], answer: "none"),
        Question(helperCommand: "policy", function: "mtasts_policy", arguments: ["ENFORCE.test"], answer: "enforce"),
        Question(helperCommand: "valid-mx", function: "mtasts_valid_mx",
                 arguments: ["enforce.test", "mx1.enforce.test"], answer: ""),
        Question(helperCommand: "valid-mx", function: "mtasts_valid_mx",
                 arguments: ["enforce.test", "mx2.enforce.test"], answer: "do_not_connect:no_match"),
        Question(helperCommand: "valid-mx", function: "mtasts_valid_mx",
                 arguments: ["testing.test", "mx2.testing.test"], answer: nil),
        Question(helperCommand: "valid-mx", function: "mtasts_valid_mx",
                 arguments: ["miss.test", "mx1.miss.test"], answer: ""),
        Question(helperCommand: "mx-list", function: "mtasts_mx_hostlist", arguments: ["enforce.test"],
                 answer: "mx1.enforce.test"),
        Question(helperCommand: "mx-list", function: "mtasts_mx_hostlist", arguments: ["miss.test"], answer: nil),
    ]

    @Test("${run} and ${dlfunc} answer alike")
    func formsAgree() throws {
        try #require(EximPrerequisites.moduleBuilt, Comment(rawValue: EximPrerequisites.moduleMissing))
        let sandbox = try EximSandbox(world: nil, settings: EximSettings())
        try TestCache.write(TestCache.standardEntries(), to: sandbox.cachePath)
        try sandbox.handToEximUser()
        // The macros as the snippets define them, so the test asks what the routers ask.
        let settings = "MTASTS_LOOKUP_SETTINGS"
        let run = Self.questions.map { question in
            "${run{MTASTS_HELPER_PATH \(settings) \(question.helperCommand) \(question.arguments.joined(separator: " "))}{$value}{$value}}"
        }
        let dlfunc = Self.questions.map { question in
            "${dlfunc{MTASTS_MODULE_PATH}{\(question.function)}"
                + question.arguments.map { "{\($0)}" }.joined() + "{\(settings)}}"
        }
        let runAnswers = try sandbox.expand(run)
        let dlfuncAnswers = try sandbox.expand(dlfunc)
        for (index, question) in Self.questions.enumerated() {
            #expect(runAnswers[index] != nil, "${run} failed for \(question)")
            #expect(runAnswers[index] == dlfuncAnswers[index], "\(question): run \(String(describing: runAnswers[index])), dlfunc \(String(describing: dlfuncAnswers[index]))")
            if let answer = question.answer {
                #expect(runAnswers[index] == answer, "\(question)")
            }
        }
    }
}
