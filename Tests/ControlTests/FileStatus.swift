import Glibc

/// The permission bits (and file type) of `path`, or nil when it does not exist.
func fileMode(_ path: String) -> mode_t? {
  var status = stat()
  return lstat(path, &status) == 0 ? status.st_mode : nil
}

/// Whether something exists at `path` (without following a symbolic link).
func exists(_ path: String) -> Bool {
  fileMode(path) != nil
}
