import Foundation
import Testing
import Yams
@testable import ProbationModel
@testable import ProbationRules

/// The JSON Schemas in schemas/ accept every shipped scenario and regime, refuse unknown keys,
/// and list exactly the keys the reader accepts.
@Suite struct SchemaTests {
    static func load(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Repository.root.appendingPathComponent(path))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// A small validator for the subset of JSON Schema the two schemas use.
    struct Validator {
        let root: [String: Any]

        func errors(_ value: Any, _ schema: [String: Any], _ path: String = "") -> [String] {
            if let ref = schema["$ref"] as? String {
                let name = String(ref.split(separator: "/").last!)
                return errors(value, (root["$defs"] as! [String: Any])[name] as! [String: Any], path)
            }
            var out: [String] = []
            if let options = schema["oneOf"] as? [[String: Any]] {
                let passing = options.filter { errors(value, $0, path).isEmpty }.count
                if passing != 1 { out.append("\(path): matches \(passing) of the oneOf options") }
            }
            if let o = value as? [String: Any] {
                for r in schema["required"] as? [String] ?? [] where o[r] == nil { out.append("\(path): missing '\(r)'") }
            }
            if let e = schema["enum"] as? [Any], !e.contains(where: { "\($0)" == "\(value)" }) { out.append("\(path): '\(value)' not in enum") }
            switch schema["type"] as? String {
            case "object":
                guard let o = value as? [String: Any] else { return out + ["\(path): expected an object"] }
                let props = schema["properties"] as? [String: Any] ?? [:]
                for (k, v) in o {
                    if let p = props[k] as? [String: Any] { out += errors(v, p, path + "." + k) }
                    else if schema["additionalProperties"] as? Bool == false { out.append("\(path): unknown key '\(k)'") }
                    else if let extra = schema["additionalProperties"] as? [String: Any] { out += errors(v, extra, path + "." + k) }
                }
                if let n = schema["maxProperties"] as? Int, o.count > n { out.append("\(path): too many keys") }
                if let n = schema["minProperties"] as? Int, o.count < n { out.append("\(path): too few keys") }
            case "array":
                guard let a = value as? [Any] else { return out + ["\(path): expected an array"] }
                if let n = schema["minItems"] as? Int, a.count < n { out.append("\(path): too few items") }
                if let items = schema["items"] as? [String: Any] { for (i, v) in a.enumerated() { out += errors(v, items, "\(path)[\(i)]") } }
            case "string":
                if value is Date { break }
                guard let s = value as? String else { return out + ["\(path): expected a string"] }
                if let p = schema["pattern"] as? String, s.range(of: p, options: .regularExpression) == nil { out.append("\(path): '\(s)' does not match \(p)") }
            case "number", "integer":
                guard !(value is Bool), let x = (value as? Int).map(Double.init) ?? (value as? Double) else { return out + ["\(path): expected a number"] }
                if schema["type"] as? String == "integer" && x != x.rounded() { out.append("\(path): expected an integer") }
                if let m = schema["minimum"] as? Double, x < m { out.append("\(path): below minimum") }
                if let m = schema["maximum"] as? Double, x > m { out.append("\(path): above maximum") }
                if let m = schema["exclusiveMinimum"] as? Double, x <= m { out.append("\(path): not above \(m)") }
            case "boolean":
                if !(value is Bool) { out.append("\(path): expected true or false") }
            default: break
            }
            return out
        }
    }

    @Test func shippedFilesMatchTheirSchemas() throws {
        let scenarioSchema = try SchemaTests.load("schemas/scenario.schema.json")
        let regimeSchema = try SchemaTests.load("schemas/regime.schema.json")
        let folder = Repository.root.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 7)
        for f in files {
            let value = try Yams.load(yaml: String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8))!
            #expect(Validator(root: scenarioSchema).errors(value, scenarioSchema) == [], "\(f)")
        }
        var regimeTexts = RegimeLoader.builtInNames.map { RegimeLoader.builtInText($0)! }
        regimeTexts.append(try String(contentsOf: folder.appendingPathComponent("regimes/ns2021-high-risk-fortnightly.yaml"), encoding: .utf8))
        for text in regimeTexts {
            let value = try Yams.load(yaml: text)!
            #expect(Validator(root: regimeSchema).errors(value, regimeSchema) == [])
        }
        let bad = try Yams.load(yaml: "name: x\nstart: 2025-01-01\nreplicatons: 3\n")!
        #expect(Validator(root: scenarioSchema).errors(bad, scenarioSchema) == [": unknown key 'replicatons'"])
    }

    @Test func schemaListsExactlyTheReadersKeys() throws {
        let schema = try SchemaTests.load("schemas/scenario.schema.json")
        let props = Set((schema["properties"] as! [String: Any]).keys)
        #expect(props == Set(ScenarioReader.topKeys))
        let activities = ((schema["properties"] as! [String: Any])["activities"] as! [String: Any])["properties"] as! [String: Any]
        #expect(Set(activities.keys) == Set(ActivityTable.builtIn.kinds.map(\.id) + [ActivityTable.legacyVolumeKey]))
    }
}
