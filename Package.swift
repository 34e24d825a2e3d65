// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
  name: "datacheck",
  products: [
    .executable(name: "datacheck", targets: ["datacheck"]),
    .library(name: "DatacheckKit", targets: ["DatacheckKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // Yams reads goal.yaml, with the line and column of every key for located errors.
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // C libraries from Debian, kept at the edge: a modulemap and a shim header each.
    .systemLibrary(name: "CCSV", path: "Sources/CCSV"),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    // Parquet's codecs (SNAPPY, ZSTD, LZ4_RAW, BROTLI); GZIP reuses CZlib.
    .systemLibrary(name: "CSnappy", path: "Sources/CSnappy"),
    .systemLibrary(name: "CZstd", path: "Sources/CZstd"),
    .systemLibrary(name: "CLZ4", path: "Sources/CLZ4"),
    .systemLibrary(name: "CBrotli", path: "Sources/CBrotli"),
    .target(
      name: "DatacheckKit",
      dependencies: ["CCSV", "CZlib", "CSnappy", "CZstd", "CLZ4", "CBrotli", .product(name: "Yams", package: "Yams")],
      swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
    ),
    .executableTarget(
      name: "datacheck",
      dependencies: [
        "DatacheckKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The golden files are read by path (VerdictRendererTests), not bundled.
    .testTarget(name: "DatacheckKitTests", dependencies: ["DatacheckKit"], exclude: ["Snapshots"]),
    .testTarget(name: "DatacheckCLITests", dependencies: ["datacheck"]),
  ],
  swiftLanguageModes: [.v5]
)

// libFuzzer targets, one per entry point that reads hostile bytes; built only by scripts/fuzz.sh
// (DATACHECK_FUZZ=1), so `swift build` and `swift test` never see them.
if ProcessInfo.processInfo.environment["DATACHECK_FUZZ"] != nil {
  package.targets.append(.target(name: "FuzzSupport", dependencies: ["DatacheckKit"], path: "Fuzz/FuzzSupport"))
  package.targets += ["FuzzCSV", "FuzzGzip", "FuzzParquet", "FuzzGoal"].map {
    .executableTarget(name: $0, dependencies: ["DatacheckKit", "FuzzSupport"], path: "Fuzz/\($0)")
  }
}
