/* table.h: a small table of text cells written as an aligned table, CSV or JSON.
 *
 * Reports fill a table once and choose the format only when writing, so the
 * three formats always carry the same values under the same column names.
 */
#ifndef DEXSIM_TABLE_H
#define DEXSIM_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

enum table_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

/* What a column's cells are: text, numbers (right-aligned; JSON numbers), or
 * "true"/"false" (JSON booleans).  An empty cell is JSON null. */
enum column_kind { COLUMN_TEXT, COLUMN_NUMBER, COLUMN_BOOLEAN };

struct table_column {
	const char *name;  /* stable CSV/JSON name */
	const char *unit;  /* shown in the people's table header, or NULL */
	enum column_kind kind;
};

struct table {
	int n_columns;
	const struct table_column *columns;
	int n_rows, cap_rows;
	char **cells;      /* n_rows x n_columns, each malloc'd */
	int n_shown;       /* columns written, in order: shown[]; 0: all of them */
	int *shown;
};

void table_init(struct table *t, const struct table_column *columns, int n_columns);
/* Appends a row; returns its index, or -1 when out of memory. */
int table_add_row(struct table *t);
void table_set(struct table *t, int row, int column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void table_free(struct table *t);

/* Writes only the columns named in list (comma-separated, in that order; "all"
 * for every one).  Returns -1 naming an unknown column and the table's own. */
int table_show(struct table *t, const char *list, struct diag *d);

void table_write_csv(const struct table *t, FILE *fp);
void table_write_text(const struct table *t, FILE *fp);
/* s as a JSON string, quotes and escapes included. */
void table_json_string(FILE *fp, const char *s);
/* A JSON array of row objects (or one object when as_object). */
void table_write_json(const struct table *t, FILE *fp, bool as_object, int indent);

#endif
