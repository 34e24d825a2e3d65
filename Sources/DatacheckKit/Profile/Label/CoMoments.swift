/// Streaming co-moments of two numbers (Welford), for Pearson's correlation; mergeable.
struct CoMoments: Sendable, Equatable {
  private(set) var count = 0
  private var meanX = 0.0, meanY = 0.0
  private var m2x = 0.0, m2y = 0.0, cxy = 0.0

  @inline(__always)
  mutating func observe(_ x: Double, _ y: Double) {
    count += 1
    let n = Double(count)
    let dx = x - meanX
    meanX += dx / n
    let dy = y - meanY
    meanY += dy / n
    m2x += dx * (x - meanX)
    m2y += dy * (y - meanY)
    cxy += dx * (y - meanY)
  }

  mutating func merge(_ o: CoMoments) {
    guard o.count > 0 else { return }
    guard count > 0 else { self = o; return }
    let n = Double(count + o.count)
    let dx = o.meanX - meanX, dy = o.meanY - meanY
    let weight = Double(count) * Double(o.count) / n
    m2x += o.m2x + dx * dx * weight
    m2y += o.m2y + dy * dy * weight
    cxy += o.cxy + dx * dy * weight
    meanX += dx * Double(o.count) / n
    meanY += dy * Double(o.count) / n
    count += o.count
  }

  /// Pearson's r, nil when either side is constant or there are fewer than 3 pairs.
  var correlation: Double? {
    guard count >= 3, m2x > 0, m2y > 0 else { return nil }
    return max(-1, min(1, cxy / (m2x * m2y).squareRoot()))
  }
}
