/* pnglib.c: libpng loaded on first use (see pnglib.h). */
#include "pnglib.h"

#include <stdbool.h>

#include "lazylib.h"

const struct pnglib *pnglib(struct diag *d)
{
	static struct pnglib lib;
	static bool loaded;
	const char *missing = NULL;
	void *handle;

	if (loaded)
		return &lib;
	handle = lazylib_open(PNG_SONAME, "read PNG pictures", d);
	if (!handle)
		return NULL;
	LAZYLIB_LOAD(handle, lib.begin_read_from_memory, png_image_begin_read_from_memory, missing);
	LAZYLIB_LOAD(handle, lib.finish_read, png_image_finish_read, missing);
	LAZYLIB_LOAD(handle, lib.free, png_image_free, missing);
	if (lazylib_check(handle, PNG_SONAME, missing, d))
		return NULL;
	loaded = true;
	return &lib;
}
