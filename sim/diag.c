/* diag.c: error messages for the user. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

int diag_fail(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void diag_shape(const long *v, int n, char *out, size_t size)
{
	int len = snprintf(out, size, "[");

	for (int i = 0; i < n && len < (int)size; i++)
		len += snprintf(out + len, size - (size_t)len, "%s%ld", i ? ", " : "", v[i]);
	if (len < (int)size)
		snprintf(out + len, size - (size_t)len, "]");
}
