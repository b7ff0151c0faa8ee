/* options.h: the command line's options, parsed and checked.
 *
 * The command line and each line of a batch (batch.h) are parsed alike, so a
 * batch point means exactly what the same options mean to a separate run.
 */
#ifndef DEXSIM_OPTIONS_H
#define DEXSIM_OPTIONS_H

#include <stdbool.h>

#include "diag.h"
#include "report.h"
#include "session.h"

#define OPTIONS_MAX_SETS 256   /* --set options in one run */
#define OPTIONS_MAX_GIVEN 512  /* options on one command line */

/* One option as given: its long name and its argument ("" for a flag). */
struct option_given {
	const char *name;
	const char *value;
};

struct options {
	char config_path[4096], net_path[4096];
	const char *sets[OPTIONS_MAX_SETS];
	struct session_spec spec;
	const char *dump;        /* directory, or NULL */
	const char *output;
	const char *timeline;    /* trace-event JSON, or NULL */
	const char *vcd;         /* VCD waveforms, or NULL */
	const char *batch;       /* a file of runs, "-" for standard input, or NULL */
	const char *columns;     /* --columns, or NULL */
	bool help, version;
	enum report_kind kind;
	enum table_format format;
	struct option_given given[OPTIONS_MAX_GIVEN];  /* in command-line order */
	int n_given;
};

/* Parses argv (argv[0] is the program) into o, checking what one run needs
 * unless --help, --version or --batch was given.  The strings stay argv's.
 * Returns 0, or -1 with a usage error in d. */
int options_parse(struct options *o, int argc, char **argv, struct diag *d);

/* The error for a bare name not found (datapath.h): where it was looked for
 * and the names there.  Returns -1. */
int options_not_found(const char *option, const char *name, const char *subdir, struct diag *d);

/* The configuration's name for reports: its file name without directory and .yaml. */
void options_config_name(const char *config_path, char *out, size_t size);

#endif
