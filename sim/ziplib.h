/* ziplib.h: libzip, loaded when the first zip archive is read (lazylib.h).
 */
#ifndef DEXSIM_ZIPLIB_H
#define DEXSIM_ZIPLIB_H

#include <zip.h>

#include "diag.h"

struct ziplib {
	__typeof__(zip_open) *open;
	__typeof__(zip_discard) *discard;
	__typeof__(zip_error_init_with_code) *error_init_with_code;
	__typeof__(zip_error_strerror) *error_strerror;
	__typeof__(zip_error_fini) *error_fini;
	__typeof__(zip_get_num_entries) *get_num_entries;
	__typeof__(zip_get_name) *get_name;
	__typeof__(zip_name_locate) *name_locate;
	__typeof__(zip_stat_index) *stat_index;
	__typeof__(zip_fopen_index) *fopen_index;
	__typeof__(zip_fread) *fread;
	__typeof__(zip_fclose) *fclose;
};

/* The library's functions, loaded on the first call; NULL with the reason in
 * d when libzip cannot be loaded.  Once an archive is open, ziplib(NULL). */
const struct ziplib *ziplib(struct diag *d);

#endif
