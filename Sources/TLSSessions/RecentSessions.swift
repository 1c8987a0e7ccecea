/// The sessions of the last minute or two, by (message id, MX address): two generations of a
/// dictionary, the older one dropped whole when the log's time has moved on by a generation.
/// Lookups and insertions stay O(1) and memory stays flat whatever the log's size.
struct RecentSessions<Value> {
    /// How long a generation lasts, in log seconds; entries live between one and two of them.
    let generationSeconds: Int64
    private var current: [SessionCounter.SessionKey: Value] = [:]
    private var previous: [SessionCounter.SessionKey: Value] = [:]
    private var generationStart: Int64?

    init(generationSeconds: Int64 = 120) {
        self.generationSeconds = generationSeconds
    }

    /// Moves to log time `time`, forgetting the generation before last when a new one starts.
    mutating func advance(to time: Int64) {
        guard let start = generationStart else { generationStart = time; return }
        if time - start >= generationSeconds {
            previous = current
            current = Dictionary(minimumCapacity: previous.count)
            generationStart = time
        }
    }

    subscript(key: SessionCounter.SessionKey) -> Value? {
        get { current[key] ?? previous[key] }
        set {
            current[key] = newValue
            if newValue == nil { previous[key] = nil }
        }
    }
}
