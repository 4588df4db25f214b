import Glibc
import HostTestKit
import KillSwitch
import Testing

/// This machine has no GPIO chip: these tests show what a host gets there, which is a clear
/// error naming the chip, never a crash.
@Suite("LibgpiodLineSource: a chip that is not there is a clear error")
struct LibgpiodLineSourceTests {
  @Test func aChipNameThatDoesNotExistIsNamedWithTheSystemsReason() {
    let expected = GPIOError.chipUnavailable(chip: "gpiochip-tradehost-absent", errno: ENOENT)
    #expect(throws: expected) {
      _ = try LibgpiodLineSource(chip: "gpiochip-tradehost-absent")
    }
    #expect(
      expected.description
        == "could not open the GPIO chip /dev/gpiochip-tradehost-absent: No such file or "
        + "directory (this machine has no such GPIO chip; `gpiodetect` lists the chips there are)")
  }

  @Test func aChipPathThatDoesNotExistIsNamed() {
    #expect(throws: GPIOError.chipUnavailable(chip: "/nonexistent/gpiochip0", errno: ENOENT)) {
      _ = try LibgpiodLineSource(chip: "/nonexistent/gpiochip0")
    }
  }

  @Test func aFileThatIsNotAGPIOChipIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("gpiochip0")
    try writeFile(path, "not a chip")
    #expect {
      _ = try LibgpiodLineSource(chip: path)
    } throws: { error in
      guard case GPIOError.chipUnavailable(let chip, let code) = error else { return false }
      return chip == path && code != 0
        && (error as? GPIOError)?.description.hasPrefix("could not open the GPIO chip \(path): ")
          == true
    }
  }

  @Test(.enabled(if: !fileExists("/dev/gpiochip0"), "a machine with GPIO hardware"))
  func theDefaultChipIsMissingOnAMachineWithoutGPIO() {
    #expect(throws: GPIOError.chipUnavailable(chip: "gpiochip0", errno: ENOENT)) {
      _ = try LibgpiodLineSource(chip: GPIOConfiguration().chip)
    }
  }

  @Test func anEmptyChipNameIsRefusedWithoutCallingLibgpiod() {
    #expect(throws: GPIOError.chipUnavailable(chip: "", errno: ENOENT)) {
      _ = try LibgpiodLineSource(chip: "")
    }
  }
}
