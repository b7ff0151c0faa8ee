/* batch.h: many runs in one process, one table row each.
 *
 * Each line of the batch holds the options of one run, quoted as a shell
 * would (argsplit.h); blank lines and # comments are skipped.  The table has
 * a row per run in the order of the lines: first the options that differ
 * between lines, named as written ("--input"; "--set KEY" for an override,
 * "yes" for a flag given), then the summary's
 * columns, then status: "ok", or the run's own error, which does not stop
 * the others.  Each row holds what a separate `dexsim` run with those
 * options reports.
 */
#ifndef DEXSIM_BATCH_H
#define DEXSIM_BATCH_H

#include "diag.h"
#include "table.h"

/* path: a file, or "-" for standard input; output: a file (written
 * atomically) or NULL for standard output.  Returns the exit status: 0 when
 * the table is written, 2 when the batch cannot be read, 1 when the table
 * cannot be written; d holds the message of a failure. */
int batch_run(const char *path, enum table_format format, const char *output, struct diag *d);

#endif
