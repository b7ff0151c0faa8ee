/* yamlfile.c: libyaml documents with positions, and typed scalar readers. */
#define _POSIX_C_SOURCE 200809L
#include "yamlfile.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readfile.h"

static int parse_failure(struct yamlfile *f, yaml_parser_t *p, struct diag *d)
{
	return diag_fail(d, "%s:%zu:%zu: YAML syntax error: %s%s%s", f->origin,
			 p->problem_mark.line + 1, p->problem_mark.column + 1,
			 p->problem ? p->problem : "unreadable document",
			 p->context ? " " : "", p->context ? p->context : "");
}

/* What a document may cost: real descriptions nest 5 deep and have a few
 * thousand nodes; these limits stop a self-referring anchor, a deep nest or
 * an alias bomb before anything walks the document. */
#define YAML_MAX_BYTES (64L << 20)
#define YAML_MAX_DEPTH 64
#define YAML_MAX_NODES 1000000L
#define YAML_MAX_ANCHORS 4096

/* An anchor's node as an alias repeats it: its nodes and its depth, and its
 * node in the document. */
struct anchor {
	char *name;
	long nodes;
	int depth;
	bool open; /* still being read: an alias to it would be inside itself */
	int node;
};

/* A collection being read: its node, the key of a mapping pair waiting for
 * its value (0: none), where its anchor is, and the nodes and depth (aliases
 * expanded) of what it holds so far. */
struct open_node {
	int node, key;
	int anchor; /* index into anchors, or -1 */
	long nodes;
	int depth;
};

/* The document being built from the event stream, and what it has cost. */
struct loader {
	struct yamlfile *f;
	struct anchor *anchors; /* grown as anchors come: most documents have none */
	int n_anchors, anchors_held;
	struct open_node stack[YAML_MAX_DEPTH + 1];
	int depth;
	long nodes;     /* of the whole document, aliases expanded */
	int documents;
};

static int over(struct loader *b, const yaml_event_t *e, struct diag *d, const char *what)
{
	return diag_fail(d, "%s:%zu:%zu: %s", b->f->origin, e->start_mark.line + 1,
			 e->start_mark.column + 1, what);
}

static int find_anchor(const struct loader *b, const char *name)
{
	for (int i = b->n_anchors - 1; i >= 0; i--)
		if (strcmp(b->anchors[i].name, name) == 0)
			return i;
	return -1;
}

/* A finished node of `nodes` nodes and `depth` levels joins its parent. */
static int add_node(struct loader *b, const yaml_event_t *e, long nodes, int depth, struct diag *d)
{
	b->nodes += nodes;
	if (b->nodes > YAML_MAX_NODES)
		return over(b, e, d, "the document expands to more than 1000000 nodes (aliases "
			    "repeat what they refer to)");
	if (b->depth + depth > YAML_MAX_DEPTH)
		return over(b, e, d, "the document nests more than 64 levels deep");
	if (b->depth > 0) {
		struct open_node *parent = &b->stack[b->depth - 1];
		parent->nodes += nodes;
		if (depth + 1 > parent->depth)
			parent->depth = depth + 1;
	}
	return 0;
}

/* A new anchor's index, or -2 after an error. */
static int define_anchor(struct loader *b, const yaml_event_t *e, const yaml_char_t *name,
			 bool open, int node, struct diag *d)
{
	if (b->n_anchors == YAML_MAX_ANCHORS) {
		over(b, e, d, "more than 4096 anchors");
		return -2;
	}
	if (b->n_anchors == b->anchors_held) {
		int held = b->anchors_held ? 2 * b->anchors_held : 16;
		struct anchor *more = realloc(b->anchors, (size_t)held * sizeof *more);
		if (!more) {
			diag_fail(d, "out of memory");
			return -2;
		}
		b->anchors = more;
		b->anchors_held = held;
	}
	struct anchor *a = &b->anchors[b->n_anchors];
	a->name = strdup((const char *)name);
	if (!a->name) {
		diag_fail(d, "out of memory");
		return -2;
	}
	*a = (struct anchor){ a->name, 1, 1, open, node };
	return b->n_anchors++;
}

/* A new node of the document, where the event is; 0 when out of memory. */
static int new_node(struct loader *b, const yaml_event_t *e)
{
	yaml_document_t *doc = &b->f->doc;
	const yaml_char_t *tag = e->type == YAML_SCALAR_EVENT ? e->data.scalar.tag
				 : e->type == YAML_SEQUENCE_START_EVENT ? e->data.sequence_start.tag
				 : e->data.mapping_start.tag;
	int id;

	/* The non-specific tag '!' is the default one, as libyaml's loader has it. */
	if (tag && strcmp((const char *)tag, "!") == 0)
		tag = NULL;
	if (e->type == YAML_SCALAR_EVENT)
		id = yaml_document_add_scalar(doc, (yaml_char_t *)tag, e->data.scalar.value,
					      (int)e->data.scalar.length, e->data.scalar.style);
	else if (e->type == YAML_SEQUENCE_START_EVENT)
		id = yaml_document_add_sequence(doc, (yaml_char_t *)tag,
						e->data.sequence_start.style);
	else
		id = yaml_document_add_mapping(doc, (yaml_char_t *)tag,
					       e->data.mapping_start.style);
	if (id) {
		yaml_node_t *n = yaml_document_get_node(doc, id);
		n->start_mark = e->start_mark;
		n->end_mark = e->end_mark;
	}
	return id;
}

/* Node `id` becomes the root, the next item of the open list or half of the
 * open mapping's next pair.  0, or -1 when out of memory. */
static int attach(struct loader *b, int id)
{
	yaml_document_t *doc = &b->f->doc;

	if (b->depth == 0)
		return 0; /* the first node made is the root */
	struct open_node *parent = &b->stack[b->depth - 1];
	if (yaml_document_get_node(doc, parent->node)->type == YAML_SEQUENCE_NODE)
		return yaml_document_append_sequence_item(doc, parent->node, id) ? 0 : -1;
	if (!parent->key) {
		parent->key = id;
		return 0;
	}
	int key = parent->key;
	parent->key = 0;
	return yaml_document_append_mapping_pair(doc, parent->node, key, id) ? 0 : -1;
}

/* One event of the stream: within the budget, then into the document. */
static int take(struct loader *b, const yaml_event_t *e, struct diag *d)
{
	const yaml_char_t *anchor = NULL;
	int a, id;

	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1)
			return over(b, e, d, "a second document ('---'): a description is one "
				    "document");
		if (!yaml_document_initialize(&b->f->doc, NULL, NULL, NULL, 1, 1))
			return diag_fail(d, "out of memory");
		b->f->loaded = true;
		return 0;
	case YAML_ALIAS_EVENT:
		a = find_anchor(b, (const char *)e->data.alias.anchor);
		if (a < 0)
			return over(b, e, d, "an alias to an anchor not defined before it");
		if (b->anchors[a].open)
			return over(b, e, d, "an alias inside the node it refers to (the node would "
				    "contain itself)");
		if (add_node(b, e, b->anchors[a].nodes, b->anchors[a].depth, d))
			return -1;
		return attach(b, b->anchors[a].node) ? diag_fail(d, "out of memory") : 0;
	case YAML_SCALAR_EVENT:
		if (add_node(b, e, 1, 1, d))
			return -1;
		id = new_node(b, e);
		if (!id || attach(b, id))
			return diag_fail(d, "out of memory");
		if (e->data.scalar.anchor &&
		    define_anchor(b, e, e->data.scalar.anchor, false, id, d) == -2)
			return -1;
		return 0;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		anchor = e->type == YAML_SEQUENCE_START_EVENT ? e->data.sequence_start.anchor
							       : e->data.mapping_start.anchor;
		if (b->depth == YAML_MAX_DEPTH)
			return over(b, e, d, "the document nests more than 64 levels deep");
		id = new_node(b, e);
		if (!id || attach(b, id))
			return diag_fail(d, "out of memory");
		a = anchor ? define_anchor(b, e, anchor, true, id, d) : -1;
		if (a == -2)
			return -1;
		b->stack[b->depth++] = (struct open_node){ id, 0, a, 1, 1 };
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: {
		struct open_node done = b->stack[--b->depth];
		yaml_document_get_node(&b->f->doc, done.node)->end_mark = e->end_mark;
		if (done.anchor >= 0) {
			b->anchors[done.anchor].nodes = done.nodes;
			b->anchors[done.anchor].depth = done.depth;
			b->anchors[done.anchor].open = false;
		}
		return add_node(b, e, done.nodes, done.depth, d);
	}
	default:
		return 0;
	}
}

/* Builds the document from the stream's events in one pass, counting what
 * it costs as it goes: libyaml's own loader recurses, and the document's
 * aliases are shared nodes that a walk would follow, so nothing past a limit
 * is ever built or walked. */
static int load_text(struct yamlfile *f, const char *text, size_t len, struct diag *d)
{
	struct loader *b = calloc(1, sizeof *b);
	yaml_parser_t parser;
	yaml_event_t e;
	int rc = 0;

	if (!b)
		return diag_fail(d, "out of memory");
	b->f = f;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	for (bool end = false; rc == 0 && !end;) {
		if (!yaml_parser_parse(&parser, &e)) {
			rc = parse_failure(f, &parser, d);
			break;
		}
		end = e.type == YAML_STREAM_END_EVENT;
		rc = take(b, &e, d);
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&parser);
	for (int i = 0; i < b->n_anchors; i++)
		free(b->anchors[i].name);
	free(b->anchors);
	free(b);
	if (rc == 0 && (!f->loaded || !yaml_document_get_root_node(&f->doc)))
		rc = diag_fail(d, "%s:1:1: the document is empty", f->origin);
	if (rc)
		yamlfile_free(f); /* what was built of a document that failed */
	return rc;
}

int yamlfile_load(struct yamlfile *f, const char *path, struct diag *d)
{
	char *text;
	size_t len;
	FILE *fp;
	int rc;

	memset(f, 0, sizeof *f);
	snprintf(f->origin, sizeof f->origin, "%s", path);
	f->from_file = true;
	fp = fopen(path, "rb");
	if (!fp)
		return diag_fail(d, "%s: cannot open: %s", path, strerror(errno));
	/* Read whole (a pipe too): the parser reads the text from memory. */
	text = (char *)readfile_stream(fp, path, YAML_MAX_BYTES, &len, d);
	fclose(fp);
	if (!text)
		return -1;
	rc = load_text(f, text, len, d);
	free(text);
	return rc;
}

int yamlfile_parse(struct yamlfile *f, const char *origin, const char *text, struct diag *d)
{
	memset(f, 0, sizeof *f);
	snprintf(f->origin, sizeof f->origin, "%s", origin);
	return load_text(f, text, strlen(text), d);
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

/* A mapping's key, where it stands among the pairs. */
struct key_at {
	const char *name;
	long pair;
};

static int by_name_then_place(const void *x, const void *y)
{
	const struct key_at *a = x, *b = y;
	int c = strcmp(a->name, b->name);

	return c ? c : (a->pair > b->pair) - (a->pair < b->pair);
}

int yamlfile_mapping(const struct yamlfile *f, yaml_node_t *n, const char *key, struct diag *d)
{
	yaml_document_t *doc = (yaml_document_t *)&f->doc;
	yaml_node_pair_t *pairs = n->data.mapping.pairs.start;
	long count = n->data.mapping.pairs.top - pairs, repeat = -1, first = -1;
	struct key_at *keys;

	if (n->type != YAML_MAPPING_NODE)
		return yamlfile_fail(f, n, key, d, "expected a mapping, found %s", kind_name(n));
	keys = malloc((size_t)(count ? count : 1) * sizeof *keys);
	if (!keys)
		return diag_fail(d, "out of memory");
	for (long i = 0; i < count; i++) {
		keys[i].name = yamlfile_key(f, yaml_document_get_node(doc, pairs[i].key), d);
		keys[i].pair = i;
		if (!keys[i].name) {
			free(keys);
			return -1;
		}
	}
	/* Sorted, a repeated key follows its first use: n log n, not n^2.  The
	 * repeat reported is the earliest in the file, as a reader meets it. */
	qsort(keys, (size_t)count, sizeof *keys, by_name_then_place);
	for (long i = 1, group = 0; i < count; i++) {
		if (strcmp(keys[i].name, keys[group].name) != 0)
			group = i;
		else if (repeat < 0 || keys[i].pair < repeat)
			repeat = keys[i].pair, first = keys[group].pair;
	}
	free(keys);
	if (repeat < 0)
		return 0;
	yaml_node_t *again = yaml_document_get_node(doc, pairs[repeat].key);
	return yamlfile_fail(f, again, key, d, "key '%s' is given twice (first on line %zu)",
			     (const char *)again->data.scalar.value,
			     yaml_document_get_node(doc, pairs[first].key)->start_mark.line + 1);
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
