import Foundation

/// A JSON value with ordered keys, written with fixed precision so that outputs are byte-stable.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text() == b.text() }

    /// A number, or null when it is not finite.
    package static func num(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }

    /// The value under a key of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The value at a dotted path (`standards.monthly-f2f.met_rate`).
    public func at(path: String) -> JSONValue? {
        var v: JSONValue? = self
        for part in path.split(separator: ".") { v = v?[String(part)] }
        return v
    }

    public var doubleValue: Double? {
        switch self {
        case .number(let x): return x
        case .int(let i): return Double(i)
        default: return nil
        }
    }

    /// Numbers have at most 4 decimal places (trailing zeros dropped).
    public static func format(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        var s = String(format: "%.4f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// JSON text; `indent` nil gives one line.
    public func text(indent: Int? = 2, level: Int = 0) -> String {
        let pad = indent.map { String(repeating: " ", count: $0 * (level + 1)) } ?? ""
        let closePad = indent.map { String(repeating: " ", count: $0 * level) } ?? ""
        let nl = indent == nil ? "" : "\n"
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return JSONValue.format(x)
        case .int(let i): return String(i)
        case .string(let s): return JSONValue.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .number = $0 { return true }; if case .int = $0 { return true }; return false }) {
                return "[" + items.map { $0.text(indent: nil) }.joined(separator: ", ") + "]"
            }
            return "[" + nl + items.map { pad + $0.text(indent: indent, level: level + 1) }.joined(separator: "," + nl) + nl + closePad + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            let sep = indent == nil ? ":" : ": "
            return "{" + nl + pairs.map { pad + JSONValue.quote($0.0) + sep + $0.1.text(indent: indent, level: level + 1) }.joined(separator: "," + nl) + nl + closePad + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
