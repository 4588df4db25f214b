/// Identifies the Swift toolchain that compiled this image.
///
/// Linux Swift has no stable ABI, so a plugin written in Swift must be built by the same toolchain
/// as the host that loads it. Both sides embed this identifier: plugins in their descriptor
/// (through PluginKit), the host in its loader, and manifests of Swift plugins repeat it in their
/// `toolchain` key. The loader refuses a Swift plugin whose toolchain differs from its own.
///
/// The value is fixed at compile time; reading it never blocks and is safe from any thread.
public enum PluginToolchain {
  /// `swift-MAJOR.MINOR.PATCH` of the compiler that built this image, e.g. `swift-6.3.1`.
  public static let current: String = compilerVersion

  /// The language of a Swift-built image, as the ABI names it.
  public static let language = "swift"
}

// `#if compiler` is the only compile-time view of the compiler's version; the ladder below names
// every release this code base supports. A newer compiler reports itself as `swift-6.4-or-later`,
// which matches itself but never an older build.
#if compiler(>=6.4)
  private let compilerVersion = "swift-6.4-or-later"
#elseif compiler(>=6.3.3)
  private let compilerVersion = "swift-6.3.3"
#elseif compiler(>=6.3.2)
  private let compilerVersion = "swift-6.3.2"
#elseif compiler(>=6.3.1)
  private let compilerVersion = "swift-6.3.1"
#elseif compiler(>=6.3)
  private let compilerVersion = "swift-6.3.0"
#elseif compiler(>=6.2.3)
  private let compilerVersion = "swift-6.2.3"
#elseif compiler(>=6.2.2)
  private let compilerVersion = "swift-6.2.2"
#elseif compiler(>=6.2.1)
  private let compilerVersion = "swift-6.2.1"
#elseif compiler(>=6.2)
  private let compilerVersion = "swift-6.2.0"
#elseif compiler(>=6.1.2)
  private let compilerVersion = "swift-6.1.2"
#elseif compiler(>=6.1.1)
  private let compilerVersion = "swift-6.1.1"
#elseif compiler(>=6.1)
  private let compilerVersion = "swift-6.1.0"
#else
  private let compilerVersion = "swift-6.0"
#endif
