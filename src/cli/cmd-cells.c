/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge cells import|export: the grid cell table as CSV. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <wangge/cell.h>
#include <wangge/i18n.h>
#include "cli.h"

static int cells_import(struct cli_env *env, int argc, char **argv)
{
	enum wg_encoding enc;
	const char *file;
	if (cli_import_args(env, argc, argv, &enc, &file) != WG_OK)
		return WG_EUSAGE;
	struct wg_problems probs = { 0 };
	struct wg_cell_import_result res;
	int rc = wg_cell_import_file(env->ctx, file, enc, &probs, &res);
	if (wg_problems_count(&probs))
		wg_problems_print(&probs, stderr, 0);
	if (rc != WG_OK)
		cli_fail(env, rc);
	else
		printf(_("imported %s (%s): %d cells; added %d, updated %d, unchanged %d; "
			 "new grid workers %d, assignments %d\n"), file,
		       res.encoding == WG_ENC_GB18030 ? "GB18030" : "UTF-8", res.rows, res.added,
		       res.updated, res.unchanged, res.workers_added, res.assignments);
	wg_problems_free(&probs);
	return rc;
}

static int cells_export(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "bom", no_argument, NULL, 'b' }, { NULL, 0, NULL, 0 } };
	struct cli_out out;
	int c, bom = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'b')
			return cli_usage(env->self);
		bom = 1;
	}
	if (argc - optind > 1)
		return cli_usage(env->self);
	int rc = cli_out_open(&out, optind < argc ? argv[optind] : NULL);
	if (rc != WG_OK)
		return rc;
	if (bom && wg_csv_write_bom(out.f) != 0)
		rc = WG_EIO;
	if (rc == WG_OK && (rc = wg_cell_export(env->ctx, out.f)) != WG_OK)
		cli_fail(env, rc);
	return cli_out_close(&out, rc);
}

const struct cli_cmd cli_cells_rows[] = {
	{ "cells", NULL, NULL, N_("grid cells (street, community, grid) and their grid workers: import, export"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "cells", "import", "FILE [--encoding auto|utf-8|gb18030] [--sheet NAME|N]",
	  N_("add or update grid cells and their grid workers from a CSV file"), CLI_NEEDS_LOGIN, cells_import },
	{ "cells", "export", "[FILE|-] [--bom]", N_("the grid cells as CSV"), CLI_NEEDS_LOGIN, cells_export },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
