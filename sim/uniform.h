/* uniform.h: uniformly distributed b-bit values from rng.h's stream.
 *
 * n values over the b-bit two's complement range (binary: -1 or +1), b bits
 * of a 64-bit draw each: a draw makes 64 / b values, eight at a time, the
 * bytes of a word whose lanes each take b bits of the draw (value j of a
 * lane comes from bits j * b up of its byte).  *state advances by the draws
 * taken, as rng_next would.  Machine independent: bytes are stored by
 * shifts, lowest first.  bits: 1, 2, 4 or 8.
 */
#ifndef DEXSIM_UNIFORM_H
#define DEXSIM_UNIFORM_H

#include <stdbool.h>
#include <stdint.h>

void uniform_values(int8_t *dst, int64_t n, int bits, bool binary, uint64_t *state);

#endif
