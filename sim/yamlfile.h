/* yamlfile.h: a parsed YAML document that remembers where each value came from.
 *
 * Both description loaders (hardware and network) and --set overrides read
 * their values through these helpers, so every complaint names the file,
 * line, column and key path of the offending value.
 */
#ifndef DEXSIM_YAMLFILE_H
#define DEXSIM_YAMLFILE_H

#include <stdbool.h>
#include <yaml.h>

#include "diag.h"

struct yamlfile {
	char origin[512]; /* file path, or a label such as "--set clock_mhz" */
	yaml_document_t doc;
	bool from_file;   /* positions are worth reporting only for files */
	bool loaded;
};

int yamlfile_load(struct yamlfile *f, const char *path, struct diag *d);
int yamlfile_parse(struct yamlfile *f, const char *origin, const char *text, struct diag *d);
void yamlfile_free(struct yamlfile *f);

yaml_node_t *yamlfile_root(struct yamlfile *f);
yaml_node_t *yamlfile_node(struct yamlfile *f, int id);

/* Reports a problem with node n (at key path key) and returns -1. */
int yamlfile_fail(const struct yamlfile *f, const yaml_node_t *n, const char *key,
		  struct diag *d, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Requires n to be a mapping without repeated keys. */
int yamlfile_mapping(const struct yamlfile *f, yaml_node_t *n, const char *key, struct diag *d);
int yamlfile_sequence(const struct yamlfile *f, yaml_node_t *n, const char *key, struct diag *d);

/* Scalar readers; each checks the type and the range. */
int yamlfile_int(const struct yamlfile *f, yaml_node_t *n, const char *key, long long min,
		 long long max, long long *out, struct diag *d);
int yamlfile_real(const struct yamlfile *f, yaml_node_t *n, const char *key, double min,
		  double max, double *out, struct diag *d);
int yamlfile_bool(const struct yamlfile *f, yaml_node_t *n, const char *key, bool *out,
		  struct diag *d);
/* A size written as N or [ROWS, COLUMNS], each from min to max. */
int yamlfile_pair(const struct yamlfile *f, yaml_node_t *n, const char *key, int min, int max,
		  int *rows, int *columns, struct diag *d);
/* A byte offset into a data-memory instance: a multiple of 4 (a word). */
int yamlfile_offset(const struct yamlfile *f, yaml_node_t *n, const char *key, long *out,
		    struct diag *d);
/* Returns the scalar's text, or NULL after reporting that n is not a scalar. */
const char *yamlfile_text(const struct yamlfile *f, yaml_node_t *n, const char *key,
			  struct diag *d);

/* Text of a mapping key node (keys are always scalars here). */
const char *yamlfile_key(const struct yamlfile *f, yaml_node_t *keynode, struct diag *d);

#endif
