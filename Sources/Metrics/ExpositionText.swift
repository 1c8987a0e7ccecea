/// Renders metric families in the Prometheus text exposition format (version 0.0.4): for each
/// family a `# HELP` and a `# TYPE` line, then one `name{label="value"} value` line per sample;
/// the text ends with a newline.
public enum ExpositionText {
    public static func render(_ families: [MetricFamily]) -> String {
        var out = ""
        for family in families {
            out += "# HELP \(family.name) \(escapeHelp(family.help))\n"
            out += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            for sample in family.samples {
                out += series(family.name, sample.labels) + " " + number(sample.value) + "\n"
            }
        }
        return out
    }

    /// `name` or `name{a="x",b="y"}`.
    public static func series(_ name: String, _ labels: [MetricLabel]) -> String {
        guard !labels.isEmpty else { return name }
        return name + "{" + labels.map { "\($0.name)=\"\(escapeLabel($0.value))\"" }.joined(separator: ",") + "}"
    }

    /// Integral values without a fraction, `NaN`, `+Inf`, `-Inf`, otherwise Swift's shortest
    /// round-tripping form (which Go's ParseFloat reads).
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Label values escape backslash, double quote and line feed.
    static func escapeLabel(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// HELP text escapes backslash and line feed.
    static func escapeHelp(_ text: String) -> String {
        text.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
    }

    /// Whether `name` is a valid metric or label name (`[a-zA-Z_:][a-zA-Z0-9_:]*`; labels without `:`).
    public static func isValidName(_ name: String, label: Bool = false) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        func allowed(_ scalar: Unicode.Scalar, digits: Bool) -> Bool {
            switch scalar {
            case "a"..."z", "A"..."Z", "_": return true
            case ":": return !label
            case "0"..."9": return digits
            default: return false
            }
        }
        return allowed(first, digits: false) && name.unicodeScalars.dropFirst().allSatisfy { allowed($0, digits: true) }
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
