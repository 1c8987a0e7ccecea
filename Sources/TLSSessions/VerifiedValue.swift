/// `CV=` as the count needs it, compared without lower-casing a copy (ASCII folding is
/// enough: no other character lower-cases to a letter of `no` or `dane`).
enum VerifiedValue: Equatable {
    case no, dane, other

    init(_ text: some Collection<UInt8>) {
        if Self.equalsFolded(text, Self.noText) {
            self = .no
        } else if Self.equalsFolded(text, Self.daneText) {
            self = .dane
        } else {
            self = .other
        }
    }

    private static func equalsFolded(_ text: some Collection<UInt8>, _ lowerCase: [UInt8]) -> Bool {
        text.elementsEqual(lowerCase) { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }

    private static let noText = Array("no".utf8)
    private static let daneText = Array("dane".utf8)
}
