#ifndef PROBSIM_PREFETCH_H
#define PROBSIM_PREFETCH_H

#include <stddef.h>
#include <stdint.h>

/* A cache prefetch hint, which Swift has no spelling for. The model asks for the state of the
 * next events' work items, cases and practitioners while it handles the current one (see
 * ReplicationModel+CacheHints.swift), so that their cache misses overlap its work instead of
 * following it. A hint only: it never faults and changes no result. */
static inline void probsim_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

/* The same hint for every cache line an object of `bytes` bytes at `address` touches: an array
 * element of 44 or 72 bytes, or even of 64 bytes in an array whose storage is only 16-byte
 * aligned, usually straddles two lines, and asking for the first alone leaves the rest to miss. */
static inline void probsim_prefetch_span(const void *address, size_t bytes) {
    uintptr_t line = (uintptr_t)address & ~(uintptr_t)63;
    uintptr_t end = (uintptr_t)address + bytes;
    for (; line < end; line += 64) __builtin_prefetch((const void *)line, 1, 3);
}

#endif
