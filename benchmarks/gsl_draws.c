/* Times GSL's generators and exponential draws alone, in C, for the README's engine figures
 * (Performance: the cost of one draw, taus2 against MT19937).
 *
 *   cc -O2 benchmarks/gsl_draws.c -o /tmp/gsl_draws -lgsl -lgslcblas -lm && /tmp/gsl_draws
 *
 * Prints nanoseconds per call for 20 million calls of each. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <time.h>

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
    const gsl_rng_type *types[] = {gsl_rng_taus2, gsl_rng_mt19937};
    const int n = 20000000;
    double sink = 0;
    for (int k = 0; k < 2; k++) {
        gsl_rng *r = gsl_rng_alloc(types[k]);
        double t0 = seconds();
        for (int i = 0; i < n; i++) sink += gsl_rng_uniform(r);
        printf("%-8s gsl_rng_uniform        %5.2f ns\n", types[k]->name, (seconds() - t0) / n * 1e9);
        t0 = seconds();
        for (int i = 0; i < n; i++) sink += gsl_ran_exponential(r, 1.0);
        printf("%-8s gsl_ran_exponential    %5.2f ns\n", types[k]->name, (seconds() - t0) / n * 1e9);
        gsl_rng_free(r);
    }
    printf("(checksum %.3f)\n", sink);
    return 0;
}
