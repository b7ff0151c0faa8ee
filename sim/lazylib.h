/* lazylib.h: shared libraries loaded when first needed.
 *
 * Most runs read no zip archive and no PNG picture.  Loading and relocating
 * libzip (which brings libcrypto and libbz2) and libpng (with zlib) at every
 * start cost a short run a sixth and then a twentieth of its time (issue
 * 14), so they are opened on first use and their functions looked up with
 * their declared types (POSIX lets dlsym's pointer be converted to them).
 */
#ifndef DEXSIM_LAZYLIB_H
#define DEXSIM_LAZYLIB_H

#include <dlfcn.h>

#include "diag.h"

/* The library, or NULL with "cannot load SONAME to PURPOSE: why" in d (if d). */
void *lazylib_open(const char *soname, const char *purpose, struct diag *d);

/* Sets slot to the library's function `name`, unless one is already missing;
 * a function the library lacks is the one named in `missing`. */
#define LAZYLIB_LOAD(handle, slot, name, missing) \
	if (!(missing) && !((slot) = (__typeof__(slot))dlsym(handle, #name))) \
		(missing) = #name

/* After the lookups: 0, or -1 (the library closed, "SONAME has no NAME" in
 * d) when one was missing. */
int lazylib_check(void *handle, const char *soname, const char *missing, struct diag *d);

#endif
