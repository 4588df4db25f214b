#ifndef TRADEHOST_CFFI_SHIM_H
#define TRADEHOST_CFFI_SHIM_H
/* libffi, as the host uses it: calling the functions of a C indicator library that a manifest
 * declares (docs/indicators.md, "C libraries through libffi").
 *
 * libffi's type descriptors are mutable globals (`ffi_type ffi_type_double`), which Swift 6's
 * strict concurrency refuses to read; these accessors hand out their addresses instead. libffi
 * never writes a built-in type descriptor after `ffi_prep_cif` reads it. */
#include <ffi.h>

static inline ffi_type *th_ffi_type_void(void) { return &ffi_type_void; }
static inline ffi_type *th_ffi_type_sint32(void) { return &ffi_type_sint32; }
static inline ffi_type *th_ffi_type_uint32(void) { return &ffi_type_uint32; }
static inline ffi_type *th_ffi_type_sint64(void) { return &ffi_type_sint64; }
static inline ffi_type *th_ffi_type_double(void) { return &ffi_type_double; }
static inline ffi_type *th_ffi_type_pointer(void) { return &ffi_type_pointer; }

/* FFI_DEFAULT_ABI is an enum constant built from other macros; Swift may not import it. */
static inline ffi_abi th_ffi_default_abi(void) { return FFI_DEFAULT_ABI; }
#endif
