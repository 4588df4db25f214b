#ifndef TRADEHOST_SEALED_FILE_H
#define TRADEHOST_SEALED_FILE_H

// Anonymous, sealable in-memory files (Linux memfd) for the plugin loader's staging: glibc
// declares memfd_create and the F_*SEAL* constants only under _GNU_SOURCE, which Swift's Glibc
// module does not see, so these three calls wrap them. Any thread; they never block.

/// A new anonymous file (`memfd_create` with MFD_CLOEXEC | MFD_ALLOW_SEALING) named `name` in
/// /proc/self/maps; a descriptor, or -1 with errno set.
int th_sealed_file_create(const char *name);

/// Seals `descriptor` for good: no write, no shrink, no grow, no further seal change (even by
/// this process). 0, or -1 with errno set.
int th_sealed_file_seal(int descriptor);

/// 1 when every seal of `th_sealed_file_seal` is on `descriptor`, 0 when not, -1 with errno set.
int th_sealed_file_is_sealed(int descriptor);

#endif
