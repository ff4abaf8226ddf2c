/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* --format xlsx -o FILE for the commands whose usage offers it: the command writes its table as
 * CSV, captured in an unlinked temporary file, and the table becomes a workbook (wg_csv_to_xlsx), written whole or not at
 * all like every other output file. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wangge/csv.h>
#include <wangge/i18n.h>
#include "cli.h"

#define MAX_ARGS 64

/* Takes --format xlsx (or =xlsx) and -o/--output FILE out of the arguments; a command that
 * has --format of its own gets --format csv instead.  1 when xlsx was asked for. */
static int take_xlsx(int argc, char **argv, int has_format, char **out, int *n, const char **path)
{
	static char csv[] = "csv", format_csv[] = "--format=csv";
	int xlsx = 0;
	*n = 0;
	*path = NULL;
	for (int i = 0; i < argc && *n < MAX_ARGS - 1; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--format") == 0 && i + 1 < argc && strcmp(argv[i + 1], "xlsx") == 0) {
			xlsx = 1, i++;
			if (has_format)
				out[(*n)++] = argv[i - 1], out[(*n)++] = csv;
		} else if (strcmp(a, "--format=xlsx") == 0) {
			xlsx = 1;
			if (has_format)
				out[(*n)++] = format_csv;
		} else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) {
			*path = argv[++i];
		} else if (strncmp(a, "--output=", 9) == 0) {
			*path = a + 9;
		} else {
			out[(*n)++] = argv[i];
		}
	}
	out[*n] = NULL;
	return xlsx;
}

/* The table the command printed becomes the workbook at path, via a private temporary file. */
static int keep_workbook(FILE *csv, const char *sheet, const char *path)
{
	char tmp[4200], why[512];
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp); /* 0600 whatever the umask: exports may hold personal data */
	if (fd < 0)
		return cli_error(WG_EIO, _("cannot write %s: %s"), path, strerror(errno));
	close(fd);
	if (wg_csv_file_to_xlsx(csv, sheet, tmp, why, sizeof why) != 0) {
		unlink(tmp);
		return cli_error(WG_EIO, _("%s; nothing was kept"), why);
	}
	if (rename(tmp, path) != 0) {
		int err = errno;
		unlink(tmp);
		return cli_error(WG_EIO, _("cannot write %s: %s"), path, strerror(err));
	}
	return WG_OK;
}

int cli_run(struct cli_env *env, int argc, char **argv)
{
	const char *usage = env->self->usage ? env->self->usage : "";
	char *args[MAX_ARGS];
	const char *path;
	int n, done, rc = cli_print_run(env, argc, argv, &done);
	if (done)
		return rc;
	/* the tables that have a CSV form: "...|json|xlsx] [-o FILE]" or "--format xlsx -o FILE" */
	if ((!strstr(usage, "json|xlsx] [-o FILE]") && !strstr(usage, "--format xlsx -o FILE")) ||
	    argc >= MAX_ARGS ||
	    !take_xlsx(argc, argv, strstr(usage, "--format text") || strstr(usage, "--format csv"),
		       args, &n, &path))
		return env->self->run(env, argc, argv);
	if (!path || strcmp(path, "-") == 0)
		return cli_error(WG_EUSAGE, "%s", _("--format xlsx writes a workbook: give it a file with "
						    "-o FILE"));
	/* the table goes through a file unlinked from the start (no name to find, 0600), not
	 * memory: a 100,000-row export is read back a window at a time */
	FILE *table = tmpfile(), *saved = stdout;
	if (!table)
		return cli_error(WG_EIO, _("cannot write %s: %s"), path, strerror(errno));
	stdout = table;
	rc = env->self->run(env, n, args);
	stdout = saved;
	if (rc == WG_OK && (fflush(table) != 0 || ferror(table) || fseek(table, 0, SEEK_SET) != 0))
		rc = cli_error(WG_EIO, _("cannot write %s: %s"), path, strerror(errno));
	if (rc == WG_OK)
		rc = keep_workbook(table, env->self->sub ? env->self->sub : env->self->name, path);
	fclose(table);
	return rc;
}
