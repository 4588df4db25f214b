#if canImport(Glibc)
  import Glibc
#endif

/// The permission bits of `path` (`st_mode & 0o7777`, no file type; a symbolic link's own, not
/// its target's), or nil when nothing is there. For tests that check a file is private.
public func permissionBits(_ path: String) -> mode_t? {
  var status = stat()
  return lstat(path, &status) == 0 ? status.st_mode & 0o7777 : nil
}
