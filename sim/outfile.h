/* outfile.h: report output that is never left half-written.
 *
 * A report to a regular file is written to a temporary file beside it and
 * renamed into place only when complete, so a failed run leaves no partial
 * output.  Through a symbolic link, the link's target is replaced (or made,
 * when it does not exist yet).  A device, FIFO or socket is written directly:
 * renaming over it would replace the node itself (as root, --output /dev/null
 * would replace /dev/null).
 */
#ifndef DEXSIM_OUTFILE_H
#define DEXSIM_OUTFILE_H

#include <stdio.h>

#include "diag.h"

struct outfile {
	FILE *fp;
	char path[4096];     /* final name; empty for standard output */
	char tmppath[4096];  /* empty when written directly */
};

/* path NULL or "-" means standard output. */
int outfile_open(struct outfile *o, const char *path, struct diag *d);
/* Flushes and moves the file into place. */
int outfile_commit(struct outfile *o, struct diag *d);
/* Removes the temporary file (after an error). */
void outfile_abort(struct outfile *o);

#endif
