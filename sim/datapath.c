/* datapath.c: finding descriptions by name (see datapath.h). */
#define _GNU_SOURCE /* dladdr */
#include "datapath.h"

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ROOTS 16

/* Whether this code was loaded from the build tree: the dexsim program, the
 * tests or libdexsim there, not an installed copy. */
static bool uninstalled(void)
{
	Dl_info self;
	char build[PATH_MAX], object[PATH_MAX];
	size_t n;

	if (!dladdr((void *)uninstalled, &self) || !self.dli_fname ||
	    !realpath(DEXSIM_BUILDDIR, build) || !realpath(self.dli_fname, object))
		return false;
	n = strlen(build);
	return strncmp(object, build, n) == 0 && object[n] == '/';
}

/* The directories searched, in order; their strings live in `store`. */
static int roots(const char **dirs, char *store, size_t size)
{
	const char *path = getenv("DEXSIM_PATH");
	int n = 0;

	snprintf(store, size, "%s", path ? path : "");
	for (char *dir = strtok(store, ":"); dir && n < MAX_ROOTS - 1; dir = strtok(NULL, ":"))
		dirs[n++] = dir;
	dirs[n++] = uninstalled() ? DEXSIM_SRCDIR : DEXSIM_PKGDATADIR;
	return n;
}

int datapath_find(const char *arg, const char *subdir, char *out, size_t size)
{
	const char *dirs[MAX_ROOTS];
	char store[4096];

	if (strchr(arg, '/') || strstr(arg, ".yaml")) {
		snprintf(out, size, "%s", arg);
		return 0;
	}
	for (int i = 0, n = roots(dirs, store, sizeof store); i < n; i++) {
		snprintf(out, size, "%s/%s/%s.yaml", dirs[i], subdir, arg);
		if (access(out, R_OK) == 0)
			return 0;
	}
	return -1;
}

/* Appends text to out, which holds `used` bytes, keeping it terminated. */
static size_t append(char *out, size_t size, size_t used, const char *text)
{
	int n = snprintf(out + used, size > used ? size - used : 0, "%s", text);
	return n < 0 ? used : used + (size_t)n < size ? used + (size_t)n : size - 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void datapath_explain(const char *subdir, char *out, size_t size)
{
	const char *dirs[MAX_ROOTS];
	char store[4096], dir[PATH_MAX + 64], *names[256];
	size_t used = append(out, size, 0, "looked in ");
	int n = roots(dirs, store, sizeof store), count = 0;

	for (int i = 0; i < n; i++) {
		snprintf(dir, sizeof dir, "%s%s/%s", i ? ", " : "", dirs[i], subdir);
		used = append(out, size, used, dir);
		snprintf(dir, sizeof dir, "%s/%s", dirs[i], subdir);
		DIR *dp = opendir(dir);
		for (struct dirent *e; dp && count < 256 && (e = readdir(dp));) {
			size_t len = strlen(e->d_name);
			if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0 &&
			    (names[count] = strndup(e->d_name, len - 5)))
				count++;
		}
		if (dp)
			closedir(dp);
	}
	qsort(names, (size_t)count, sizeof *names, by_name);
	used = append(out, size, used, "; available:");
	for (int i = 0; i < count; i++) {
		snprintf(dir, sizeof dir, "%s%s", i ? ", " : " ", names[i]);
		used = append(out, size, used, dir);
		free(names[i]);
	}
	if (!count)
		append(out, size, used, " none");
}
