import CGPIOD
import Glibc
import Synchronization

/// A `GPIOLineSource` over a real GPIO chip through libgpiod v1 (the character device
/// `/dev/gpiochipN`; Linux 4.8 or later, 5.5 or later for the bias flags).
///
/// `init` opens the chip, so a machine without it fails at once with `chipUnavailable`, naming
/// the device and the system's reason. Requests and writes fail with `requestFailed`,
/// `noSuchLine` or `lineFailed` naming the line and its role; nothing here traps.
///
/// Threads: as `GPIOLineSource` describes. Two locks keep libgpiod's objects (which are not
/// thread-safe) to one thread at a time: the button's lock is held while `waitForEdge` blocks,
/// the chip's lock around everything else that touches the chip or an output line, so LED
/// writes never wait for the button. `close` takes both (button first), so it waits for a
/// running `waitForEdge` to time out. Call `StatusLights.update(.off)` before `close` to leave
/// the LEDs dark: a released line keeps its level on most chips, but that is not promised.
public final class LibgpiodLineSource: GPIOLineSource {
  // Sendable is checked by the compiler: `let`s of Sendable types, mutable state in Mutexes.

  /// The chip as given: a name under /dev or an absolute path.
  public let chip: String
  private let handles: Mutex<ChipHandles>
  private let button: Mutex<ButtonHandle>

  /// A libgpiod line. @unchecked Sendable: the pointer is only handed from the chip's lock to
  /// the button's (in `requestButton`, which holds both) and used only under one of them.
  private struct LineHandle: @unchecked Sendable {
    let pointer: OpaquePointer
  }

  /// libgpiod's chip and output lines; the line pointers belong to the chip.
  private struct ChipHandles {
    var chip: OpaquePointer?
    var lineCount: Int
    var outputs: [UInt32: OpaquePointer] = [:]
    var buttonLine: UInt32?
  }

  /// The button's line, used only under its own lock.
  private struct ButtonHandle {
    var line: LineHandle?
    var offset: UInt32?
    var closed = false
  }

  /// Opens `chip`: "gpiochip0" (under /dev) or an absolute path such as "/dev/gpiochip0".
  /// Throws `chipUnavailable` with `errno` when it cannot (ENOENT: no such chip here).
  public init(chip: String) throws(GPIOError) {
    guard !chip.isEmpty, !chip.utf8.contains(0) else {
      throw .chipUnavailable(chip: chip, errno: ENOENT)
    }
    let opened = chip.hasPrefix("/") ? gpiod_chip_open(chip) : gpiod_chip_open_by_name(chip)
    guard let opened else { throw .chipUnavailable(chip: chip, errno: errno) }
    self.chip = chip
    self.handles = Mutex(
      ChipHandles(chip: opened, lineCount: Int(gpiod_chip_num_lines(opened))))
    self.button = Mutex(ButtonHandle())
  }

  deinit {
    close()
  }

  public func requestButton(line: UInt32, bias: GPIOBias, consumer: String) throws(GPIOError) {
    let chip = self.chip
    try button.withLock { (button: inout ButtonHandle) throws(GPIOError) in
      guard !button.closed else { throw .closed(chip: chip) }
      guard button.line == nil else {
        throw .alreadyRequested(chip: chip, line: line, role: .killButton)
      }
      button.line = try handles.withLock { (handles: inout ChipHandles) throws(GPIOError) in
        let handle = try Self.line(line, role: .killButton, in: &handles, chip: chip)
        let result = gpiod_line_request_both_edges_events_flags(
          handle, consumer, Self.flags(for: bias))
        guard result == 0 else {
          throw .requestFailed(chip: chip, line: line, role: .killButton, errno: errno)
        }
        handles.buttonLine = line
        return LineHandle(pointer: handle)
      }
      button.offset = line
    }
  }

  public func waitForEdge(timeout: Duration) throws(GPIOError) -> GPIOEdgeEvent? {
    let chip = self.chip
    return try button.withLock { (button: inout ButtonHandle) throws(GPIOError) in
      guard !button.closed else { throw .closed(chip: chip) }
      guard let line = button.line?.pointer, let offset = button.offset else {
        throw .notRequested(chip: chip, line: nil, role: .killButton)
      }
      let nanoseconds = max(0, timeout.saturatingNanoseconds)
      var limit = timespec(
        tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
      switch gpiod_line_event_wait(line, &limit) {
      case 0:
        return nil
      case 1:
        var event = gpiod_line_event()
        guard gpiod_line_event_read(line, &event) == 0 else {
          throw .lineFailed(chip: chip, line: offset, action: "read an edge from", errno: errno)
        }
        let timestamp = Int64(event.ts.tv_sec) * 1_000_000_000 + Int64(event.ts.tv_nsec)
        let edge: GPIOEdge =
          event.event_type == Int32(GPIOD_LINE_EVENT_RISING_EDGE) ? .rising : .falling
        return GPIOEdgeEvent(edge: edge, timestamp: timestamp)
      default:
        let code = errno
        guard code != EINTR else { return nil }
        throw .lineFailed(chip: chip, line: offset, action: "wait for an edge on", errno: code)
      }
    }
  }

  public func requestOutput(line: UInt32, initialValue: Bool, consumer: String) throws(GPIOError) {
    let chip = self.chip
    try handles.withLock { (handles: inout ChipHandles) throws(GPIOError) in
      let handle = try Self.line(line, role: .statusLight, in: &handles, chip: chip)
      guard gpiod_line_request_output(handle, consumer, initialValue ? 1 : 0) == 0 else {
        throw .requestFailed(chip: chip, line: line, role: .statusLight, errno: errno)
      }
      handles.outputs[line] = handle
    }
  }

  public func setOutput(line: UInt32, value: Bool) throws(GPIOError) {
    let chip = self.chip
    try handles.withLock { (handles: inout ChipHandles) throws(GPIOError) in
      guard handles.chip != nil else { throw .closed(chip: chip) }
      guard let handle = handles.outputs[line] else {
        throw .notRequested(chip: chip, line: line, role: .statusLight)
      }
      guard gpiod_line_set_value(handle, value ? 1 : 0) == 0 else {
        throw .lineFailed(chip: chip, line: line, action: "set", errno: errno)
      }
    }
  }

  public func close() {
    button.withLock { button in
      handles.withLock { handles in
        guard let chip = handles.chip else { return }
        if let line = button.line { gpiod_line_release(line.pointer) }
        for line in handles.outputs.values { gpiod_line_release(line) }
        handles.outputs = [:]
        handles.buttonLine = nil
        gpiod_chip_close(chip)
        handles.chip = nil
      }
      button.line = nil
      button.closed = true
    }
  }

  /// The chip's handle for `offset`, which must exist and not be requested by this source yet.
  private static func line(
    _ offset: UInt32, role: GPIOLineRole, in handles: inout ChipHandles, chip: String
  ) throws(GPIOError) -> OpaquePointer {
    guard let chipHandle = handles.chip else { throw .closed(chip: chip) }
    guard Int(offset) < handles.lineCount else {
      throw .noSuchLine(chip: chip, line: offset, role: role, lineCount: handles.lineCount)
    }
    guard handles.outputs[offset] == nil, handles.buttonLine != offset else {
      throw .alreadyRequested(chip: chip, line: offset, role: role)
    }
    guard let handle = gpiod_chip_get_line(chipHandle, offset) else {
      throw .requestFailed(chip: chip, line: offset, role: role, errno: errno)
    }
    return handle
  }

  /// libgpiod's request flags for `bias`.
  private static func flags(for bias: GPIOBias) -> Int32 {
    switch bias {
    case .asIs: 0
    case .disabled: Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE)
    case .pullUp: Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP)
    case .pullDown: Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN)
    }
  }
}
