/* yamlfile.c: libyaml documents with positions, and typed scalar readers. */
#include "yamlfile.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int parse_failure(struct yamlfile *f, yaml_parser_t *p, struct diag *d)
{
	return diag_fail(d, "%s:%zu:%zu: YAML syntax error: %s%s%s", f->origin,
			 p->problem_mark.line + 1, p->problem_mark.column + 1,
			 p->problem ? p->problem : "unreadable document",
			 p->context ? " " : "", p->context ? p->context : "");
}

static int load_from_parser(struct yamlfile *f, yaml_parser_t *p, struct diag *d)
{
	if (!yaml_parser_load(p, &f->doc))
		return parse_failure(f, p, d);
	f->loaded = true;
	if (!yaml_document_get_root_node(&f->doc))
		return diag_fail(d, "%s:1:1: the document is empty", f->origin);
	return 0;
}

int yamlfile_load(struct yamlfile *f, const char *path, struct diag *d)
{
	yaml_parser_t parser;
	FILE *fp;
	int rc;

	memset(f, 0, sizeof *f);
	snprintf(f->origin, sizeof f->origin, "%s", path);
	f->from_file = true;
	fp = fopen(path, "rb");
	if (!fp)
		return diag_fail(d, "%s: cannot open: %s", path, strerror(errno));
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, fp);
	rc = load_from_parser(f, &parser, d);
	yaml_parser_delete(&parser);
	fclose(fp);
	return rc;
}

int yamlfile_parse(struct yamlfile *f, const char *origin, const char *text, struct diag *d)
{
	yaml_parser_t parser;
	int rc;

	memset(f, 0, sizeof *f);
	snprintf(f->origin, sizeof f->origin, "%s", origin);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, strlen(text));
	rc = load_from_parser(f, &parser, d);
	yaml_parser_delete(&parser);
	return rc;
}

void yamlfile_free(struct yamlfile *f)
{
	if (f->loaded)
		yaml_document_delete(&f->doc);
	f->loaded = false;
}

yaml_node_t *yamlfile_root(struct yamlfile *f)
{
	return yaml_document_get_root_node(&f->doc);
}

yaml_node_t *yamlfile_node(struct yamlfile *f, int id)
{
	return yaml_document_get_node(&f->doc, id);
}

int yamlfile_fail(const struct yamlfile *f, const yaml_node_t *n, const char *key,
		  struct diag *d, const char *fmt, ...)
{
	char what[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (!f->from_file)
		return diag_fail(d, "%s: %s", f->origin, what);
	if (key && *key)
		return diag_fail(d, "%s:%zu:%zu: %s: %s", f->origin, n->start_mark.line + 1,
				 n->start_mark.column + 1, key, what);
	return diag_fail(d, "%s:%zu:%zu: %s", f->origin, n->start_mark.line + 1,
			 n->start_mark.column + 1, what);
}

static const char *kind_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return "a scalar";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

const char *yamlfile_key(const struct yamlfile *f, yaml_node_t *keynode, struct diag *d)
{
	if (keynode->type != YAML_SCALAR_NODE) {
		yamlfile_fail(f, keynode, NULL, d, "a key must be a plain name, found %s",
			      kind_name(keynode));
		return NULL;
	}
	return (const char *)keynode->data.scalar.value;
}

int yamlfile_mapping(const struct yamlfile *f, yaml_node_t *n, const char *key, struct diag *d)
{
	yaml_document_t *doc = (yaml_document_t *)&f->doc;

	if (n->type != YAML_MAPPING_NODE)
		return yamlfile_fail(f, n, key, d, "expected a mapping, found %s", kind_name(n));
	for (yaml_node_pair_t *a = n->data.mapping.pairs.start; a < n->data.mapping.pairs.top; a++) {
		yaml_node_t *ka = yaml_document_get_node(doc, a->key);
		const char *name = yamlfile_key(f, ka, d);
		if (!name)
			return -1;
		for (yaml_node_pair_t *b = n->data.mapping.pairs.start; b < a; b++) {
			yaml_node_t *kb = yaml_document_get_node(doc, b->key);
			if (kb->type == YAML_SCALAR_NODE &&
			    strcmp((const char *)kb->data.scalar.value, name) == 0)
				return yamlfile_fail(f, ka, key, d,
						     "key '%s' is given twice (first on line %zu)",
						     name, kb->start_mark.line + 1);
		}
	}
	return 0;
}

int yamlfile_sequence(const struct yamlfile *f, yaml_node_t *n, const char *key, struct diag *d)
{
	if (n->type != YAML_SEQUENCE_NODE)
		return yamlfile_fail(f, n, key, d, "expected a list, found %s", kind_name(n));
	return 0;
}

const char *yamlfile_text(const struct yamlfile *f, yaml_node_t *n, const char *key,
			  struct diag *d)
{
	if (n->type != YAML_SCALAR_NODE) {
		yamlfile_fail(f, n, key, d, "expected a single value, found %s", kind_name(n));
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

int yamlfile_int(const struct yamlfile *f, yaml_node_t *n, const char *key, long long min,
		 long long max, long long *out, struct diag *d)
{
	const char *text = yamlfile_text(f, n, key, d);
	char *end;
	long long v;

	if (!text)
		return -1;
	errno = 0;
	v = strtoll(text, &end, 0);
	if (end == text || *end != '\0' || errno == ERANGE)
		return yamlfile_fail(f, n, key, d, "expected an integer, found '%s'", text);
	if (v < min || v > max)
		return yamlfile_fail(f, n, key, d, "%lld is out of range [%lld, %lld]", v, min, max);
	*out = v;
	return 0;
}

int yamlfile_pair(const struct yamlfile *f, yaml_node_t *n, const char *key, int min, int max,
		  int *rows, int *columns, struct diag *d)
{
	yaml_node_item_t *items;
	long long h, w;

	if (n->type == YAML_SCALAR_NODE) {
		if (yamlfile_int(f, n, key, min, max, &h, d))
			return -1;
		*rows = *columns = (int)h;
		return 0;
	}
	if (yamlfile_sequence(f, n, key, d))
		return -1;
	items = n->data.sequence.items.start;
	if (n->data.sequence.items.top - items != 2)
		return yamlfile_fail(f, n, key, d, "expected N or [rows, columns]");
	if (yamlfile_int(f, yamlfile_node((struct yamlfile *)f, items[0]), key, min, max, &h, d) ||
	    yamlfile_int(f, yamlfile_node((struct yamlfile *)f, items[1]), key, min, max, &w, d))
		return -1;
	*rows = (int)h;
	*columns = (int)w;
	return 0;
}

int yamlfile_offset(const struct yamlfile *f, yaml_node_t *n, const char *key, long *out,
		    struct diag *d)
{
	long long v;

	if (yamlfile_int(f, n, key, 0, 1 << 24, &v, d))
		return -1;
	if (v % 4)
		return yamlfile_fail(f, n, key, d,
				     "0x%llx is not a multiple of 4 (offsets address 32-bit words)",
				     v);
	*out = (long)v;
	return 0;
}

int yamlfile_real(const struct yamlfile *f, yaml_node_t *n, const char *key, double min,
		  double max, double *out, struct diag *d)
{
	const char *text = yamlfile_text(f, n, key, d);
	char *end;
	double v;

	if (!text)
		return -1;
	errno = 0;
	v = strtod(text, &end);
	if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v))
		return yamlfile_fail(f, n, key, d, "expected a number, found '%s'", text);
	if (v < min || v > max)
		return yamlfile_fail(f, n, key, d, "%g is out of range [%g, %g]", v, min, max);
	*out = v;
	return 0;
}

int yamlfile_bool(const struct yamlfile *f, yaml_node_t *n, const char *key, bool *out,
		  struct diag *d)
{
	const char *text = yamlfile_text(f, n, key, d);

	if (!text)
		return -1;
	/* YAML 1.1 spellings, in any case, as the vendor's PyYAML reads them. */
	if (!strcasecmp(text, "true") || !strcasecmp(text, "yes") || !strcasecmp(text, "on")) {
		*out = true;
		return 0;
	}
	if (!strcasecmp(text, "false") || !strcasecmp(text, "no") || !strcasecmp(text, "off")) {
		*out = false;
		return 0;
	}
	return yamlfile_fail(f, n, key, d, "expected true or false, found '%s'", text);
}
