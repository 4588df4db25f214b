#ifndef TRADEHOST_ALLOC_COUNTER_H
#define TRADEHOST_ALLOC_COUNTER_H
#include <stdint.h>

/* Heap allocations counted in this process (benchmarks only): malloc, calloc, realloc,
 * posix_memalign, aligned_alloc and memalign are wrapped around glibc's own entry points. */
uint64_t th_alloc_count(void);

#endif
