/* uniform.c: uniform b-bit values (see uniform.h).
 *
 * rng.h's generator is a counter: draw i is a function of the seed and i
 * alone.  The whole draws are made in a loop without a chain from one to the
 * next, which vectorises; the last, partial one in the usual way.
 */
#include "uniform.h"

#include "multiversion.h"
#include "rng.h"

/* The bytes of w, lowest first: one store where that is the machine's order. */
static inline void put8(int8_t *dst, uint64_t w)
{
	dst[0] = (int8_t)w;
	dst[1] = (int8_t)(w >> 8);
	dst[2] = (int8_t)(w >> 16);
	dst[3] = (int8_t)(w >> 24);
	dst[4] = (int8_t)(w >> 32);
	dst[5] = (int8_t)(w >> 40);
	dst[6] = (int8_t)(w >> 48);
	dst[7] = (int8_t)(w >> 56);
}

/* Word j of a draw: each lane v becomes v - 2^(b-1) (binary: 2v - 1).  v +
 * 128 - that borrows nothing from the next lane, and flipping the top bit
 * takes the 128 back off. */
static inline uint64_t lanes_of(uint64_t draw, int j, int bits, bool binary)
{
	const uint64_t ones = 0x0101010101010101u, top = 0x80 * ones;
	uint64_t field = ones * ((1u << bits) - 1);
	uint64_t less = ones * (binary ? 1 : 1u << (bits - 1));

	if (bits == 8)
		return draw ^ top;
	return ((((draw >> (bits * j)) & field) << binary | top) - less) ^ top;
}

/* `draws` whole draws after state; inlined with constant bits, so that the
 * words of a draw unroll. */
static inline void whole_draws(int8_t *dst, int64_t draws, int bits, bool binary, uint64_t state)
{
	for (int64_t i = 0; i < draws; i++) {
		uint64_t draw = rng_at(state, i);
		for (int j = 0; j < 8 / bits; j++)
			put8(dst + (i * (8 / bits) + j) * 8, lanes_of(draw, j, bits, binary));
	}
}

MULTIVERSION
static void draws_of_width(int8_t *dst, int64_t draws, int bits, bool binary, uint64_t state)
{
	switch (bits) {
	case 1:
		whole_draws(dst, draws, 1, binary, state);
		break;
	case 2:
		whole_draws(dst, draws, 2, false, state);
		break;
	case 4:
		whole_draws(dst, draws, 4, false, state);
		break;
	default:
		whole_draws(dst, draws, 8, false, state);
		break;
	}
}

void uniform_values(int8_t *dst, int64_t n, int bits, bool binary, uint64_t *state)
{
	int64_t per_draw = 64 / bits, draws = n / per_draw;

	draws_of_width(dst, draws, bits, binary, *state);
	rng_skip(state, draws);
	dst += draws * per_draw;
	n -= draws * per_draw;
	if (n > 0) {
		uint64_t draw = rng_next(state);
		for (int j = 0; n > 0; j++, dst += 8, n -= 8) {
			uint64_t lanes = lanes_of(draw, j, bits, binary);
			for (int e = 0; e < (n < 8 ? n : 8); e++)
				dst[e] = (int8_t)(lanes >> (8 * e));
		}
	}
}
