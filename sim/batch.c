/* batch.c: the runs of a batch into one table (see batch.h). */
#define _POSIX_C_SOURCE 200809L
#include "batch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argsplit.h"
#include "options.h"
#include "outfile.h"
#include "report.h"
#include "session.h"

struct point {
	struct argwords words;
	char error[sizeof((struct diag *)0)->msg];  /* a line that cannot be a run */
};

/* An option's column, named as written (--input), or --set KEY for an
 * override: no summary column starts with dashes. */
struct option_column {
	char *name;
	const char **values;  /* per point; NULL where the point does not give it */
};

/* The last picture made: points of a sweep mostly share theirs, and drawing
 * or decoding it is a large part of a timing-only point. */
struct picture_cache {
	bool made;
	const char *image;  /* its --image, or NULL for the synthetic one of seed */
	unsigned long long seed;
	int size;
	struct image square;
};

struct batch {
	struct point *points;
	int n_points, cap_points;
	struct option_column *columns;
	int n_columns;
	struct picture_cache picture;
};

/* Options that make files or leave the batch: a batch writes one table. */
static const char *const not_in_a_line[] = { "batch", "output", "format", "report", "columns", "dump",
					     "timeline", "vcd", "help", "version" };

static int read_points(struct batch *b, FILE *fp, struct diag *d)
{
	char *line = NULL;
	size_t size = 0;

	while (getline(&line, &size, fp) != -1) {
		struct argwords words;
		struct diag split;
		if (argsplit(&words, "dexsim", line, &split) == 0 && words.argc == 1) {
			argwords_free(&words);  /* blank, or a comment */
			continue;
		}
		if (b->n_points == b->cap_points) {
			int cap = b->cap_points ? 2 * b->cap_points : 64;
			struct point *p = realloc(b->points, (size_t)cap * sizeof *p);
			if (!p) {
				argwords_free(&words);
				free(line);
				return diag_fail(d, "out of memory");
			}
			b->points = p;
			b->cap_points = cap;
		}
		struct point *p = &b->points[b->n_points++];
		p->words = words;
		snprintf(p->error, sizeof p->error, "%s", words.argv ? "" : split.msg);
	}
	free(line);
	return ferror(fp) ? diag_fail(d, "%s", strerror(errno)) : 0;
}

static struct option_column *column_named(struct batch *b, const char *name)
{
	for (int i = 0; i < b->n_columns; i++)
		if (strcmp(b->columns[i].name, name) == 0)
			return &b->columns[i];
	struct option_column *c = realloc(b->columns, (size_t)(b->n_columns + 1) * sizeof *c);
	if (!c)
		return NULL;
	b->columns = c;
	c = &b->columns[b->n_columns];
	*c = (struct option_column){ strdup(name), calloc((size_t)b->n_points, sizeof(char *)) };
	if (!c->name || !c->values) {
		free(c->name);
		free(c->values);
		return NULL;
	}
	b->n_columns++;
	return c;
}

static bool is_stdin(const char *path)
{
	return path && strcmp(path, "-") == 0;
}

/* Records point i's options as columns; a line that is no run gets its error. */
static int gather_options(struct batch *b, int i, struct options *o, struct diag *d)
{
	struct point *p = &b->points[i];
	struct diag parsed;

	if (p->error[0])
		return 0;
	if (options_parse(o, p->words.argc, p->words.argv, &parsed)) {
		snprintf(p->error, sizeof p->error, "%s", parsed.msg);
		return 0;
	}
	/* Standard input can be read only once, and may hold the batch itself. */
	if (is_stdin(o->spec.image) || is_stdin(o->spec.input_tensor))
		snprintf(p->error, sizeof p->error, "%s -: not in a batch line (name a file)",
			 is_stdin(o->spec.image) ? "--image" : "--input-tensor");
	for (int g = 0; g < o->n_given; g++) {
		const struct option_given *given = &o->given[g];
		for (size_t k = 0; k < sizeof not_in_a_line / sizeof not_in_a_line[0]; k++)
			if (strcmp(given->name, not_in_a_line[k]) == 0)
				snprintf(p->error, sizeof p->error,
					 "--%s: not in a batch line (the batch writes one table)",
					 given->name);
		char name[256];
		const char *value = given->value[0] ? given->value : "yes";
		snprintf(name, sizeof name, "--%s", given->name);
		if (strcmp(given->name, "set") == 0) {
			const char *eq = strchr(value, '=');
			snprintf(name, sizeof name, "--set %.*s",
				       (int)(eq ? eq - value : (long)strlen(value)), value);
			value = eq ? eq + 1 : "";
		}
		struct option_column *c = column_named(b, name);
		if (!c)
			return diag_fail(d, "out of memory");
		c->values[i] = value;
	}
	return 0;
}

static bool varies(const struct batch *b, const struct option_column *c)
{
	for (int i = 1; i < b->n_points; i++) {
		const char *x = c->values[i] ? c->values[i] : "", *y = c->values[0] ? c->values[0] : "";
		if (strcmp(x, y) != 0)
			return true;
	}
	return false;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The spec's picture from the cache, made first when the cache holds another.
 * One that cannot be made is left to session_open, to fail there in its turn.
 * Timing-only runs use a picture file's only to check it, and no synthetic one. */
static void use_picture(struct picture_cache *c, struct session_spec *spec)
{
	struct diag ignored;

	if (spec->input_tensor || (spec->timing_only && !spec->image))
		return;
	if (!(c->made && same_text(c->image, spec->image) && c->size == spec->source_size &&
	      (spec->image || c->seed == spec->seed))) {
		image_free(&c->square);
		c->made = session_picture(&c->square, spec, &ignored) == 0;
		c->image = spec->image;
		c->seed = spec->seed;
		c->size = spec->source_size;
	}
	if (c->made)
		spec->picture = &c->square;
}

/* Point i's run into row r: its summary from column `first` on, and its status. */
static void run_point(struct table *t, int r, int first, const struct point *p,
		      struct options *o, struct picture_cache *picture)
{
	int status_column = t->n_columns - 1;
	struct session s;
	struct diag d;
	char config_name[256];

	if (p->error[0]) {
		table_set(t, r, status_column, "%s", p->error);
		return;
	}
	options_parse(o, p->words.argc, p->words.argv, &d);  /* it parsed before */
	use_picture(picture, &o->spec);
	if (session_open(&s, &o->spec, &d)) {
		table_set(t, r, status_column, "%s", d.msg);
		return;
	}
	if (session_simulate(&s, o->spec.timing_only, NULL, &d)) {
		table_set(t, r, status_column, "%s", d.msg);
	} else {
		options_config_name(o->config_path, config_name, sizeof config_name);
		report_summary_row(t, r, first,
				   &(struct report_run){ config_name, &s.mode, s.info_ratio, &s.map,
							 &s.model, NULL });
		table_set(t, r, status_column, "ok");
	}
	session_close(&s);
}

static void write_table(const struct table *t, FILE *fp, enum table_format format)
{
	if (format == FORMAT_CSV)
		table_write_csv(t, fp);
	else if (format == FORMAT_TABLE)
		table_write_text(t, fp);
	else {
		table_write_json(t, fp, false, 0);
		fputc('\n', fp);
	}
}

static void batch_free(struct batch *b)
{
	for (int i = 0; i < b->n_points; i++)
		argwords_free(&b->points[i].words);
	for (int i = 0; i < b->n_columns; i++) {
		free(b->columns[i].name);
		free(b->columns[i].values);
	}
	free(b->points);
	free(b->columns);
	image_free(&b->picture.square);
}

int batch_run(const char *path, enum table_format format, const char *output, struct diag *d)
{
	struct batch b = { 0 };
	struct options *o = malloc(sizeof *o);
	struct table_column *columns = NULL;
	const struct table_column *summary;
	int n_summary = report_summary_columns(&summary), status = 2;
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");

	if (!fp) {
		free(o);
		diag_fail(d, "--batch %s: %s", path, strerror(errno));
		return 2;
	}
	if (!o || read_points(&b, fp, d))
		goto done;
	for (int i = 0; i < b.n_points; i++)
		if (gather_options(&b, i, o, d))
			goto done;

	/* The columns: the options that vary, the summary, the status. */
	columns = calloc((size_t)(b.n_columns + n_summary + 1), sizeof *columns);
	int *shown = calloc((size_t)b.n_columns + 1, sizeof *shown), n_shown = 0;
	if (!columns || !shown) {
		free(shown);
		diag_fail(d, "out of memory");
		goto done;
	}
	for (int c = 0; c < b.n_columns; c++)
		if (varies(&b, &b.columns[c])) {
			shown[n_shown] = c;
			columns[n_shown++] = (struct table_column){ b.columns[c].name, NULL, COLUMN_TEXT };
		}
	memcpy(columns + n_shown, summary, (size_t)n_summary * sizeof *columns);
	columns[n_shown + n_summary] = (struct table_column){ "status", NULL, COLUMN_TEXT };

	struct table t;
	table_init(&t, columns, n_shown + n_summary + 1);
	for (int i = 0; i < b.n_points; i++) {
		int r = table_add_row(&t);
		if (r < 0) {
			diag_fail(d, "out of memory");
			break;
		}
		for (int k = 0; k < n_shown; k++) {
			const char *v = b.columns[shown[k]].values[i];
			table_set(&t, r, k, "%s", v ? v : "");
		}
		run_point(&t, r, n_shown, &b.points[i], o, &b.picture);
	}
	free(shown);
	struct outfile out;
	if (t.n_rows == b.n_points) {
		status = 1;
		if (outfile_open(&out, output, d) == 0) {
			write_table(&t, out.fp, format);
			status = outfile_commit(&out, d) ? 1 : 0;
		}
	}
	table_free(&t);
done:
	if (!o)
		diag_fail(d, "out of memory");
	if (fp != stdin)
		fclose(fp);
	free(columns);
	free(o);
	batch_free(&b);
	return status;
}
