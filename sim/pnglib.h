/* pnglib.h: libpng, loaded when the first PNG picture is read (lazylib.h).
 */
#ifndef DEXSIM_PNGLIB_H
#define DEXSIM_PNGLIB_H

#include <png.h>

#include "diag.h"

struct pnglib {
	__typeof__(png_image_begin_read_from_memory) *begin_read_from_memory;
	__typeof__(png_image_finish_read) *finish_read;
	__typeof__(png_image_free) *free;
};

/* The library's functions, loaded on the first call; NULL with the reason in
 * d when libpng cannot be loaded. */
const struct pnglib *pnglib(struct diag *d);

#endif
