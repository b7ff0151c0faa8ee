/* ziplib.c: libzip loaded on first use (see ziplib.h). */
#include "ziplib.h"

#include <dlfcn.h>
#include <stdbool.h>

const struct ziplib *ziplib(struct diag *d)
{
	static struct ziplib lib;
	static bool loaded;
	const char *missing = NULL;
	void *handle;

	if (loaded)
		return &lib;
	handle = dlopen(ZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		if (d)
			diag_fail(d, "cannot load %s to read zip archives: %s", ZIP_SONAME, dlerror());
		return NULL;
	}
	/* Each function by the name libzip exports it under (POSIX lets dlsym's
	 * pointer be converted to the function's type). */
#define LOAD(field, name) \
	if (!missing && !(lib.field = (__typeof__(lib.field))dlsym(handle, #name))) \
		missing = #name
	LOAD(open, zip_open);
	LOAD(discard, zip_discard);
	LOAD(error_init_with_code, zip_error_init_with_code);
	LOAD(error_strerror, zip_error_strerror);
	LOAD(error_fini, zip_error_fini);
	LOAD(get_num_entries, zip_get_num_entries);
	LOAD(get_name, zip_get_name);
	LOAD(name_locate, zip_name_locate);
	LOAD(stat_index, zip_stat_index);
	LOAD(fopen_index, zip_fopen_index);
	LOAD(fread, zip_fread);
	LOAD(fclose, zip_fclose);
#undef LOAD
	if (missing) {
		if (d)
			diag_fail(d, "%s has no %s", ZIP_SONAME, missing);
		dlclose(handle);
		return NULL;
	}
	loaded = true;
	return &lib;
}
