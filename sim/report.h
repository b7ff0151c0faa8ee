/* report.h: the summary (the paper's table row) and the per-layer table. */
#ifndef DEXSIM_REPORT_H
#define DEXSIM_REPORT_H

#include <stdio.h>

#include "dexsim.h"
#include "inputmode.h"
#include "mapping.h"
#include "session.h"
#include "table.h"
#include "systemc/model.h"

enum report_kind { REPORT_SUMMARY, REPORT_LAYERS, REPORT_PROCESSORS, REPORT_MEMORIES };

/* How a run was made, for the JSON report's `run` object. */
struct report_origin {
	int argc;
	char *const *argv;                 /* the whole command line */
	const struct session_spec *spec;   /* overrides, seed, the files read */
};

struct report_run {
	const char *config_name;  /* e.g. max78000 */
	const struct input_mode *input;
	double info_ratio;                 /* of the input the builder placed */
	const struct mapping *map;
	const struct model_result *model;  /* the SystemC run: cycles and statistics */
	const struct report_origin *origin; /* or NULL: no `run` object */
};

/* summary: one row; layers: one row per layer, then the summary; processors
 * (memories): one row per layer and processor (data-memory instance), idle
 * ones included, then the summary; JSON also lists every processor's and
 * instance's whole-run statistics, the sums of the per-layer rows. */
/* The summary's columns and one run's summary in row r of a table that has
 * them from column `first` on (a batch's table has its own columns around). */
int report_summary_columns(const struct table_column **columns);
void report_summary_row(struct table *t, int r, int first, const struct report_run *run);

/* The numbers behind the summary row and behind layer i's row, unrounded: what
 * the tables print and the library (dexsim.h) returns. */
void report_summarize(const struct report_run *run, struct dexsim_summary *s);
void report_layer(const struct report_run *run, int i, struct dexsim_layer *l);

/* columns: the main table's columns (comma-separated, "all"), or NULL for
 * the default: every column in CSV and JSON, a narrow set in the people's
 * table. */
void report_write(FILE *fp, const struct report_run *run, enum report_kind kind,
		  enum table_format format, const char *columns);
/* Whether columns names columns of that report: an error naming the known ones. */
int report_check_columns(enum report_kind kind, enum table_format format, const char *columns,
			 struct diag *d);

#endif
