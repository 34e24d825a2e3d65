import Foundation

/// How a split's distributions differ from train's: new categories, feature drift, label shift.
///
/// Computed from the two splits' accumulators: exact value counts for categories (when both are
/// still exact), KLL sketches for numbers. PSI over train's deciles for numbers; Jensen–Shannon
/// divergence (base 2, from 0 to 1) for categories and classes.
public struct SplitComparison: Sendable {
  public struct Drift: Sendable {
    public var column: String
    /// `psi` or `js`.
    public var method: String
    public var value: Double
  }

  public var split: String
  /// Per categorical column: test rows whose value never occurs in train, and their share.
  public var newCategories: [(column: String, rows: Int, share: Double)] = []
  public var drift: [Drift] = []
  public var labelShift: Drift?

  /// Compares every column but `skip` (identifiers and time, which differ between splits by
  /// design) and dates (a time split moves them; `temporal_overlap` judges their order).
  static func compare(train: DatasetProfiler, test: DatasetProfiler, split: String, labelColumn: String,
                      skip: Set<String>) -> SplitComparison {
    var result = SplitComparison(split: split)
    for (a, b) in zip(train.columns, test.columns) where !skip.contains(a.name) && !a.type.isTemporal {
      let type = a.type
      if type.isNumeric {
        if let psi = Divergence.psi(reference: a.quantiles, current: b.quantiles) {
          let d = Drift(column: a.name, method: "psi", value: psi)
          if a.name == labelColumn { result.labelShift = d } else { result.drift.append(d) }
        }
        continue
      }
      guard let ours = a.counter.exactCounts(), let theirs = b.counter.exactCounts() else { continue }
      let js = Divergence.jensenShannon(ours, theirs)
      let d = Drift(column: a.name, method: "js", value: js)
      if a.name == labelColumn { result.labelShift = d; continue }
      result.drift.append(d)
      guard type == .string || type == .boolean else { continue }
      let unseen = theirs.filter { ours[$0.key] == nil }.reduce(0) { $0 + $1.value }
      let total = theirs.values.reduce(0, +)
      result.newCategories.append((a.name, unseen, total == 0 ? 0 : Double(unseen) / Double(total)))
    }
    return result
  }
}

enum Divergence {
  /// Population stability index of `current` over the deciles of `reference` (0.01 floor per bin).
  static func psi(reference: KLLSketch, current: KLLSketch) -> Double? {
    guard reference.count >= 10, current.count >= 10 else { return nil }
    let edges = reference.quantiles((1..<10).map { Double($0) / 10 }).compactMap { $0 }
    var cuts: [Double] = []
    for e in edges where cuts.last != e { cuts.append(e) }
    let shares = { (s: KLLSketch) -> [Double] in
      let cdf = cuts.map { s.cdf($0) }
      return zip([0] + cdf, cdf + [1]).map { max(0.01, $1 - $0) }
    }
    let (p, q) = (shares(reference), shares(current))
    return zip(p, q).reduce(0) { $0 + ($1.1 - $1.0) * log($1.1 / $1.0) }
  }

  /// Jensen–Shannon divergence (base 2) of two count tables keyed by value hash.
  static func jensenShannon(_ a: [UInt64: Int], _ b: [UInt64: Int]) -> Double {
    let (na, nb) = (Double(a.values.reduce(0, +)), Double(b.values.reduce(0, +)))
    guard na > 0, nb > 0 else { return 0 }
    var js = 0.0
    // In key order: a sum over a Set's order (random in each process) changes its last digits
    // from run to run, and the report must be the same every time.
    for key in Set(a.keys).union(b.keys).sorted() {
      let p = Double(a[key] ?? 0) / na, q = Double(b[key] ?? 0) / nb, m = (p + q) / 2
      if p > 0 { js += 0.5 * p * log2(p / m) }
      if q > 0 { js += 0.5 * q * log2(q / m) }
    }
    return max(0, min(1, js))
  }
}
