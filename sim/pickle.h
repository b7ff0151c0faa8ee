/* pickle.h: a bounded reader for the Python pickles that torch.save writes.
 *
 * A small virtual machine runs the opcodes of protocols 2 to 4 that torch.save
 * and Python's pickle module emit for dicts, lists, tuples, numbers, strings,
 * globals, reduce calls and persistent ids, and builds a tree of values from
 * them. Nothing is imported or called: a REDUCE or NEWOBJ of a global yields a
 * call object holding the callable and its arguments, which the caller
 * interprets (an OrderedDict() call becomes an ordinary dict).
 *
 * The input is untrusted. Strings must lie inside the input, and the stack,
 * the marks, the memo and the number of values are limited (the last two by
 * the input length), so a hostile pickle gives an error, never a crash, a hang
 * or an allocation out of proportion to its size. The machine does not
 * recurse, so cyclic or deeply nested values are harmless too.
 */
#ifndef DEXSIM_PICKLE_H
#define DEXSIM_PICKLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Deepest stack and most open marks a pickle may use. torch.save writes dict
 * items in batches of 1000 pairs, so its stack needs a little over 2000. */
#define PICKLE_MAX_STACK 16384
#define PICKLE_MAX_MARKS 1024

enum pk_kind {
	PK_NONE,
	PK_BOOL,
	PK_INT,
	PK_FLOAT,
	PK_STR,     /* text or byte string */
	PK_TUPLE,
	PK_LIST,
	PK_DICT,    /* dict and OrderedDict, in insertion order */
	PK_GLOBAL,  /* "module.name" */
	PK_CALL,    /* REDUCE or NEWOBJ of anything but OrderedDict */
	PK_PERSID,  /* a persistent id: torch's reference to a storage */
};

struct pk_value {
	enum pk_kind kind;
	union {
		bool b;
		int64_t i;
		double f;
		struct {
			char *text;       /* NUL-terminated; may also hold NULs */
			size_t len;
		} str;                    /* PK_STR and PK_GLOBAL */
		struct {
			/* Tuple and list elements; a dict's keys and values alternate
			 * (n is twice the number of pairs); a call's appended items. */
			struct pk_value **items;
			size_t n, cap;
			struct pk_value *callable, *args; /* PK_CALL */
			struct pk_value *state;           /* BUILD state of a call or dict */
		} seq;
		struct pk_value *pid;     /* PK_PERSID */
	} u;
	struct pk_value *next_alloc;      /* every value of a pickle, for pickle_free */
};

struct pickle {
	struct pk_value *root;
	struct pk_value *all;             /* owner of every value */
	size_t count;
};

/* Runs the pickle in buf; on error returns -1 with a reason (naming the
 * opcode's offset) in err and leaves nothing allocated. */
int pickle_parse(struct pickle *p, const unsigned char *buf, size_t len, char *err,
		 size_t errlen);
void pickle_free(struct pickle *p);

/* The value under a string key of a dict (the last one, if repeated), or NULL. */
const struct pk_value *pk_dict_get(const struct pk_value *dict, const char *key);
bool pk_is_str(const struct pk_value *v, const char *text);
bool pk_is_global(const struct pk_value *v, const char *name);

#endif
