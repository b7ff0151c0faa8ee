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
	memset(t, 0, sizeof *t);
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
	for (int c = 0; c < t->n_columns; c++) {
		if (c)
			fputc(',', fp);
		csv_field(fp, t->columns[c].name);
	}
	fputc('\n', fp);
	for (int r = 0; r < t->n_rows; r++) {
		for (int c = 0; c < t->n_columns; c++) {
			if (c)
				fputc(',', fp);
			csv_field(fp, cell(t, r, c));
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
	int *width = calloc((size_t)t->n_columns, sizeof *width);
	char head[128];

	if (!width)
		return;
	for (int c = 0; c < t->n_columns; c++) {
		header_text(&t->columns[c], head, sizeof head);
		width[c] = (int)strlen(head);
		for (int r = 0; r < t->n_rows; r++) {
			int w = (int)strlen(cell(t, r, c));
			if (w > width[c])
				width[c] = w;
		}
	}
	for (int c = 0; c < t->n_columns; c++) {
		header_text(&t->columns[c], head, sizeof head);
		fprintf(fp, "%s%*s", c ? "  " : "", t->columns[c].numeric ? width[c] : -width[c],
			head);
	}
	fputc('\n', fp);
	for (int r = 0; r < t->n_rows; r++) {
		for (int c = 0; c < t->n_columns; c++) {
			const char *s = *cell(t, r, c) ? cell(t, r, c) : "-";
			fprintf(fp, "%s%*s", c ? "  " : "",
				t->columns[c].numeric ? width[c] : -width[c], s);
		}
		fputc('\n', fp);
	}
	free(width);
}

static void json_string(FILE *fp, const char *s)
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
	for (int c = 0; c < t->n_columns; c++) {
		const char *s = cell(t, r, c);
		fprintf(fp, "%s\n%*s", c ? "," : "", indent + 2, "");
		json_string(fp, t->columns[c].name);
		fputs(": ", fp);
		if (!t->columns[c].numeric)
			json_string(fp, s);
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
