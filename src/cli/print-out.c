/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* --width N and --page-lines N for the text reports whose usage offers them: the command's text
 * is captured and laid out for a printer (wg_text_pages), so that `lp` prints it as it stands. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/text.h>
#include "cli.h"

#define MAX_ARGS 64

int cli_number(const char *opt, const char *s, int min, int max, int *v)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (!*s || *end || n < min || n > max)
		return cli_error(WG_EUSAGE, _("%s %s: give a whole number from %d to %d"), opt, s, min,
				 max);
	*v = (int)n;
	return WG_OK;
}

/* Takes --width and --page-lines out of argv into out; 1 when either was given, 0 when not, -1
 * when one was wrong (said). */
static int take_print(int argc, char **argv, char **out, int *n, int *width, int *lines)
{
	static const char *const names[] = { "--width", "--page-lines" };
	static const int lo[] = { 20, 5 }, hi[] = { 400, 1000 };
	int *vals[] = { width, lines }, given = 0;
	*n = 0;
	for (int i = 0; i < argc && *n < MAX_ARGS - 1; i++) {
		int k = -1;
		const char *v = NULL;
		for (int j = 0; j < 2 && k < 0; j++) {
			size_t l = strlen(names[j]);
			if (strcmp(argv[i], names[j]) == 0 && i + 1 < argc)
				k = j, v = argv[++i];
			else if (strncmp(argv[i], names[j], l) == 0 && argv[i][l] == '=')
				k = j, v = argv[i] + l + 1;
		}
		if (k < 0) {
			out[(*n)++] = argv[i];
			continue;
		}
		if (cli_number(names[k], v, lo[k], hi[k], vals[k]) != WG_OK)
			return -1;
		given = 1;
	}
	out[*n] = NULL;
	for (int i = 0; given && i < *n; i++) /* a printer takes text; CSV and JSON have no pages */
		if ((strcmp(out[i], "--format") == 0 && out[i + 1] && strcmp(out[i + 1], "text")) ||
		    (strncmp(out[i], "--format=", 9) == 0 && strcmp(out[i] + 9, "text"))) {
			cli_error(WG_EUSAGE, "%s", _("--width and --page-lines lay out text for a printer: "
						     "use them with --format text"));
			return -1;
		}
	return given;
}

int cli_print_run(struct cli_env *env, int argc, char **argv, int *done)
{
	const char *usage = env->self->usage ? env->self->usage : "";
	char *args[MAX_ARGS], *buf = NULL;
	size_t len = 0;
	int n, width = 0, lines = 0, given;
	*done = 0;
	/* the text reports: "[--format text|csv|json...] ... [--width N] [--page-lines N]" */
	if (!strstr(usage, "text|csv|json") || !strstr(usage, "[--width N] [--page-lines N]") ||
	    argc >= MAX_ARGS)
		return WG_OK;
	if ((given = take_print(argc, argv, args, &n, &width, &lines)) == 0)
		return WG_OK; /* as it stands, or as a workbook */
	*done = 1;
	if (given < 0)
		return WG_EUSAGE;
	FILE *mem = open_memstream(&buf, &len), *saved = stdout;
	if (!mem)
		return cli_error(WG_EIO, "%s", _("out of memory"));
	stdout = mem;
	int rc = env->self->run(env, n, args);
	fflush(mem);
	stdout = saved;
	fclose(mem);
	if (rc == WG_OK && (wg_text_pages(buf, len, width, lines, stdout) != 0 || fflush(stdout) != 0))
		rc = cli_error(WG_EIO, "%s", _("cannot write the output"));
	free(buf);
	return rc;
}
