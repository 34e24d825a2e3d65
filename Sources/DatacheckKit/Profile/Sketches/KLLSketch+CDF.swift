/// Reading a KLL sketch as a distribution: the CDF and the mean absolute deviation.
extension KLLSketch {
  /// The share of values ≤ x (within the sketch's rank error).
  func cdf(_ x: Double) -> Double {
    guard count > 0 else { return 0 }
    var below = 0
    for (h, level) in levels.enumerated() { below += level.lazy.filter { $0 <= x }.count << h }
    return Double(below) / Double(count)
  }

  /// The mean absolute deviation from `center` (from the median: the MAE of predicting the median).
  func meanAbsoluteDeviation(from center: Double) -> Double? {
    guard count > 0 else { return nil }
    return weightedItems().reduce(0) { $0 + abs($1.value - center) * Double($1.weight) } / Double(count)
  }
}
