/* diag.h: one error message carried back to the command line.
 *
 * Loaders and the mapper stop at the first problem and describe it here,
 * in the form "file:line:column: key: what is wrong", so the user can find it.
 */
#ifndef DEXSIM_DIAG_H
#define DEXSIM_DIAG_H

#include <stddef.h>

struct diag {
	char msg[1024];
};

/* Formats the message into d and returns -1, so callers can `return diag_fail(...)`. */
int diag_fail(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A shape or stride as messages show it, "[64, 3, 3, 3]", into out. */
void diag_shape(const long *v, int n, char *out, size_t size);

#endif
