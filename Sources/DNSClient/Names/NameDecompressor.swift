/// Reads a possibly compressed domain name (RFC 1035 §4.1.4) from a received message,
/// refusing everything a hostile server could use to loop, overrun or exhaust us.
///
/// Rules, each failing with `malformedResponse`:
/// - a pointer must point strictly before the start of the label run that contains it
///   (the name's start, or the previous pointer's target), so targets strictly decrease and
///   a compression loop, a self-pointing pointer or a forward pointer is impossible;
/// - a pointer must not point into the 12-byte header or past the message end;
/// - labels are at most 63 bytes and the name at most 255 bytes in wire form
///   (RFC 1035 §2.3.4), which also bounds the number of jumps;
/// - the extended label types 0b01 and 0b10 (RFC 6891 §5) are refused.
enum NameDecompressor {
    static let headerLength = 12

    static func readName(from reader: inout WireReader, _ what: @autoclosure () -> String) throws(DNSError) -> DNSName {
        let message = reader.message
        let start = reader.offset
        var position = start
        // Before the first jump the name must stay inside the reader's limit (e.g. an RDATA).
        var bound = reader.limit
        var segmentStart = start
        var resumeOffset: Int?
        var labels: [[UInt8]] = []
        var wireLength = 1
        while true {
            guard position < bound else {
                throw .malformed("\(what()) starting at offset \(start) runs past the end of its data")
            }
            let length = message[position]
            switch length & 0xC0 {
            case 0xC0:
                guard position + 1 < bound else {
                    throw .malformed("\(what()) starting at offset \(start) has a compression pointer cut off at offset \(position)")
                }
                let target = Int(length & 0x3F) << 8 | Int(message[position + 1])
                guard target < segmentStart else {
                    throw .malformed("\(what()) has a compression pointer at offset \(position) to offset \(target), which is not strictly before offset \(segmentStart)")
                }
                guard target >= headerLength else {
                    throw .malformed("\(what()) has a compression pointer at offset \(position) into the message header")
                }
                if resumeOffset == nil { resumeOffset = position + 2 }
                segmentStart = target
                position = target
                bound = message.count
            case 0x00:
                if length == 0 {
                    reader.skip(to: resumeOffset ?? position + 1)
                    return DNSName(validatedLabels: labels)
                }
                let labelLength = Int(length)
                guard position + 1 + labelLength <= bound else {
                    throw .malformed("\(what()) has a \(labelLength)-byte label at offset \(position) that runs past the end of its data")
                }
                wireLength += 1 + labelLength
                guard wireLength <= DNSName.maximumWireLength else {
                    throw .malformed("\(what()) starting at offset \(start) is longer than \(DNSName.maximumWireLength) bytes")
                }
                labels.append(Array(message[position + 1...position + labelLength]))
                position += 1 + labelLength
            default:
                throw .malformed("\(what()) has label length byte 0x\(Printable.hex(length)) at offset \(position): more than 63 and not a pointer")
            }
        }
    }
}
