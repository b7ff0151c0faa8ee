/* table.c: writing report tables in three formats. */
#define _POSIX_C_SOURCE 200809L
#include "table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void table_init(struct table *t, const struct table_column *columns, int n_columns)
{
	memset(t, 0, sizeof *t);
	t->columns = columns;
	t->n_columns = n_columns;
}

int table_add_row(struct table *t)
{
	if (t->n_rows == t->cap_rows) {
		int cap = t->cap_rows ? 2 * t->cap_rows : 16;
		char **cells = realloc(t->cells, (size_t)cap * (size_t)t->n_columns * sizeof *cells);
		if (!cells)
			return -1;
		t->cells = cells;
		t->cap_rows = cap;
	}
	for (int c = 0; c < t->n_columns; c++)
		t->cells[t->n_rows * t->n_columns + c] = NULL;
	return t->n_rows++;
}

void table_set(struct table *t, int row, int column, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	char **cell = &t->cells[row * t->n_columns + column];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(*cell);
	*cell = strdup(buf);
}

static const char *cell(const struct table *t, int row, int column)
{
	const char *s = t->cells[row * t->n_columns + column];
	return s ? s : "";
}

void table_free(struct table *t)
{
	for (int i = 0; i < t->n_rows * t->n_columns; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->shown);
	memset(t, 0, sizeof *t);
}

/* The table's column names, for an error message. */
static void column_names(const struct table *t, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int c = 0; c < t->n_columns && used < size; c++) {
		int n = snprintf(out + used, size - used, "%s%s", c ? ", " : "", t->columns[c].name);
		used += n > 0 ? (size_t)n : 0;
	}
}

int table_show(struct table *t, const char *list, struct diag *d)
{
	char *copy, *save = NULL, known[1024];
	int *shown, n = 0;

	free(t->shown);
	t->shown = NULL;
	t->n_shown = 0;
	if (strcmp(list, "all") == 0)
		return 0;
	copy = strdup(list);
	shown = malloc((size_t)t->n_columns * sizeof *shown);
	if (!copy || !shown) {
		free(copy);
		free(shown);
		return diag_fail(d, "out of memory");
	}
	for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		int c = 0;
		while (c < t->n_columns && strcmp(t->columns[c].name, name) != 0)
			c++;
		if (c == t->n_columns || n == t->n_columns) {
			column_names(t, known, sizeof known);
			diag_fail(d, "--columns: no column '%s' in this report (its columns: %s)",
				  name, known);
			free(copy);
			free(shown);
			return -1;
		}
		shown[n++] = c;
	}
	free(copy);
	if (n == 0) {
		free(shown);
		return diag_fail(d, "--columns: no column named");
	}
	t->shown = shown;
	t->n_shown = n;
	return 0;
}

/* The i-th column written, and how many are. */
static int shown_count(const struct table *t)
{
	return t->n_shown ? t->n_shown : t->n_columns;
}

static int shown(const struct table *t, int i)
{
	return t->n_shown ? t->shown[i] : i;
}

static void csv_field(FILE *fp, const char *s)
{
	if (!strpbrk(s, ",\"\n")) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

void table_write_csv(const struct table *t, FILE *fp)
{
	for (int i = 0; i < shown_count(t); i++) {
		if (i)
			fputc(',', fp);
		csv_field(fp, t->columns[shown(t, i)].name);
	}
	fputc('\n', fp);
	for (int r = 0; r < t->n_rows; r++) {
		for (int i = 0; i < shown_count(t); i++) {
			if (i)
				fputc(',', fp);
			csv_field(fp, cell(t, r, shown(t, i)));
		}
		fputc('\n', fp);
	}
}

static void header_text(const struct table_column *col, char *buf, size_t size)
{
	if (col->unit)
		snprintf(buf, size, "%s[%s]", col->name, col->unit);
	else
		snprintf(buf, size, "%s", col->name);
}

void table_write_text(const struct table *t, FILE *fp)
{
	int n = shown_count(t);
	int *width = calloc((size_t)n, sizeof *width);
	char head[128];

	if (!width)
		return;
	for (int i = 0; i < n; i++) {
		header_text(&t->columns[shown(t, i)], head, sizeof head);
		width[i] = (int)strlen(head);
		for (int r = 0; r < t->n_rows; r++) {
			int w = (int)strlen(cell(t, r, shown(t, i)));
			if (w > width[i])
				width[i] = w;
		}
	}
	for (int i = 0; i < n; i++) {
		const struct table_column *col = &t->columns[shown(t, i)];
		header_text(col, head, sizeof head);
		fprintf(fp, "%s%*s", i ? "  " : "", col->kind == COLUMN_NUMBER ? width[i] : -width[i], head);
	}
	fputc('\n', fp);
	for (int r = 0; r < t->n_rows; r++) {
		for (int i = 0; i < n; i++) {
			const char *s = *cell(t, r, shown(t, i)) ? cell(t, r, shown(t, i)) : "-";
			fprintf(fp, "%s%*s", i ? "  " : "",
				t->columns[shown(t, i)].kind == COLUMN_NUMBER ? width[i] : -width[i], s);
		}
		fputc('\n', fp);
	}
	free(width);
}

void table_json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(fp, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(fp, "\\u%04x", *s);
		else
			fputc(*s, fp);
	}
	fputc('"', fp);
}

static void json_row(const struct table *t, FILE *fp, int r, int indent)
{
	fputs("{", fp);
	for (int i = 0; i < shown_count(t); i++) {
		int c = shown(t, i);
		const char *s = cell(t, r, c);
		fprintf(fp, "%s\n%*s", i ? "," : "", indent + 2, "");
		table_json_string(fp, t->columns[c].name);
		fputs(": ", fp);
		if (t->columns[c].kind == COLUMN_TEXT)
			table_json_string(fp, s);
		else
			fputs(*s ? s : "null", fp);
	}
	fprintf(fp, "\n%*s}", indent, "");
}

void table_write_json(const struct table *t, FILE *fp, bool as_object, int indent)
{
	if (as_object) {
		json_row(t, fp, 0, indent);
		return;
	}
	fputs("[", fp);
	for (int r = 0; r < t->n_rows; r++) {
		fprintf(fp, "%s\n%*s", r ? "," : "", indent + 2, "");
		json_row(t, fp, r, indent + 2);
	}
	fprintf(fp, "\n%*s]", indent, "");
}
