import Foundation

/// The statistics behind the metric rows: trivial baselines and confidence interval widths.
enum MetricStatistics {
  static let z95 = 1.959964

  /// What a trivial model reaches from the labels alone (see the README table).
  ///
  /// `majority`: the majority share; `prevalence`: the positive class's share; `classes`: how many;
  /// `spread`: the target's standard deviation (rmse of the mean) and `mad`: its mean absolute
  /// deviation from the median (mae of the median).
  static func baseline(_ metric: Goal.Metric, majority: Double, prevalence: Double, classes: Int,
                       spread: Double?, mad: Double?) -> (value: Double, model: String)? {
    switch metric {
    case .accuracy: return (majority, "always predicting the majority class")
    case .balancedAccuracy: return (1 / Double(max(2, classes)), "any constant prediction")
    case .auc: return (0.5, "a random or constant score")
    case .precision: return (prevalence, "predicting every row positive")
    case .recall: return (1, "predicting every row positive")
    case .f1: return (2 * prevalence / (1 + prevalence), "predicting every row positive")
    case .rmse: return spread.map { ($0, "predicting the mean") }
    case .mae: return mad.map { ($0, "predicting the median") }
    }
  }

  /// Half-width of the Wilson 95 % interval of a proportion `p` measured on `n` rows.
  static func wilsonHalfWidth(p: Double, n: Int) -> Double {
    guard n > 0 else { return .infinity }
    let n = Double(n), z2 = z95 * z95
    return z95 * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
  }

  /// Half-width of the 95 % interval of an AUC (Hanley & McNeil 1982) with n1 positives, n0 negatives.
  static func aucHalfWidth(auc a: Double, positives n1: Int, negatives n0: Int) -> Double {
    guard n1 > 0, n0 > 0 else { return .infinity }
    let q1 = a / (2 - a), q2 = 2 * a * a / (1 + a)
    let variance = (a * (1 - a) + Double(n1 - 1) * (q1 - a * a) + Double(n0 - 1) * (q2 - a * a)) / Double(n1 * n0)
    return z95 * max(0, variance).squareRoot()
  }

  /// Half-width of the 95 % interval of an error metric around `value`, on n rows (normal errors:
  /// RMSE's relative standard error is 1/√(2n), MAE's is √(π/2 − 1)/√n).
  static func errorHalfWidth(_ metric: Goal.Metric, value: Double, n: Int) -> Double {
    guard n > 0 else { return .infinity }
    let relative = metric == .rmse ? 1 / (2 * Double(n)).squareRoot() : (Double.pi / 2 - 1).squareRoot() / Double(n).squareRoot()
    return z95 * value * relative
  }

  /// The smallest n for which `halfWidth(n)` ≤ `tolerance` (doubling, then bisection).
  static func rowsNeeded(tolerance: Double, _ halfWidth: (Int) -> Double) -> Int? {
    var high = 1
    while halfWidth(high) > tolerance {
      high *= 2
      if high > 1 << 40 { return nil }
    }
    var low = high / 2
    while low + 1 < high {
      let mid = (low + high) / 2
      if halfWidth(mid) > tolerance { low = mid } else { high = mid }
    }
    return high
  }
}
