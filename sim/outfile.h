/* outfile.h: report output that is never left half-written.
 *
 * A report to a file is written to a temporary file beside it and renamed
 * into place only when complete, so a failed run leaves no partial output.
 */
#ifndef DEXSIM_OUTFILE_H
#define DEXSIM_OUTFILE_H

#include <stdio.h>

#include "diag.h"

struct outfile {
	FILE *fp;
	char path[4096];     /* final name; empty for standard output */
	char tmppath[4096];
};

/* path NULL or "-" means standard output. */
int outfile_open(struct outfile *o, const char *path, struct diag *d);
/* Flushes and moves the file into place. */
int outfile_commit(struct outfile *o, struct diag *d);
/* Removes the temporary file (after an error). */
void outfile_abort(struct outfile *o);

#endif
