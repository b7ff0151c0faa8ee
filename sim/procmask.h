/* procmask.h: a set of accelerator processors.
 *
 * The MAX7800x masks are 64 bits, but a what-if machine may have more
 * processors (--set processors=128), so a mask holds up to PROC_MAX bits.
 */
#ifndef DEXSIM_PROCMASK_H
#define DEXSIM_PROCMASK_H

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define PROC_MAX 256
#define PROCMASK_WORDS (PROC_MAX / 64)

struct procmask {
	uint64_t w[PROCMASK_WORDS];
};

static inline void procmask_set(struct procmask *m, int p)
{
	m->w[p / 64] |= UINT64_C(1) << (p % 64);
}

static inline bool procmask_has(const struct procmask *m, int p)
{
	return (m->w[p / 64] >> (p % 64)) & 1;
}

static inline int procmask_count(const struct procmask *m)
{
	int n = 0;
	for (int i = 0; i < PROCMASK_WORDS; i++)
		n += __builtin_popcountll(m->w[i]);
	return n;
}

static inline bool procmask_empty(const struct procmask *m)
{
	return procmask_count(m) == 0;
}

/* Lowest processor in the set, or -1 if it is empty. */
static inline int procmask_first(const struct procmask *m)
{
	for (int i = 0; i < PROCMASK_WORDS; i++)
		if (m->w[i])
			return i * 64 + __builtin_ctzll(m->w[i]);
	return -1;
}

/* Highest processor in the set, or -1 if it is empty. */
static inline int procmask_last(const struct procmask *m)
{
	for (int i = PROCMASK_WORDS - 1; i >= 0; i--)
		if (m->w[i])
			return i * 64 + 63 - __builtin_clzll(m->w[i]);
	return -1;
}

/* The n processors first, first+1, ..., first+n-1. */
static inline struct procmask procmask_range(int first, int n)
{
	struct procmask m = { { 0 } };
	for (int p = first; p < first + n; p++)
		procmask_set(&m, p);
	return m;
}

/* A mask from hexadecimal digits (no 0x; the last digit is processors 0-3),
 * passing over any character in skip.  Returns 0; 1 with *bad set to the
 * first character, from the right, that is not a digit; 2 when the digits
 * name more than PROC_MAX processors. */
static inline int procmask_from_hex(struct procmask *m, const char *digits, const char *skip,
				    char *bad)
{
	int bits = 0;

	*m = (struct procmask){ { 0 } };
	*bad = '\0';
	for (const char *c = digits + strlen(digits); c-- > digits;) {
		if (strchr(skip, *c))
			continue;
		if (!isxdigit((unsigned char)*c)) {
			*bad = *c;
			return 1;
		}
		if (bits >= PROC_MAX)
			return 2;
		int v = isdigit((unsigned char)*c) ? *c - '0' : tolower((unsigned char)*c) - 'a' + 10;
		m->w[bits / 64] |= (uint64_t)v << (bits % 64);
		bits += 4;
	}
	return 0;
}

#endif
