#ifndef PROBSIM_PREFETCH_H
#define PROBSIM_PREFETCH_H

/* A cache prefetch hint, which Swift has no spelling for. The model asks for the state of the
 * next events' cases and work items while it handles the current one (see ReplicationModel.run),
 * so that their cache misses overlap its work instead of following it. A hint only: it never
 * faults and changes no result. */
static inline void probsim_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
