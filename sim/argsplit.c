/* argsplit.c: splitting a line into words (see argsplit.h). */
#include "argsplit.h"

#include <stdlib.h>
#include <string.h>

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int argsplit(struct argwords *w, const char *program, const char *line, struct diag *d)
{
	size_t len = strlen(line);
	/* No word is longer than the line, and there are at most len/2+1 words. */
	char *out = malloc(len + 1);
	char **argv = malloc((len / 2 + 3) * sizeof *argv);
	int argc = 0;
	const char *p = line;

	*w = (struct argwords){ 0 };
	if (!out || !argv) {
		free(out);
		free(argv);
		return diag_fail(d, "out of memory");
	}
	argv[argc++] = (char *)program;
	char *q = out;
	for (;;) {
		while (blank(*p))
			p++;
		if (*p == '\0' || *p == '#')
			break;
		argv[argc++] = q;
		while (*p && !blank(*p)) {
			char quote = *p;
			if (quote == '\'' || quote == '"') {
				p++;
				while (*p && *p != quote) {
					if (quote == '"' && *p == '\\' && p[1] && strchr("\"\\$`", p[1]))
						p++;
					*q++ = *p++;
				}
				if (*p != quote) {
					free(out);
					free(argv);
					return diag_fail(d, "unterminated %c quote", quote);
				}
				p++;
			} else if (*p == '\\' && p[1]) {
				*q++ = p[1];
				p += 2;
			} else {
				*q++ = *p++;
			}
		}
		*q++ = '\0';
	}
	argv[argc] = NULL;
	*w = (struct argwords){ argc, argv, out };
	return 0;
}

void argwords_free(struct argwords *w)
{
	free(w->argv);
	free(w->text);
	*w = (struct argwords){ 0 };
}
