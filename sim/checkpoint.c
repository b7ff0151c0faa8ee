/* checkpoint.c: PyTorch checkpoints (see checkpoint.h). */
#include "checkpoint.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "pickle.h"
#include "zipentry.h"
#include "ziplib.h"

/* Pickles of real checkpoints are tens of kilobytes; this is only a sanity bound. */
#define MAX_PICKLE_BYTES (64L << 20)
/* All tensors together; the MAX78002 holds 2 MB of weights, so real
 * checkpoints stay far below, and doubles of this many take 512 MB. */
#define MAX_VALUES ((size_t)1 << 26)

struct storage_type {
	const char *global;
	int size;
	char kind;          /* f float, h half float, i signed, u unsigned or bool */
};

static const struct storage_type storage_types[] = {
	{ "torch.DoubleStorage", 8, 'f' }, { "torch.FloatStorage", 4, 'f' },
	{ "torch.HalfStorage", 2, 'h' },   { "torch.LongStorage", 8, 'i' },
	{ "torch.IntStorage", 4, 'i' },    { "torch.ShortStorage", 2, 'i' },
	{ "torch.CharStorage", 1, 'i' },   { "torch.ByteStorage", 1, 'u' },
	{ "torch.BoolStorage", 1, 'u' },
};

/* Where one tensor's values lie, as the pickle describes it. */
struct tensor_ref {
	const char *key;                    /* storage file name under <prefix>/data/ */
	const struct storage_type *type;
	int64_t numel;                      /* storage elements the pickle claims */
	int64_t offset;
	long stride[CKPT_MAX_DIMS];
	int index;                          /* into checkpoint.tensors */
};

struct loader {
	struct checkpoint *ck;
	const char *path;
	struct diag *d;
	const struct ziplib *zl;  /* libzip, loaded for the archive */
	zip_t *z;
	long archive_bytes;
	bool zip_magic;                     /* starts like a zip archive */
	char prefix[256];                   /* "archive/" */
	struct pickle pk;
	struct tensor_ref *refs;
	size_t total_values;
};

/* The archive's size bounds what its entries may claim; its first bytes tell
 * a truncated archive from something else. */
static int probe_file(struct loader *ld)
{
	FILE *fp = fopen(ld->path, "rb");
	char magic[4];

	if (!fp)
		return diag_fail(ld->d, "%s: cannot open", ld->path);
	ld->zip_magic = fread(magic, 1, 4, fp) == 4 && memcmp(magic, "PK\3\4", 4) == 0;
	if (fseek(fp, 0, SEEK_END) == 0)
		ld->archive_bytes = ftell(fp);
	fclose(fp);
	if (ld->archive_bytes <= 0)
		return diag_fail(ld->d, "%s: empty or unreadable file, not a zip file", ld->path);
	return 0;
}

static int open_zip(struct loader *ld)
{
	int zerr = 0;
	zip_error_t e;

	if (probe_file(ld) || !(ld->zl = ziplib(ld->d)))
		return -1;
	ld->z = ld->zl->open(ld->path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (ld->z)
		return 0;
	if (zerr == ZIP_ER_NOZIP && ld->zip_magic)
		return diag_fail(ld->d, "%s: truncated or corrupt zip file (no central directory)",
				 ld->path);
	if (zerr == ZIP_ER_NOZIP)
		return diag_fail(ld->d, "%s: not a zip file (PyTorch's legacy format is not "
				 "supported)", ld->path);
	ld->zl->error_init_with_code(&e, zerr);
	diag_fail(ld->d, "%s: cannot read the zip archive: %s", ld->path,
		  ld->zl->error_strerror(&e));
	ld->zl->error_fini(&e);
	return -1;
}

/* The archive's folder is the directory of its data.pkl, whatever its name. */
static int find_pickle(struct loader *ld, zip_uint64_t *index)
{
	static const char pkl[] = "/data.pkl";
	zip_int64_t n = ld->zl->get_num_entries(ld->z, 0);

	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = ld->zl->get_name(ld->z, (zip_uint64_t)i, 0);
		size_t len = name ? strlen(name) : 0;
		if (len < sizeof pkl || strcmp(name + len - (sizeof pkl - 1), pkl) != 0)
			continue;
		if (len - (sizeof pkl - 1) + 1 >= sizeof ld->prefix)
			return diag_fail(ld->d, "%s: entry name '%s' is too long", ld->path, name);
		snprintf(ld->prefix, sizeof ld->prefix, "%.*s/", (int)(len - (sizeof pkl - 1)),
			 name);
		*index = (zip_uint64_t)i;
		return 0;
	}
	return diag_fail(ld->d, "%s: no <folder>/data.pkl entry: not a PyTorch checkpoint",
			 ld->path);
}

/* Reads one entry whole, after checking its size against min and max and
 * against what its compressed size and the archive can hold. */
static unsigned char *read_entry(struct loader *ld, zip_uint64_t index, uint64_t min,
				 uint64_t max, size_t *len)
{
	const char *name = ld->zl->get_name(ld->z, index, 0), *why;
	unsigned char *buf = zipentry_read(ld->z, index, (uint64_t)ld->archive_bytes, max, len,
					   &why);

	if (!buf) {
		diag_fail(ld->d, "%s: entry '%s': %s", ld->path, name, why);
		return NULL;
	}
	if (*len < min) {
		diag_fail(ld->d, "%s: storage '%s' has %zu bytes, too small for the %llu its "
			  "tensors claim", ld->path, name, *len, (unsigned long long)min);
		free(buf);
		return NULL;
	}
	return buf;
}

static int parse_pickle(struct loader *ld)
{
	zip_uint64_t index = 0;
	unsigned char *buf;
	size_t len;
	char err[512];
	int rc;

	if (find_pickle(ld, &index))
		return -1;
	buf = read_entry(ld, index, 0, MAX_PICKLE_BYTES, &len);
	if (!buf)
		return -1;
	rc = pickle_parse(&ld->pk, buf, len, err, sizeof err);
	free(buf);
	if (rc)
		return diag_fail(ld->d, "%s: %sdata.pkl: %s", ld->path, ld->prefix, err);
	return 0;
}

static bool is_tensor(const struct pk_value *v)
{
	return v->kind == PK_CALL &&
	       pk_is_global(v->u.seq.callable, "torch._utils._rebuild_tensor_v2");
}

/* An int tuple of at most CKPT_MAX_DIMS non-negative entries into out. */
static int int_tuple(const struct pk_value *v, long *out)
{
	if (v->kind != PK_TUPLE || v->u.seq.n > CKPT_MAX_DIMS)
		return -1;
	for (size_t i = 0; i < v->u.seq.n; i++) {
		const struct pk_value *x = v->u.seq.items[i];
		if (x->kind != PK_INT || x->u.i < 0 || x->u.i > LONG_MAX)
			return -1;
		out[i] = (long)x->u.i;
	}
	return (int)v->u.seq.n;
}

/* The persistent id ('storage', torch.XStorage, key, location, numel). */
static int parse_storage(struct loader *ld, const struct ckpt_tensor *t,
			 const struct pk_value *pid, struct tensor_ref *r)
{
	struct pk_value *const *f = pid->u.seq.items;

	if (pid->kind != PK_TUPLE || pid->u.seq.n != 5 || !pk_is_str(f[0], "storage") ||
	    f[1]->kind != PK_GLOBAL || f[2]->kind != PK_STR ||
	    strlen(f[2]->u.str.text) != f[2]->u.str.len || f[4]->kind != PK_INT ||
	    f[4]->u.i < 0 || f[4]->u.i > INT64_MAX / 8)
		return diag_fail(ld->d, "%s: tensor '%s': malformed storage reference", ld->path,
				 t->name);
	for (size_t i = 0; i < sizeof storage_types / sizeof *storage_types; i++)
		if (pk_is_global(f[1], storage_types[i].global))
			r->type = &storage_types[i];
	if (!r->type)
		return diag_fail(ld->d, "%s: tensor '%s': unsupported storage type '%s'", ld->path,
				 t->name, f[1]->u.str.text);
	r->key = f[2]->u.str.text;
	r->numel = f[4]->u.i;
	return 0;
}

/* The product of the shape, or -1 beyond limit (which it must not exceed). */
static int64_t element_count(const struct ckpt_tensor *t, int64_t limit)
{
	int64_t count = 1;

	for (int i = 0; i < t->ndim; i++)
		if (t->shape[i] == 0)
			return 0;
	for (int i = 0; i < t->ndim; i++) {
		if (count > limit / t->shape[i])
			return -1;
		count *= t->shape[i];
	}
	return count;
}

/* Whether every element that size, stride and offset reach lies in the storage. */
static bool fits(const struct tensor_ref *r, const struct ckpt_tensor *t)
{
	int64_t last = r->offset;

	if (t->count == 0)
		return r->offset <= r->numel;
	if (r->offset >= r->numel)
		return false;
	for (int i = 0; i < t->ndim; i++) {
		int64_t span = t->shape[i] - 1;
		if (span > 0 && r->stride[i] > 0 && span > (r->numel - 1 - last) / r->stride[i])
			return false;
		last += span * r->stride[i];
	}
	return true;
}

static int too_small(struct loader *ld, const struct ckpt_tensor *t,
		     const struct tensor_ref *r)
{
	char shape[128], stride[128];

	diag_shape(t->shape, t->ndim, shape, sizeof shape);
	diag_shape(r->stride, t->ndim, stride, sizeof stride);
	return diag_fail(ld->d, "%s: tensor '%s': storage '%s' of %lld elements is too small "
			 "for size %s, stride %s, offset %lld", ld->path, t->name, r->key,
			 (long long)r->numel, shape, stride, (long long)r->offset);
}

/* _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks). */
static int parse_tensor(struct loader *ld, struct ckpt_tensor *t, const struct pk_value *v,
			struct tensor_ref *r)
{
	const struct pk_value *args = v->u.seq.args;
	struct pk_value *const *a = args->u.seq.items;
	int64_t count;

	if (args->u.seq.n < 4 || a[0]->kind != PK_PERSID || a[1]->kind != PK_INT ||
	    a[1]->u.i < 0 || (t->ndim = int_tuple(a[2], t->shape)) < 0 ||
	    int_tuple(a[3], r->stride) != t->ndim)
		return diag_fail(ld->d, "%s: tensor '%s': malformed size, stride or offset",
				 ld->path, t->name);
	if (parse_storage(ld, t, a[0]->u.pid, r))
		return -1;
	r->offset = a[1]->u.i;
	t->is_float = r->type->kind == 'f' || r->type->kind == 'h';
	count = element_count(t, r->numel);
	if (count < 0)
		return too_small(ld, t, r);
	t->count = (size_t)count;
	if (!fits(r, t))
		return too_small(ld, t, r);
	if (t->count > MAX_VALUES - ld->total_values)
		return diag_fail(ld->d, "%s: the tensors hold more than %zu values", ld->path,
				 MAX_VALUES);
	ld->total_values += t->count;
	return 0;
}

/* Names and places every tensor of state_dict, before any storage is read. */
static int parse_state_dict(struct loader *ld, const struct pk_value *sd)
{
	struct checkpoint *ck = ld->ck;
	size_t pairs = sd->u.seq.n / 2;

	ck->tensors = calloc(pairs ? pairs : 1, sizeof *ck->tensors);
	ld->refs = calloc(pairs ? pairs : 1, sizeof *ld->refs);
	if (!ck->tensors || !ld->refs)
		return diag_fail(ld->d, "%s: out of memory", ld->path);
	for (size_t i = 0; i < pairs; i++) {
		const struct pk_value *key = sd->u.seq.items[2 * i], *v = sd->u.seq.items[2 * i + 1];
		struct ckpt_tensor *t = &ck->tensors[ck->n];
		if (!is_tensor(v))
			continue;
		if (key->kind != PK_STR || key->u.str.len >= sizeof t->name ||
		    strlen(key->u.str.text) != key->u.str.len)
			return diag_fail(ld->d, "%s: state_dict entry %zu: the key is not a name of "
					 "at most %zu characters", ld->path, i, sizeof t->name - 1);
		memcpy(t->name, key->u.str.text, key->u.str.len + 1);
		ld->refs[ck->n].index = ck->n;
		if (parse_tensor(ld, t, v, &ld->refs[ck->n]))
			return -1;
		ck->n++;
	}
	return 0;
}

static int parse_top(struct loader *ld)
{
	const struct pk_value *root = ld->pk.root;
	const struct pk_value *arch = pk_dict_get(root, "arch");
	const struct pk_value *sd = pk_dict_get(root, "state_dict");

	if (root->kind != PK_DICT)
		return diag_fail(ld->d, "%s: the checkpoint is not a dict", ld->path);
	if (arch && arch->kind == PK_STR) {
		if (arch->u.str.len >= sizeof ld->ck->arch)
			return diag_fail(ld->d, "%s: 'arch' is longer than %zu characters", ld->path,
					 sizeof ld->ck->arch - 1);
		snprintf(ld->ck->arch, sizeof ld->ck->arch, "%s", arch->u.str.text);
	}
	if (!sd)
		return diag_fail(ld->d, "%s: no 'state_dict' in the checkpoint", ld->path);
	if (sd->kind != PK_DICT)
		return diag_fail(ld->d, "%s: 'state_dict' is not a dict", ld->path);
	return parse_state_dict(ld, sd);
}

static double half_to_double(unsigned h)
{
	int exp = (h >> 10) & 0x1f;
	double mant = h & 0x3ff;
	double v = exp == 0 ? ldexp(mant, -24)
		 : exp == 31 ? (mant ? NAN : INFINITY)
		 : ldexp(mant + 1024, exp - 25);

	return h & 0x8000 ? -v : v;
}

static double element(const struct storage_type *type, const unsigned char *p)
{
	uint64_t bits = 0;

	for (int i = 0; i < type->size; i++)
		bits |= (uint64_t)p[i] << (8 * i);
	switch (type->kind) {
	case 'f':
		if (type->size == 4) {
			uint32_t b32 = (uint32_t)bits;
			float f;
			memcpy(&f, &b32, sizeof f);
			return f;
		} else {
			double d;
			memcpy(&d, &bits, sizeof d);
			return d;
		}
	case 'h':
		return half_to_double((unsigned)bits);
	case 'i':
		if (type->size < 8 && (bits >> (8 * type->size - 1)) & 1)
			bits |= ~(uint64_t)0 << (8 * type->size); /* sign extension */
		return (double)(int64_t)bits;
	default:
		return (double)bits;
	}
}

/* Copies a tensor's elements out of its storage in row-major order. */
static int gather(struct loader *ld, const struct tensor_ref *r, const unsigned char *data)
{
	struct ckpt_tensor *t = &ld->ck->tensors[r->index];
	long idx[CKPT_MAX_DIMS] = { 0 };

	t->values = malloc((t->count ? t->count : 1) * sizeof *t->values);
	if (!t->values)
		return diag_fail(ld->d, "%s: out of memory", ld->path);
	for (size_t k = 0; k < t->count; k++) {
		int64_t at = r->offset;
		for (int i = 0; i < t->ndim; i++)
			at += idx[i] * r->stride[i];
		t->values[k] = element(r->type, data + at * r->type->size);
		for (int i = t->ndim - 1; i >= 0 && ++idx[i] == t->shape[i]; i--)
			idx[i] = 0;
	}
	return 0;
}

/* Reads storage refs[0].key once and fills the n tensors that use it. */
static int load_storage(struct loader *ld, const struct tensor_ref *refs, size_t n)
{
	char entry[512];
	uint64_t need = 0;
	unsigned char *data;
	size_t len;
	zip_int64_t index;
	int rc = 0;

	if ((size_t)snprintf(entry, sizeof entry, "%sdata/%s", ld->prefix, refs[0].key) >=
	    sizeof entry)
		return diag_fail(ld->d, "%s: storage key '%.64s...' is too long", ld->path,
				 refs[0].key);
	index = ld->zl->name_locate(ld->z, entry, 0);
	if (index < 0)
		return diag_fail(ld->d, "%s: tensor '%s': storage key '%s' missing from the archive "
				 "(no entry '%s')", ld->path, ld->ck->tensors[refs[0].index].name,
				 refs[0].key, entry);
	for (size_t i = 0; i < n; i++)
		if ((uint64_t)refs[i].numel * (uint64_t)refs[i].type->size > need)
			need = (uint64_t)refs[i].numel * (uint64_t)refs[i].type->size;
	data = read_entry(ld, (zip_uint64_t)index, need, UINT64_MAX, &len);
	if (!data)
		return -1;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = gather(ld, &refs[i], data);
	free(data);
	return rc;
}

static int by_key(const void *a, const void *b)
{
	const struct tensor_ref *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Groups the tensors by storage so that each storage is read once. */
static int load_values(struct loader *ld)
{
	size_t n = (size_t)ld->ck->n;

	qsort(ld->refs, n, sizeof *ld->refs, by_key);
	for (size_t from = 0, to; from < n; from = to) {
		for (to = from + 1; to < n && strcmp(ld->refs[to].key, ld->refs[from].key) == 0;)
			to++;
		if (load_storage(ld, ld->refs + from, to - from))
			return -1;
	}
	return 0;
}

int checkpoint_load(struct checkpoint *ck, const char *path, struct diag *d)
{
	struct loader ld = { .ck = ck, .path = path, .d = d };
	int rc;

	memset(ck, 0, sizeof *ck);
	snprintf(ck->path, sizeof ck->path, "%s", path);
	rc = open_zip(&ld);
	if (rc == 0)
		rc = parse_pickle(&ld);
	if (rc == 0)
		rc = parse_top(&ld);
	if (rc == 0)
		rc = load_values(&ld);
	pickle_free(&ld.pk);
	free(ld.refs);
	if (ld.z)
		ld.zl->discard(ld.z);
	if (rc)
		checkpoint_free(ck);
	return rc;
}

void checkpoint_free(struct checkpoint *ck)
{
	for (int i = 0; ck->tensors && i < ck->n; i++)
		free(ck->tensors[i].values);
	free(ck->tensors);
	ck->tensors = NULL;
	ck->n = 0;
}

const struct ckpt_tensor *checkpoint_find(const struct checkpoint *ck, const char *name)
{
	for (int i = 0; i < ck->n; i++)
		if (strcmp(ck->tensors[i].name, name) == 0)
			return &ck->tensors[i];
	return NULL;
}
