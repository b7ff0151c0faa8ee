/* lazylib.c: shared libraries loaded when first needed (see lazylib.h). */
#include "lazylib.h"

void *lazylib_open(const char *soname, const char *purpose, struct diag *d)
{
	void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!handle && d)
		diag_fail(d, "cannot load %s to %s: %s", soname, purpose, dlerror());
	return handle;
}

int lazylib_check(void *handle, const char *soname, const char *missing, struct diag *d)
{
	if (!missing)
		return 0;
	if (d)
		diag_fail(d, "%s has no %s", soname, missing);
	dlclose(handle);
	return -1;
}
