/* rng.h: a small deterministic generator (splitmix64) for synthetic data.
 *
 * The same seed gives the same weights and inputs on every machine, so runs
 * without trained weights are reproducible and comparable.
 */
#ifndef DEXSIM_RNG_H
#define DEXSIM_RNG_H

#include <stdint.h>

static inline uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

#endif
