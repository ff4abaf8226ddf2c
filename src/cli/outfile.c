/* Output files for exports: written to a temporary file and renamed, so a failed export leaves nothing. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wangge/i18n.h>
#include "cli.h"

int cli_out_open(struct cli_out *o, const char *path)
{
	memset(o, 0, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		o->f = stdout;
		return WG_OK;
	}
	o->path = path;
	snprintf(o->tmp, sizeof o->tmp, "%s.XXXXXX", path);
	int fd = mkstemp(o->tmp);
	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		int err = errno;
		if (fd >= 0)
			close(fd), unlink(o->tmp);
		return cli_error(WG_EIO, _("cannot write %s: %s"), path, strerror(err));
	}
	return WG_OK;
}

int cli_out_close(struct cli_out *o, int status)
{
	if (!o->path)
		return fflush(stdout) == 0 || status != WG_OK ? status
			: cli_error(WG_EIO, _("cannot write the output: %s"), strerror(errno));
	int bad = fflush(o->f) != 0 || fsync(fileno(o->f)) != 0;
	int err = errno;
	bad |= fclose(o->f) != 0;
	if (status == WG_OK && !bad && rename(o->tmp, o->path) == 0)
		return WG_OK;
	err = bad ? err : errno;
	unlink(o->tmp);
	return status != WG_OK ? status : cli_error(WG_EIO, _("cannot write %s: %s"), o->path,
						    strerror(err));
}
