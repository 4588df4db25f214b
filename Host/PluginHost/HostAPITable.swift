import CTradeHostPlugin

/// What a host function answers a plugin that passes NULL where its `host_ctx` belongs.
private let invalid = th_status(TH_ERR_INVALID_ARGUMENT)

/// The `th_host_api` table every plugin instance receives. One table for the process: per-instance
/// state travels in `host_ctx` (an `InstanceContext`). Built once, never freed.
enum HostAPITable {
  /// The table. Immutable after initialisation (a lazy global, initialised once, thread-safely).
  nonisolated(unsafe) static let shared: UnsafePointer<th_host_api> = {
    let table = UnsafeMutablePointer<th_host_api>.allocate(capacity: 1)
    table.initialize(to: make())
    return UnsafePointer(table)
  }()

  private static func make() -> th_host_api {
    var api = th_host_api()
    api.struct_size = UInt32(MemoryLayout<th_host_api>.size)
    api.abi_major = HostABI.major
    api.abi_minor = HostABI.minor
    api.log = { context, level, message in
      guard let message else { return }
      InstanceContext.with(context, orElse: ()) { context in
        context.environment.log(from: context, level: level, message: String(cString: message))
      }
    }
    api.now_ns = { context in
      InstanceContext.with(context, orElse: 0) { $0.environment.now() }
    }
    api.instrument_lookup = { context, symbol, out in
      guard let symbol, let out, out.pointee.struct_size >= UInt32(MemoryLayout<UInt32>.size * 2)
      else { return th_status(TH_ERR_INVALID_ARGUMENT) }
      return InstanceContext.with(context, orElse: invalid) { context in
        guard let info = context.environment.instrument(String(cString: symbol)) else {
          return th_status(TH_ERR_NOT_FOUND)
        }
        HostAPITable.copyOut(info, to: out)
        return th_status(TH_OK)
      }
    }
    api.indicator_create = { context, id, params, count, out, error in
      guard let id, let out else { return th_status(TH_ERR_INVALID_ARGUMENT) }
      return InstanceContext.with(context, orElse: invalid) { context in
        context.registry.createChildIndicator(
          for: context, id: String(cString: id), parameters: HostAPITable.keyValues(params, count),
          out: out, error: error)
      }
    }
    api.indicator_release = { context, handle in
      InstanceContext.with(context, orElse: ()) { $0.children[handle] = nil }
    }
    api.model_create = { context, id, params, count, out, error in
      guard let id, let out else { return th_status(TH_ERR_INVALID_ARGUMENT) }
      return InstanceContext.with(context, orElse: invalid) { context in
        context.registry.createChildModel(
          for: context, id: String(cString: id), parameters: HostAPITable.keyValues(params, count),
          out: out, error: error)
      }
    }
    api.model_release = { context, handle in
      InstanceContext.with(context, orElse: ()) { $0.children[handle] = nil }
    }
    api.submit_intent = { context, intent, orderID in
      // An ABI 1.0 intent is shorter: copy what the plugin's struct_size covers into a zeroed
      // intent of this host's size (fields it lacks read as 0).
      guard let intent, intent.pointee.struct_size >= UInt32(TH_ORDER_INTENT_SIZE_1_0) else {
        return th_status(TH_ERR_INVALID_ARGUMENT)
      }
      var copy = th_order_intent()
      withUnsafeMutableBytes(of: &copy) { target in
        target.copyMemory(
          from: UnsafeRawBufferPointer(
            start: intent,
            count: min(Int(intent.pointee.struct_size), MemoryLayout<th_order_intent>.size)))
      }
      copy.struct_size = UInt32(MemoryLayout<th_order_intent>.size)
      return InstanceContext.with(context, orElse: invalid) { context in
        var id: UInt64 = 0
        let status = context.environment.submit(copy, from: context, orderID: &id)
        orderID?.pointee = id
        return status
      }
    }
    api.cancel_order = { context, orderID in
      InstanceContext.with(context, orElse: invalid) { $0.environment.cancel(orderID, from: $0) }
    }
    api.amend_order = { context, orderID, quantity, limitPrice, stopPrice in
      InstanceContext.with(context, orElse: invalid) {
        $0.environment.amend(
          orderID, quantity: quantity, limitPrice: limitPrice, stopPrice: stopPrice, from: $0)
      }
    }
    api.position = { context, instrumentID, out in
      guard let out else { return th_status(TH_ERR_INVALID_ARGUMENT) }
      return InstanceContext.with(context, orElse: invalid) { context in
        HostAPITable.copyOut(context.environment.position(instrumentID, for: context), to: out)
        return th_status(TH_OK)
      }
    }
    api.venue_emit = { context, event in
      guard let event, event.pointee.struct_size >= UInt32(MemoryLayout<th_venue_event>.size)
      else { return th_status(TH_ERR_INVALID_ARGUMENT) }
      return InstanceContext.with(context, orElse: invalid) {
        $0.environment.venueEvent(event.pointee, from: $0)
      }
    }
    return api
  }

  /// Copies a host struct into a plugin's, no further than the plugin's `struct_size` says.
  @inline(__always)
  static func copyOut<T>(_ value: T, to out: UnsafeMutablePointer<T>) {
    let capacity = Int(UnsafeRawPointer(out).loadUnaligned(as: UInt32.self))
    var value = value
    withUnsafeBytes(of: &value) { source in
      let count = min(capacity, source.count)
      UnsafeMutableRawPointer(out).copyMemory(from: source.baseAddress!, byteCount: count)
      // Keep the plugin's own struct_size: it describes its struct, not ours.
      UnsafeMutableRawPointer(out).storeBytes(of: UInt32(capacity), as: UInt32.self)
    }
  }

  static func keyValues(_ pairs: UnsafePointer<th_kv>?, _ count: UInt32)
    -> [(name: String, value: String)]
  {
    guard let pairs else { return [] }
    return (0..<Int(count)).compactMap { index in
      guard let key = pairs[index].key, let value = pairs[index].value else { return nil }
      return (String(cString: key), String(cString: value))
    }
  }
}
