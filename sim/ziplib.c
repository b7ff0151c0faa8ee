/* ziplib.c: libzip loaded on first use (see ziplib.h). */
#include "ziplib.h"

#include <stdbool.h>

#include "lazylib.h"

const struct ziplib *ziplib(struct diag *d)
{
	static struct ziplib lib;
	static bool loaded;
	const char *missing = NULL;
	void *handle;

	if (loaded)
		return &lib;
	handle = lazylib_open(ZIP_SONAME, "read zip archives", d);
	if (!handle)
		return NULL;
	LAZYLIB_LOAD(handle, lib.open, zip_open, missing);
	LAZYLIB_LOAD(handle, lib.discard, zip_discard, missing);
	LAZYLIB_LOAD(handle, lib.error_init_with_code, zip_error_init_with_code, missing);
	LAZYLIB_LOAD(handle, lib.error_strerror, zip_error_strerror, missing);
	LAZYLIB_LOAD(handle, lib.error_fini, zip_error_fini, missing);
	LAZYLIB_LOAD(handle, lib.get_num_entries, zip_get_num_entries, missing);
	LAZYLIB_LOAD(handle, lib.get_name, zip_get_name, missing);
	LAZYLIB_LOAD(handle, lib.name_locate, zip_name_locate, missing);
	LAZYLIB_LOAD(handle, lib.stat_index, zip_stat_index, missing);
	LAZYLIB_LOAD(handle, lib.fopen_index, zip_fopen_index, missing);
	LAZYLIB_LOAD(handle, lib.fread, zip_fread, missing);
	LAZYLIB_LOAD(handle, lib.fclose, zip_fclose, missing);
	if (lazylib_check(handle, ZIP_SONAME, missing, d))
		return NULL;
	loaded = true;
	return &lib;
}
