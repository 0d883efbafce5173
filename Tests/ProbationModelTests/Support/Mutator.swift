import Foundation

/// SplitMix64: the test's own seeded generator for choosing mutations.
struct Mutator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }

    static let extremes = ["1e308", "-1", "0", "99999999999999999999", "nan", ".inf", "-.inf", "2/0", "0x10", "''", "~", "[]", "{}", "1e-320", "-0"]

    mutating func mutate(_ text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        for _ in 0...below(3) {
            guard !lines.isEmpty else { break }
            let i = below(lines.count)
            switch below(7) {
            case 0: lines.remove(at: i)
            case 1:
                let j = below(lines.count)
                let a = lines[i].split(separator: ":", maxSplits: 1), b = lines[j].split(separator: ":", maxSplits: 1)
                if a.count == 2 && b.count == 2 { lines[i] = "\(a[0]):\(b[1])"; lines[j] = "\(b[0]):\(a[1])" }
            case 2: lines[i] = String(repeating: " ", count: below(7)) + lines[i].trimmingCharacters(in: .whitespaces)
            case 3:
                let bytes = (0..<(1 + below(12))).map { _ in Character(Unicode.Scalar(UInt8(below(256)))) }
                var l = lines[i]
                l.insert(contentsOf: bytes, at: l.index(l.startIndex, offsetBy: below(l.count + 1)))
                lines[i] = l
            case 4:
                if let r = lines[i].range(of: #"-?[0-9]+(\.[0-9]+)?"#, options: .regularExpression) {
                    lines[i].replaceSubrange(r, with: Mutator.extremes[below(Mutator.extremes.count)])
                }
            case 5: lines.insert(lines[i], at: i)
            default:
                if let c = lines[i].indices.randomElementSeeded(&self) { lines[i].remove(at: c) }
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension DefaultIndices where Elements == String {
    func randomElementSeeded(_ m: inout Mutator) -> String.Index? {
        guard !isEmpty else { return nil }
        return self[index(startIndex, offsetBy: m.below(count))]
    }
}
