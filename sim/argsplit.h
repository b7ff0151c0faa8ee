/* argsplit.h: a line of options split into words as a POSIX shell would quote them.
 *
 * Words are separated by blanks; '...' keeps everything literally, "..."
 * keeps everything but \" \\ \$ \` (escaped), and a backslash outside quotes
 * takes the next character literally.  A word starting with # begins a
 * comment.  Nothing is expanded: $HOME, * and ~ stay as written.
 */
#ifndef DEXSIM_ARGSPLIT_H
#define DEXSIM_ARGSPLIT_H

#include "diag.h"

struct argwords {
	int argc;
	char **argv;   /* argc words and a NULL, with argv[0] = the program given */
	char *text;    /* the words' characters */
};

/* Returns 0, or -1 with d set (an unterminated quote, or out of memory). */
int argsplit(struct argwords *w, const char *program, const char *line, struct diag *d);
void argwords_free(struct argwords *w);

#endif
