/* Writing CSV rows that every reader of ours (and spreadsheet programs) reads back as written. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/csv.h>
#include "csv-priv.h"

/* Quotes whatever the reader would split, unescape or trim. */
static int needs_quotes(const char *s)
{
	if (s[strcspn(s, ",\"\r\n")] != '\0')
		return 1;
	return wg_csv_space_at(s) || wg_csv_space_before(s, s + strlen(s));
}

static void write_field(FILE *out, const char *s)
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

int wg_csv_write_row(FILE *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', out);
		write_field(out, fields[i] ? fields[i] : "");
	}
	putc('\n', out);
	return ferror(out) ? -1 : 0;
}

int wg_csv_write_bom(FILE *out)
{
	return fwrite("\xEF\xBB\xBF", 1, 3, out) == 3 ? 0 : -1;
}
