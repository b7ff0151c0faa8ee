/* pickle.c: the pickle virtual machine (see pickle.h). */
#include "pickle.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The opcodes read here, as Python's Lib/pickletools.py names them. */
enum {
	OP_MARK = '(', OP_STOP = '.', OP_BINFLOAT = 'G', OP_BININT = 'J', OP_BININT1 = 'K',
	OP_BININT2 = 'M', OP_NONE = 'N', OP_BINPERSID = 'Q', OP_REDUCE = 'R',
	OP_BINSTRING = 'T', OP_SHORT_BINSTRING = 'U', OP_BINUNICODE = 'X',
	OP_EMPTY_LIST = ']', OP_APPEND = 'a', OP_BUILD = 'b', OP_GLOBAL = 'c',
	OP_APPENDS = 'e', OP_BINGET = 'h', OP_LONG_BINGET = 'j', OP_BINPUT = 'q',
	OP_LONG_BINPUT = 'r', OP_SETITEM = 's', OP_TUPLE = 't', OP_SETITEMS = 'u',
	OP_EMPTY_DICT = '}', OP_EMPTY_TUPLE = ')', OP_PROTO = 0x80, OP_NEWOBJ = 0x81,
	OP_TUPLE1 = 0x85, OP_TUPLE2 = 0x86, OP_TUPLE3 = 0x87, OP_NEWTRUE = 0x88,
	OP_NEWFALSE = 0x89, OP_LONG1 = 0x8a, OP_SHORT_BINUNICODE = 0x8c,
	OP_BINUNICODE8 = 0x8d, OP_STACK_GLOBAL = 0x93, OP_MEMOIZE = 0x94, OP_FRAME = 0x95,
};

#define MAX_PROTOCOL 5

struct vm {
	const unsigned char *buf;
	size_t len, pos, op_pos;
	int op;
	struct pickle *p;
	struct pk_value **stack;
	size_t depth;
	size_t marks[PICKLE_MAX_MARKS];
	int n_marks;
	struct pk_value **memo;
	size_t memo_cap, memo_used;
	char *err;
	size_t errlen;
};

static const char *const kind_names[] = {
	"None", "bool", "int", "float", "str", "tuple", "list", "dict", "global", "call",
	"persistent id",
};

static int fail(struct vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Every message names the opcode and where it is, to find it with pickletools.dis. */
static int fail(struct vm *vm, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(vm->err, vm->errlen, "%s (pickle opcode 0x%02x at offset %zu)", what, vm->op,
		 vm->op_pos);
	return -1;
}

static const unsigned char *take(struct vm *vm, size_t n)
{
	const unsigned char *at = vm->buf + vm->pos;

	if (n > vm->len - vm->pos) {
		fail(vm, "truncated: %zu bytes needed, %zu left", n, vm->len - vm->pos);
		return NULL;
	}
	vm->pos += n;
	return at;
}

static uint64_t little_endian(const unsigned char *b, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

/* Reads an n-byte little-endian argument into *v. */
static int arg(struct vm *vm, int n, uint64_t *v)
{
	const unsigned char *b = take(vm, (size_t)n);

	if (!b)
		return -1;
	*v = little_endian(b, n);
	return 0;
}

/* A new value owned by the pickle. Each opcode makes at most one, so more
 * values than input bytes means something is wrong. */
static struct pk_value *new_value(struct vm *vm, enum pk_kind kind)
{
	struct pk_value *v;

	if (vm->p->count >= vm->len) {
		fail(vm, "more values than the %zu bytes of the pickle can describe", vm->len);
		return NULL;
	}
	v = calloc(1, sizeof *v);
	if (!v) {
		fail(vm, "out of memory");
		return NULL;
	}
	v->kind = kind;
	v->next_alloc = vm->p->all;
	vm->p->all = v;
	vm->p->count++;
	return v;
}

static int push(struct vm *vm, struct pk_value *v)
{
	if (!v)
		return -1;
	if (vm->depth == PICKLE_MAX_STACK)
		return fail(vm, "stack deeper than %d values", PICKLE_MAX_STACK);
	vm->stack[vm->depth++] = v;
	return 0;
}

/* The bottom of the part of the stack the current opcode may use. */
static size_t fence(const struct vm *vm)
{
	return vm->n_marks ? vm->marks[vm->n_marks - 1] : 0;
}

static struct pk_value *pop(struct vm *vm)
{
	if (vm->depth == fence(vm)) {
		fail(vm, "stack underflow");
		return NULL;
	}
	return vm->stack[--vm->depth];
}

static struct pk_value *top(struct vm *vm)
{
	if (vm->depth == fence(vm)) {
		fail(vm, "stack underflow");
		return NULL;
	}
	return vm->stack[vm->depth - 1];
}

/* Closes the innermost mark; *at is where its values start. */
static int pop_mark(struct vm *vm, size_t *at)
{
	if (vm->n_marks == 0)
		return fail(vm, "no MARK to close");
	*at = vm->marks[--vm->n_marks];
	return 0;
}

static int add_item(struct vm *vm, struct pk_value *c, struct pk_value *item)
{
	if (c->u.seq.n == c->u.seq.cap) {
		size_t cap = c->u.seq.cap ? 2 * c->u.seq.cap : 4;
		struct pk_value **items = realloc(c->u.seq.items, cap * sizeof *items);
		if (!items)
			return fail(vm, "out of memory");
		c->u.seq.items = items;
		c->u.seq.cap = cap;
	}
	c->u.seq.items[c->u.seq.n++] = item;
	return 0;
}

/* A string value of len bytes, NUL-terminated, for the caller to fill. */
static struct pk_value *alloc_str(struct vm *vm, enum pk_kind kind, size_t len)
{
	struct pk_value *v = new_value(vm, kind);

	if (!v)
		return NULL;
	v->u.str.text = malloc(len + 1);
	if (!v->u.str.text) {
		fail(vm, "out of memory");
		return NULL;
	}
	v->u.str.text[len] = '\0';
	v->u.str.len = len;
	return v;
}

static struct pk_value *new_str(struct vm *vm, const char *text, size_t len)
{
	struct pk_value *v = alloc_str(vm, PK_STR, len);

	if (v)
		memcpy(v->u.str.text, text, len);
	return v;
}

/* A string whose length is an n-byte argument; checked before anything is allocated. */
static int op_string(struct vm *vm, int n, bool is_signed)
{
	uint64_t len;

	if (arg(vm, n, &len))
		return -1;
	if (is_signed && (len >> 31))
		return fail(vm, "negative string length");
	if (len > vm->len - vm->pos)
		return fail(vm, "string of %llu bytes runs past the end, %zu bytes left",
			    (unsigned long long)len, vm->len - vm->pos);
	return push(vm, new_str(vm, (const char *)take(vm, len), len));
}

static int op_int(struct vm *vm, int n, bool is_signed)
{
	struct pk_value *v;
	uint64_t bits;

	if (arg(vm, n, &bits))
		return -1;
	if (is_signed && n < 8 && n > 0 && (bits >> (8 * n - 1)) & 1)
		bits |= ~(uint64_t)0 << (8 * n); /* sign extension */
	v = new_value(vm, PK_INT);
	if (v)
		v->u.i = (int64_t)bits;
	return push(vm, v);
}

/* LONG1: a two's-complement integer of up to 255 bytes; int64 is enough for torch. */
static int op_long1(struct vm *vm)
{
	uint64_t n;

	if (arg(vm, 1, &n))
		return -1;
	if (n > 8)
		return fail(vm, "integer of %llu bytes is too large", (unsigned long long)n);
	return op_int(vm, (int)n, true);
}

static int op_float(struct vm *vm)
{
	const unsigned char *b = take(vm, 8);
	struct pk_value *v;
	uint64_t bits = 0;

	if (!b)
		return -1;
	for (int i = 0; i < 8; i++)
		bits = bits << 8 | b[i]; /* big-endian */
	v = new_value(vm, PK_FLOAT);
	if (v)
		memcpy(&v->u.f, &bits, sizeof v->u.f);
	return push(vm, v);
}

static int push_kind(struct vm *vm, enum pk_kind kind, bool b)
{
	struct pk_value *v = new_value(vm, kind);

	if (v)
		v->u.b = b;
	return push(vm, v);
}

static struct pk_value *new_global(struct vm *vm, const char *module, size_t mlen,
				   const char *name, size_t nlen)
{
	struct pk_value *v = alloc_str(vm, PK_GLOBAL, mlen + 1 + nlen);

	if (v) {
		memcpy(v->u.str.text, module, mlen);
		v->u.str.text[mlen] = '.';
		memcpy(v->u.str.text + mlen + 1, name, nlen);
	}
	return v;
}

/* One newline-terminated argument of GLOBAL. */
static const char *line(struct vm *vm, size_t *len)
{
	const char *at = (const char *)vm->buf + vm->pos;
	const char *nl = memchr(at, '\n', vm->len - vm->pos);

	if (!nl) {
		fail(vm, "GLOBAL without a newline-terminated name");
		return NULL;
	}
	*len = (size_t)(nl - at);
	vm->pos += *len + 1;
	return at;
}

static int op_global(struct vm *vm)
{
	size_t mlen, nlen;
	const char *module = line(vm, &mlen);
	const char *name = module ? line(vm, &nlen) : NULL;

	if (!name)
		return -1;
	return push(vm, new_global(vm, module, mlen, name, nlen));
}

static int op_stack_global(struct vm *vm)
{
	struct pk_value *name = pop(vm);
	struct pk_value *module = name ? pop(vm) : NULL;

	if (!module)
		return -1;
	if (name->kind != PK_STR || module->kind != PK_STR)
		return fail(vm, "STACK_GLOBAL needs two strings");
	return push(vm, new_global(vm, module->u.str.text, module->u.str.len, name->u.str.text,
				   name->u.str.len));
}

/* Collects values into a new tuple: the n on top of the stack, or with n < 0
 * everything above the innermost mark. */
static int op_tuple(struct vm *vm, int n)
{
	struct pk_value *t = new_value(vm, PK_TUPLE);
	size_t from = 0;

	if (!t)
		return -1;
	if (n < 0) {
		if (pop_mark(vm, &from))
			return -1;
	} else {
		if (vm->depth - fence(vm) < (size_t)n)
			return fail(vm, "stack underflow");
		from = vm->depth - (size_t)n;
	}
	for (size_t i = from; i < vm->depth; i++)
		if (add_item(vm, t, vm->stack[i]))
			return -1;
	vm->depth = from;
	return push(vm, t);
}

/* REDUCE and NEWOBJ: OrderedDict() is a dict, anything else a call object. */
static int op_call(struct vm *vm)
{
	struct pk_value *args = pop(vm);
	struct pk_value *callable = args ? pop(vm) : NULL;
	struct pk_value *v;

	if (!callable)
		return -1;
	if (args->kind != PK_TUPLE)
		return fail(vm, "call arguments are a %s, not a tuple", kind_names[args->kind]);
	if (pk_is_global(callable, "collections.OrderedDict") && args->u.seq.n == 0)
		return push(vm, new_value(vm, PK_DICT));
	v = new_value(vm, PK_CALL);
	if (v) {
		v->u.seq.callable = callable;
		v->u.seq.args = args;
	}
	return push(vm, v);
}

static int op_build(struct vm *vm)
{
	struct pk_value *state = pop(vm);
	struct pk_value *target = state ? top(vm) : NULL;

	if (!target)
		return -1;
	if (target->kind != PK_CALL && target->kind != PK_DICT)
		return fail(vm, "BUILD on a %s", kind_names[target->kind]);
	target->u.seq.state = state;
	return 0;
}

/* APPEND(S) and SETITEM(S) add the values from stack position from on to the
 * container just below them: pairs for a dict, single values for a list, and
 * either for a call object (a subclass of dict or list). */
static int add_items(struct vm *vm, size_t from, bool pairs)
{
	struct pk_value *c;

	if (from == fence(vm))
		return fail(vm, "no container to add to");
	c = vm->stack[from - 1];
	if (c->kind != (pairs ? PK_DICT : PK_LIST) && c->kind != PK_CALL)
		return fail(vm, "cannot add items to a %s", kind_names[c->kind]);
	if (pairs && (vm->depth - from) % 2)
		return fail(vm, "odd number of values for key-value pairs");
	for (size_t i = from; i < vm->depth; i++)
		if (add_item(vm, c, vm->stack[i]))
			return -1;
	vm->depth = from;
	return 0;
}

static int op_add(struct vm *vm, bool marked, bool pairs)
{
	size_t from = 0;

	if (marked) {
		if (pop_mark(vm, &from))
			return -1;
	} else {
		size_t n = pairs ? 2 : 1;
		if (vm->depth - fence(vm) < n)
			return fail(vm, "stack underflow");
		from = vm->depth - n;
	}
	return add_items(vm, from, pairs);
}

static int op_mark(struct vm *vm)
{
	if (vm->n_marks == PICKLE_MAX_MARKS)
		return fail(vm, "more than %d nested marks", PICKLE_MAX_MARKS);
	vm->marks[vm->n_marks++] = vm->depth;
	return 0;
}

static int op_persid(struct vm *vm)
{
	struct pk_value *pid = pop(vm);
	struct pk_value *v = pid ? new_value(vm, PK_PERSID) : NULL;

	if (!v)
		return -1;
	v->u.pid = pid;
	return push(vm, v);
}

/* Memo indices are dense in real pickles, so one beyond the input length is hostile. */
static int put(struct vm *vm, uint64_t index)
{
	struct pk_value *v = top(vm);

	if (!v)
		return -1;
	if (index >= vm->len)
		return fail(vm, "memo index %llu beyond the %zu-byte pickle",
			    (unsigned long long)index, vm->len);
	if (index >= vm->memo_cap) {
		size_t cap = vm->memo_cap ? 2 * vm->memo_cap : 64;
		while (cap <= index)
			cap *= 2;
		if (cap > vm->len)
			cap = vm->len;
		struct pk_value **memo = realloc(vm->memo, cap * sizeof *memo);
		if (!memo)
			return fail(vm, "out of memory");
		memset(memo + vm->memo_cap, 0, (cap - vm->memo_cap) * sizeof *memo);
		vm->memo = memo;
		vm->memo_cap = cap;
	}
	vm->memo_used += vm->memo[index] == NULL;
	vm->memo[index] = v;
	return 0;
}

static int op_put(struct vm *vm, int n)
{
	uint64_t index;

	return arg(vm, n, &index) ? -1 : put(vm, index);
}

/* MEMOIZE stores at the next index, which is the number of entries so far. */
static int op_memoize(struct vm *vm)
{
	return put(vm, vm->memo_used);
}

static int op_get(struct vm *vm, int n)
{
	uint64_t index;

	if (arg(vm, n, &index))
		return -1;
	if (index >= vm->memo_cap || !vm->memo[index])
		return fail(vm, "memo entry %llu is not set", (unsigned long long)index);
	return push(vm, vm->memo[index]);
}

static int op_proto(struct vm *vm)
{
	uint64_t version;

	if (arg(vm, 1, &version))
		return -1;
	if (version > MAX_PROTOCOL)
		return fail(vm, "pickle protocol %llu is not supported", (unsigned long long)version);
	return 0;
}

/* Frames only group opcodes for buffering; their contents follow inline. */
static int op_frame(struct vm *vm)
{
	uint64_t len;

	if (arg(vm, 8, &len))
		return -1;
	if (len > vm->len - vm->pos)
		return fail(vm, "frame of %llu bytes runs past the end", (unsigned long long)len);
	return 0;
}

static int step(struct vm *vm)
{
	switch (vm->op) {
	case OP_PROTO: return op_proto(vm);
	case OP_FRAME: return op_frame(vm);
	case OP_EMPTY_DICT: return push(vm, new_value(vm, PK_DICT));
	case OP_EMPTY_LIST: return push(vm, new_value(vm, PK_LIST));
	case OP_EMPTY_TUPLE: return push(vm, new_value(vm, PK_TUPLE));
	case OP_MARK: return op_mark(vm);
	case OP_TUPLE: return op_tuple(vm, -1);
	case OP_TUPLE1: return op_tuple(vm, 1);
	case OP_TUPLE2: return op_tuple(vm, 2);
	case OP_TUPLE3: return op_tuple(vm, 3);
	case OP_BINUNICODE: return op_string(vm, 4, false);
	case OP_SHORT_BINUNICODE: return op_string(vm, 1, false);
	case OP_BINUNICODE8: return op_string(vm, 8, false);
	case OP_SHORT_BINSTRING: return op_string(vm, 1, false);
	case OP_BINSTRING: return op_string(vm, 4, true);
	case OP_BININT: return op_int(vm, 4, true);
	case OP_BININT1: return op_int(vm, 1, false);
	case OP_BININT2: return op_int(vm, 2, false);
	case OP_LONG1: return op_long1(vm);
	case OP_BINFLOAT: return op_float(vm);
	case OP_NEWTRUE: return push_kind(vm, PK_BOOL, true);
	case OP_NEWFALSE: return push_kind(vm, PK_BOOL, false);
	case OP_NONE: return push_kind(vm, PK_NONE, false);
	case OP_GLOBAL: return op_global(vm);
	case OP_STACK_GLOBAL: return op_stack_global(vm);
	case OP_REDUCE: return op_call(vm);
	case OP_NEWOBJ: return op_call(vm);
	case OP_BUILD: return op_build(vm);
	case OP_BINPUT: return op_put(vm, 1);
	case OP_LONG_BINPUT: return op_put(vm, 4);
	case OP_MEMOIZE: return op_memoize(vm);
	case OP_BINGET: return op_get(vm, 1);
	case OP_LONG_BINGET: return op_get(vm, 4);
	case OP_SETITEM: return op_add(vm, false, true);
	case OP_SETITEMS: return op_add(vm, true, true);
	case OP_APPEND: return op_add(vm, false, false);
	case OP_APPENDS: return op_add(vm, true, false);
	case OP_BINPERSID: return op_persid(vm);
	default:
		snprintf(vm->err, vm->errlen, "unknown pickle opcode 0x%02x at offset %zu", vm->op,
			 vm->op_pos);
		return -1;
	}
}

static int run(struct vm *vm)
{
	while (vm->pos < vm->len) {
		vm->op_pos = vm->pos;
		vm->op = vm->buf[vm->pos++];
		if (vm->op == OP_STOP) {
			vm->p->root = pop(vm);
			return vm->p->root ? 0 : -1;
		}
		if (step(vm))
			return -1;
	}
	snprintf(vm->err, vm->errlen, "pickle ends at offset %zu without STOP", vm->len);
	return -1;
}

int pickle_parse(struct pickle *p, const unsigned char *buf, size_t len, char *err,
		 size_t errlen)
{
	struct vm vm = { .buf = buf, .len = len, .p = p, .err = err, .errlen = errlen };
	int rc;

	memset(p, 0, sizeof *p);
	vm.stack = malloc(PICKLE_MAX_STACK * sizeof *vm.stack);
	if (!vm.stack) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = run(&vm);
	free(vm.stack);
	free(vm.memo);
	if (rc)
		pickle_free(p);
	return rc;
}

void pickle_free(struct pickle *p)
{
	struct pk_value *v = p->all;

	while (v) {
		struct pk_value *next = v->next_alloc;
		if (v->kind == PK_STR || v->kind == PK_GLOBAL)
			free(v->u.str.text);
		else if (v->kind == PK_TUPLE || v->kind == PK_LIST || v->kind == PK_DICT ||
			 v->kind == PK_CALL)
			free(v->u.seq.items);
		free(v);
		v = next;
	}
	memset(p, 0, sizeof *p);
}

bool pk_is_str(const struct pk_value *v, const char *text)
{
	return v && v->kind == PK_STR && strlen(text) == v->u.str.len &&
	       memcmp(v->u.str.text, text, v->u.str.len) == 0;
}

bool pk_is_global(const struct pk_value *v, const char *name)
{
	return v && v->kind == PK_GLOBAL && strcmp(v->u.str.text, name) == 0;
}

const struct pk_value *pk_dict_get(const struct pk_value *dict, const char *key)
{
	const struct pk_value *found = NULL;

	if (!dict || dict->kind != PK_DICT)
		return NULL;
	for (size_t i = 0; i + 1 < dict->u.seq.n; i += 2)
		if (pk_is_str(dict->u.seq.items[i], key))
			found = dict->u.seq.items[i + 1];
	return found;
}
