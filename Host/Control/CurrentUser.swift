import Glibc

/// The process's effective uid: the owner of the sockets and directories it creates, and the
/// only uid the control server serves.
func currentUserID() -> UInt32 {
  geteuid()
}
