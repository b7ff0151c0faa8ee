/* outfile.c: atomic report files (temporary file + rename; see outfile.h). */
#define _DEFAULT_SOURCE
#include "outfile.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Devices, FIFOs and sockets take the output as it comes. */
static int open_direct(struct outfile *o, const char *path, struct diag *d)
{
	snprintf(o->path, sizeof o->path, "%s", path);
	o->fp = fopen(path, "w");
	if (!o->fp)
		return diag_fail(d, "%s: cannot open: %s", path, strerror(errno));
	return 0;
}

/* The file a link names, into target: resolved whole when it exists; a link to
 * a file not made yet names it as the shell's '>' would (a relative target
 * lies beside the link).  Returns false when path is no link. */
static bool link_target(const char *path, char *target, size_t size)
{
	char named[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return false;
	if (realpath(path, target))
		return true;
	n = readlink(path, named, sizeof named - 1);
	if (n < 0)
		return false;
	named[n] = '\0';
	const char *slash = strrchr(path, '/');
	int dir = named[0] == '/' || !slash ? 0 : (int)(slash - path) + 1;
	return snprintf(target, size, "%.*s%s", dir, path, named) < (int)size;
}

int outfile_open(struct outfile *o, const char *path, struct diag *d)
{
	char target[PATH_MAX];
	struct stat st;
	int fd;

	memset(o, 0, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return open_direct(o, path, d);
	/* Through a link, replace what it points to, not the link. */
	if (link_target(path, target, sizeof target))
		path = target;
	if (snprintf(o->path, sizeof o->path, "%s", path) >= (int)sizeof o->path ||
	    snprintf(o->tmppath, sizeof o->tmppath, "%s.XXXXXX", path) >= (int)sizeof o->tmppath)
		return diag_fail(d, "%s: path too long", path);
	fd = mkstemp(o->tmppath);
	if (fd < 0)
		return diag_fail(d, "%s: cannot create: %s", path, strerror(errno));
	/* mkstemp makes the file private; give the report the usual permissions. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		close(fd);
		unlink(o->tmppath);
		return diag_fail(d, "%s: %s", path, strerror(errno));
	}
	return 0;
}

int outfile_commit(struct outfile *o, struct diag *d)
{
	if (!*o->path) {
		if (fflush(stdout) != 0 || ferror(stdout))
			return diag_fail(d, "standard output: write error");
		return 0;
	}
	if (!*o->tmppath) {
		int failed = ferror(o->fp) | fclose(o->fp);
		o->fp = NULL;
		return failed ? diag_fail(d, "%s: write error", o->path) : 0;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0) {
		int err = errno;
		outfile_abort(o);
		return diag_fail(d, "%s: write error: %s", o->path, strerror(err));
	}
	if (fclose(o->fp) != 0) {
		o->fp = NULL;
		outfile_abort(o);
		return diag_fail(d, "%s: write error", o->path);
	}
	o->fp = NULL;
	if (rename(o->tmppath, o->path) != 0) {
		int err = errno;
		unlink(o->tmppath);
		return diag_fail(d, "%s: %s", o->path, strerror(err));
	}
	return 0;
}

void outfile_abort(struct outfile *o)
{
	if (!*o->path)
		return;
	if (o->fp)
		fclose(o->fp);
	o->fp = NULL;
	if (*o->tmppath)
		unlink(o->tmppath);
}
