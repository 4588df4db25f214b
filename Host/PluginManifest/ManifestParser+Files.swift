import Foundation
import YAMLSupport

extension ManifestParser {
  /// Reads the file at `path` and parses it.
  ///
  /// A path that does not exist, is not a regular file (after following symlinks), cannot be
  /// read, is larger than `maximumSize` or is not UTF-8 gives exactly one problem; the not-UTF-8
  /// problem carries the line and column of the first bad byte.
  public static func load(path: String) -> Result<Manifest, ManifestError> {
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return .failure(ManifestError(file: path, message: "the file does not exist"))
    }
    if isDirectory.boolValue {
      return .failure(
        ManifestError(file: path, message: "this is a directory, not a manifest file"))
    }
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    guard let attributes = try? fileManager.attributesOfItem(atPath: resolved),
      attributes[.type] as? FileAttributeType == .typeRegular
    else {
      return .failure(ManifestError(file: path, message: "this is not a regular file"))
    }
    if let size = attributes[.size] as? Int, size > maximumSize {
      return .failure(
        ManifestError(file: path, message: "the file is larger than \(maximumSize) bytes"))
    }
    guard let data = fileManager.contents(atPath: path) else {
      return .failure(ManifestError(file: path, message: "the file cannot be read"))
    }
    let bytes = [UInt8](data)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let (offset, prefix) = validUTF8Prefix(bytes)
      let place = SourcePosition.of(
        scalarOffset: prefix.unicodeScalars.count, in: Array(prefix.unicodeScalars))
      return .failure(
        ManifestError(problems: [
          ManifestProblem(
            file: path, line: place.line, column: place.column,
            message: "the file is not UTF-8 text (invalid byte at offset \(offset))"
          )
        ]))
    }
    return parse(text, file: path)
  }

  /// The paths of the manifests directly inside `directory`: files named `*.yaml` or `*.yml`
  /// (not starting with `.`), sorted by name in byte order, each as `directory/name`.
  ///
  /// - Throws: One problem if `directory` does not exist, is not a directory or cannot be listed.
  public static func manifestFiles(in directory: String) throws(ManifestError) -> [String] {
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
      throw ManifestError(file: directory, message: "the manifest folder does not exist")
    }
    guard isDirectory.boolValue else {
      throw ManifestError(file: directory, message: "the manifest folder is not a directory")
    }
    let names: [String]
    do {
      names = try fileManager.contentsOfDirectory(atPath: directory)
    } catch {
      throw ManifestError(file: directory, message: "the manifest folder cannot be listed")
    }
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    return
      names
      .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
      .sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
      .map { base + $0 }
      .filter { path in
        var isFolder: ObjCBool = false
        return !(fileManager.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue)
      }
  }

  /// The byte offset of the first invalid UTF-8 sequence in `bytes`, and the text before it.
  private static func validUTF8Prefix(_ bytes: [UInt8]) -> (Int, String) {
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    var offset = 0
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): offset += UTF8.width(scalar)
      case .emptyInput, .error: break decoding
      }
    }
    return (offset, String(decoding: bytes[0..<offset], as: UTF8.self))
  }
}
