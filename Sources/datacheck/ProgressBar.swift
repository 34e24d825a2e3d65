import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on stderr, shown only when stderr is a terminal and the input is large.
///
/// Redraws at most ten times a second and erases itself when done.
final class ProgressBar {
  static let minimumBytes = 64 << 20
  private var lastDraw = 0.0
  private var shown = false
  private let enabled: Bool

  init(enabled: Bool = Terminal.isTTY(STDERR_FILENO)) { self.enabled = enabled }

  func update(read: Int, total: Int?) {
    guard enabled, let total, total >= ProgressBar.minimumBytes else { return }
    let now = Date().timeIntervalSince1970
    guard now - lastDraw >= 0.1 else { return }
    lastDraw = now
    let fraction = min(1, Double(read) / Double(total))
    let cells = 30
    let filled = Int(fraction * Double(cells))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
    let text = "\r\(bar) \(Int(fraction * 100))%  \(read >> 20) / \(total >> 20) MiB"
    fputs(text, stderr)
    shown = true
  }

  /// Runs `work` with this bar as its progress, erasing the bar whatever happens.
  func run<T>(_ work: (@escaping (Int, Int?) -> Void) throws -> T) rethrows -> T {
    defer { finish() }
    return try work { [self] in update(read: $0, total: $1) }
  }

  func finish() {
    guard shown else { return }
    fputs("\r\u{1B}[2K", stderr)
    shown = false
  }
}
