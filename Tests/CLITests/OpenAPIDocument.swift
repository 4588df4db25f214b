import Control
import Foundation
import HostTestKit
import Yams

/// docs/openapi.yaml, read for tests, with a small schema check of our own: `type` (with
/// `nullable`), `enum`, `required`, `properties`, `additionalProperties` and `items`, following
/// `$ref` within the document. Enough to hold every real answer to the document's word.
struct OpenAPIDocument {
  let root: [String: Any]

  init(path: String = RepositoryPaths.root + "/docs/openapi.yaml") throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    guard let root = try Yams.load(yaml: text) as? [String: Any] else {
      throw CocoaError(.fileReadCorruptFile)
    }
    self.root = root
  }

  /// `METHOD PATH` of every operation, e.g. `POST /reload/{id}`.
  var operations: Set<String> {
    var names = Set<String>()
    for (path, item) in root["paths"] as? [String: Any] ?? [:] {
      for method in (item as? [String: Any] ?? [:]).keys { names.insert("\(method.uppercased()) \(path)") }
    }
    return names
  }

  /// The schema of an operation's answer with `status`, or nil when the document lists no such
  /// status for it.
  func schema(_ method: String, _ path: String, status: Int) -> [String: Any]? {
    guard let item = (root["paths"] as? [String: Any])?[path] as? [String: Any],
      let operation = item[method.lowercased()] as? [String: Any],
      var response = (operation["responses"] as? [String: Any])?[String(status)] as? [String: Any]
    else { return nil }
    if let reference = response["$ref"] as? String { response = resolve(reference) }
    let content = response["content"] as? [String: Any]
    let json = content?["application/json"] as? [String: Any]
    return json?["schema"] as? [String: Any] ?? [:]
  }

  /// Problems of `value` against `schema`, each naming where (`$.result.slots[0].name`).
  func problems(_ value: JSONValue, _ schema: [String: Any], at place: String = "$") -> [String] {
    var schema = schema
    if let reference = schema["$ref"] as? String { schema = resolve(reference) }
    if value == .null {
      return schema["nullable"] as? Bool == true || schema.isEmpty ? [] : ["\(place) is null"]
    }
    var found: [String] = []
    if let options = schema["enum"] as? [Any] {
      let allowed = options.map { "\($0)" }
      let text: String =
        switch value {
        case .string(let string): string
        case .bool(let flag): String(flag)
        default: value.jsonText
        }
      if !allowed.contains(text) { found.append("\(place) is \(text), not one of \(allowed)") }
    }
    switch (schema["type"] as? String, value) {
    case (nil, _), ("string", .string), ("boolean", .bool), ("integer", .integer),
      ("number", .integer), ("number", .number):
      break
    case ("array", .array(let items)):
      if let itemSchema = schema["items"] as? [String: Any] {
        for (index, item) in items.enumerated() {
          found += problems(item, itemSchema, at: "\(place)[\(index)]")
        }
      }
    case ("object", .object(let members)):
      for name in schema["required"] as? [String] ?? [] where members[name] == nil {
        found.append("\(place) has no required \"\(name)\"")
      }
      let properties = schema["properties"] as? [String: Any] ?? [:]
      for (name, member) in members {
        if let propertySchema = properties[name] as? [String: Any] {
          found += problems(member, propertySchema, at: "\(place).\(name)")
        } else if let extra = schema["additionalProperties"] as? [String: Any] {
          found += problems(member, extra, at: "\(place).\(name)")
        } else if schema["additionalProperties"] as? Bool == false {
          found.append("\(place) has \"\(name)\", which the document does not allow")
        }
      }
    case (let type?, _):
      found.append("\(place) is \(value.kindName), not \(type)")
    }
    return found
  }

  private func resolve(_ reference: String) -> [String: Any] {
    var node: Any = root
    for part in reference.dropFirst(2).split(separator: "/") {
      node = (node as? [String: Any])?[String(part)] ?? [:]
    }
    return node as? [String: Any] ?? [:]
  }
}
