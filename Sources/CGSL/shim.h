#ifndef PROBSIM_CGSL_SHIM_H
#define PROBSIM_CGSL_SHIM_H

/* The parts of GSL that probsim uses, and static inline accessors for the
 * globals and macros that Swift 6 cannot touch directly (global variables are
 * not concurrency-safe in Swift 6 language mode). Only SimulationCore's
 * RandomStream.swift and StudentT.swift import this module. */

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>

/** The generator probsim uses (GSL's global `gsl_rng_taus2`): fast, small state, cheap to reseed. */
static inline const gsl_rng_type *probsim_gsl_rng_taus2(void) {
    return gsl_rng_taus2;
}

/** Turns GSL's default aborting error handler off for the whole process.
 *  Status codes are checked by the Swift wrapper instead. */
static inline void probsim_gsl_disable_abort(void) {
    gsl_set_error_handler_off();
}

#endif
