import Foundation
import Yams

/// HMPPS's 2021 WMT points per case by tier and case type, shipped as data (`wmt2021.yaml`,
/// with its source) and read once.
public struct WMTPoints: Sendable {
    /// Points by tier index (A3 = 0 ... D0 = 15).
    public let community: [Double]
    public let licence: [Double]
    public let custody: [Double]

    /// The shipped 2021 table.
    public static let published: WMTPoints = {
        guard let url = Bundle.module.url(forResource: "wmt2021", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              let yaml = try? Yams.load(yaml: text) as? [String: Any] else {
            fatalError("internal error: the shipped WMT table wmt2021.yaml is missing or unreadable (a packaging bug)")
        }
        func row(_ key: String) -> [Double] {
            let m = yaml[key] as? [String: Any] ?? [:]
            return CaseSpec.tierNames.map { (m[$0] as? Int).map(Double.init) ?? (m[$0] as? Double) ?? 0 }
        }
        return WMTPoints(community: row("community"), licence: row("licence"), custody: row("custody"))
    }()

    /// Tier index 0 (A3) ... 15 (D0), or 9 (C2) for an unknown name.
    public static func tierIndex(_ tier: String) -> Int { CaseSpec.tierNames.firstIndex(of: tier) ?? 9 }

    /// A case's points: community for CO/SSO, licence for licence and PSS, custody while recalled;
    /// 0 for an unpaid-work-only order.
    public func points(tier: Int, type: SentenceType, inCustody: Bool, standaloneUPW: Bool) -> Double {
        if inCustody { return custody[tier] }
        switch type {
        case .communityOrder, .suspendedSentenceOrder: return standaloneUPW ? 0 : community[tier]
        case .licence: return licence[tier]
        }
    }
}
