/// A short text as a dictionary key (a message id, an IP address, a host or domain name): up
/// to 31 ASCII bytes are held in four words, so making, hashing and comparing one touch no
/// heap; a longer or non-ASCII text keeps a `String` (compared as Swift compares strings).
/// Made alike from a line's bytes and from a parsed line's `String`. The byte copies into and
/// out of the words are this file's only raw-memory code.
struct PackedText: Hashable, Sendable {
    /// The bytes in memory order, zero-padded; the last byte holds the length + 1 (0: long).
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var long: String?

    static let inlineCapacity = 31

    init(_ bytes: ArraySlice<UInt8>) {
        self = bytes.withUnsafeBytes { PackedText(packing: $0) } ?? PackedText(long: String(decoding: bytes, as: UTF8.self))
    }

    init(_ text: some StringProtocol) {
        let packed = text.utf8.withContiguousStorageIfAvailable { PackedText(packing: UnsafeRawBufferPointer($0)) }
        switch packed {
        case .some(.some(let packed)): self = packed
        case .some(.none): self = PackedText(long: String(text))
        case .none: self = PackedText(ArraySlice(text.utf8)) // not contiguous (never for a native string)
        }
    }

    private init(long: String) {
        self.long = long
    }

    /// The bytes packed, or nil when they are too many or not all ASCII.
    private init?(packing bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= Self.inlineCapacity else { return nil }
        withUnsafeMutableBytes(of: &words) { storage in
            storage.copyMemory(from: bytes)
            storage[Self.inlineCapacity] = UInt8(bytes.count + 1)
        }
        guard (words.0 | words.1 | words.2 | words.3 & 0x00FF_FFFF_FFFF_FFFF) & 0x8080_8080_8080_8080 == 0 else {
            return nil
        }
    }

    static func == (lhs: PackedText, rhs: PackedText) -> Bool {
        lhs.words == rhs.words && lhs.long == rhs.long
    }

    /// Hashes the four words in one pass of the hasher (a long text: the string).
    func hash(into hasher: inout Hasher) {
        if let long {
            hasher.combine(long)
        } else {
            withUnsafeBytes(of: words) { hasher.combine(bytes: $0) }
        }
    }

    /// Hashes two texts (a ``SessionCounter/SessionKey``) in one pass when both are packed.
    static func hash(_ first: PackedText, _ second: PackedText, into hasher: inout Hasher) {
        guard first.long == nil, second.long == nil else {
            first.hash(into: &hasher)
            second.hash(into: &hasher)
            return
        }
        withUnsafeBytes(of: (first.words, second.words)) { hasher.combine(bytes: $0) }
    }

    /// The text.
    var string: String {
        if let long { return long }
        return withUnsafeBytes(of: words) { storage in
            String(decoding: storage.prefix(Int(storage[Self.inlineCapacity]) - 1), as: UTF8.self)
        }
    }
}
