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
