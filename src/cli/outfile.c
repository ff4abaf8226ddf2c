/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Output files for exports: written to a temporary file and renamed, so a failed export leaves nothing. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wangge/csv.h>
#include <wangge/i18n.h>
#include <wangge/text.h>
#include <wangge/unctrl.h>
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
	int err = 0;
	if (fflush(o->f) != 0 || fsync(fileno(o->f)) != 0)
		err = errno;
	else if (ferror(o->f)) /* a write failed on the way, and its errno is long gone */
		err = EIO;
	if (fclose(o->f) != 0 && !err)
		err = errno;
	int bad = err != 0;
	if (status == WG_OK && !bad && rename(o->tmp, o->path) == 0)
		return WG_OK;
	if (!bad && status == WG_OK)
		err = errno;
	unlink(o->tmp);
	if (!bad && status != WG_OK)
		return status; /* refused before anything went wrong with the file: that message stands */
	cli_error(WG_EIO, _("cannot write %s: %s; nothing was kept. Free some space or choose another "
			    "folder, and try again."), o->path, strerror(err));
	return status != WG_OK ? status : WG_EIO;
}

int cli_masked_export(struct cli_env *env, int argc, char **argv,
		      int (*write)(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows))
{
	static const struct option opts[] = {
		{ "unmasked", no_argument, NULL, 'u' }, { "bom", no_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_out out;
	int c, unmasked = 0, bom = 0;
	long rows;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(env->self);
		unmasked |= c == 'u';
		bom |= c == 'b';
	}
	if (argc - optind > 1)
		return cli_usage(env->self);
	int rc = cli_out_open(&out, optind < argc ? argv[optind] : NULL);
	if (rc != WG_OK)
		return rc;
	if (bom && wg_csv_write_bom(out.f) != 0)
		rc = WG_EIO;
	if (rc == WG_OK && (rc = write(env->ctx, out.f, unmasked, &rows)) != WG_OK)
		cli_fail(env, rc);
	return cli_out_close(&out, rc);
}

void cli_print_cell(const char *s, size_t cols, const char *gap)
{
	char buf[WG_TEXT_BYTES(80)], seen[WG_TEXT_BYTES(80)];
	/* Escaped before it is measured, so that \x1b takes its four columns like other output. */
	wg_unctrl_str(s, seen, sizeof seen, 0);
	wg_text_align(buf, sizeof buf, seen, cols < 80 ? cols : 80, WG_TEXT_LEFT, 0);
	fputs(buf, stdout);
	fputs(gap, stdout);
}
