#define _GNU_SOURCE
#include "sealed_file.h"

#include <fcntl.h>
#include <sys/mman.h>

static const int all_seals = F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL;

int th_sealed_file_create(const char *name) {
  return memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
}

int th_sealed_file_seal(int descriptor) {
  return fcntl(descriptor, F_ADD_SEALS, all_seals);
}

int th_sealed_file_is_sealed(int descriptor) {
  int seals = fcntl(descriptor, F_GET_SEALS);
  if (seals < 0) return -1;
  return (seals & all_seals) == all_seals ? 1 : 0;
}
