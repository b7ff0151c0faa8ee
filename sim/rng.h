/* rng.h: a small deterministic generator (splitmix64) for synthetic data.
 *
 * The same seed gives the same weights and inputs on every machine, so runs
 * without trained weights are reproducible and comparable.
 */
#ifndef DEXSIM_RNG_H
#define DEXSIM_RNG_H

#include <stdint.h>

#define RNG_STEP 0x9e3779b97f4a7c15u

static inline uint64_t rng_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static inline uint64_t rng_next(uint64_t *state)
{
	return rng_mix(*state += RNG_STEP);
}

/* The i-th draw after state (i from 0) without taking it: a counter, so
 * draws can be made in any order. */
static inline uint64_t rng_at(uint64_t state, int64_t i)
{
	return rng_mix(state + (uint64_t)(i + 1) * RNG_STEP);
}

/* Takes n draws unseen. */
static inline void rng_skip(uint64_t *state, int64_t n)
{
	*state += (uint64_t)n * RNG_STEP;
}

#endif
