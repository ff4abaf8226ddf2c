/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Writing CSV rows that every reader of ours (and spreadsheet programs) reads back as written. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/csv.h>
#include <wangge/unctrl.h>
#include "csv-priv.h"

/* Quotes whatever the reader would split, unescape or trim. */
static int needs_quotes(const char *s)
{
	if (s[strcspn(s, ",\"\r\n")] != '\0')
		return 1;
	return wg_csv_space_at(s) || wg_csv_space_before(s, s + strlen(s));
}

static void write_quoted(FILE *out, const char *s)
{
	if (!needs_quotes(s)) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
}

/*
 * A control character (from old data: the importers refuse them) is written as \xHH, as on
 * the terminal: a CSV file is read with cat and less as often as with a spreadsheet, and the
 * escaped text imports back as plain text.  Line breaks and tabs stay, quoted.
 */
static int write_field(FILE *out, const char *raw)
{
	size_t len = strlen(raw);
	char small[WG_UNCTRL_BYTES(256)], *s = len <= 256 ? small : malloc(WG_UNCTRL_BYTES(len));
	if (!s)
		return -1;
	wg_unctrl_str(raw, s, WG_UNCTRL_BYTES(len), WG_UNCTRL_KEEP_LAYOUT);
	write_quoted(out, s);
	if (s != small)
		free(s);
	return 0;
}

int wg_csv_write_row(FILE *out, const char *const *fields, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', out);
		rc |= write_field(out, fields[i] ? fields[i] : "");
	}
	putc('\n', out);
	return rc || ferror(out) ? -1 : 0;
}

int wg_csv_write_bom(FILE *out)
{
	return fwrite("\xEF\xBB\xBF", 1, 3, out) == 3 ? 0 : -1;
}
