/* datapath.h: where descriptions named by a bare name are found.
 *
 * A name with a slash, or ending in .yaml, is a path.  A bare name (max78000,
 * widenet) is SUBDIR/NAME.yaml in each directory of $DEXSIM_PATH (colon-
 * separated), then in the source tree when this code runs from its build
 * tree (an uninstalled build), else in the installed data.  An installed
 * dexsim never reads a build tree's files.
 */
#ifndef DEXSIM_DATAPATH_H
#define DEXSIM_DATAPATH_H

#include <stddef.h>

/* The description's path into out; -1 when a bare name is found nowhere. */
int datapath_find(const char *arg, const char *subdir, char *out, size_t size);

/* For a name not found: "looked in A, B; available: x, y". */
void datapath_explain(const char *subdir, char *out, size_t size);

#endif
