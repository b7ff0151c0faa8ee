/* report.h: the summary (the paper's table row) and the per-layer table. */
#ifndef DEXSIM_REPORT_H
#define DEXSIM_REPORT_H

#include <stdio.h>

#include "inputmode.h"
#include "mapping.h"
#include "table.h"

enum report_kind { REPORT_SUMMARY, REPORT_LAYERS };

struct report_run {
	const char *config_name;  /* e.g. max78000 */
	const struct input_mode *input;
	const struct mapping *map;
};

void report_write(FILE *fp, const struct report_run *run, enum report_kind kind,
		  enum table_format format);

#endif
