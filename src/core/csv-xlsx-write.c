/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A table the program wrote as CSV, written again as an .xlsx workbook that WPS and Excel open
 * with real types: a bold, frozen header row, numbers as numbers, dates as dates, and every
 * code-like number (ID numbers, phones, cell codes) kept as text; columns as wide as their
 * CJK text.  libxlsxwriter writes the workbook, row by row in its constant-memory mode. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/csv.h>
#include <wangge/i18n.h>
#include <wangge/text.h>
#include "csv-priv.h"
#include "csv-xlsx.h"

#ifdef HAVE_XLSXWRITER


#define MAX_COLS 64
#define WIDTH_MAX 50

enum kind { K_TEXT, K_NUMBER, K_DATE, K_DATETIME };

/* A number a sheet may compute with: at most ten digits before the point, no leading zero
 * (codes, ID numbers and phones stay text, so that no digit is ever rounded away). */
static int plain_number(const char *s)
{
	const char *p = s + (*s == '-');
	size_t digits = strspn(p, "0123456789");
	if (digits == 0 || digits > 10 || (digits > 1 && *p == '0'))
		return 0;
	p += digits;
	if (*p == '.') {
		size_t frac = strspn(p + 1, "0123456789");
		if (frac == 0 || frac > 6)
			return 0;
		p += 1 + frac;
	}
	return *p == '\0';
}

static enum kind kind_of(const char *s, lxw_datetime *dt)
{
	int y, mo, d, h = 0, mi = 0, n = 0;
	memset(dt, 0, sizeof *dt);
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == 10 && y >= 1900 && mo >= 1 &&
	    mo <= 12 && d >= 1 && d <= 31) {
		int m2 = 0;
		if (s[10] == '\0' ||
		    ((s[10] == ' ' || s[10] == 'T') && sscanf(s + 11, "%2d:%2d%n", &h, &mi, &m2) == 2 &&
		     m2 == 5 && s[16] == '\0')) {
			*dt = (lxw_datetime){ y, mo, d, h, mi, 0 };
			return s[10] ? K_DATETIME : K_DATE;
		}
	}
	return plain_number(s) ? K_NUMBER : K_TEXT;
}

/* Display columns of a cell, a CJK character counting two. */
static size_t width_of(const char *s)
{
	size_t w = wg_text_width(s);
	return w > WIDTH_MAX ? WIDTH_MAX : w;
}

lxw_error wg_xlsx_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const char *v,
		       lxw_format *date, lxw_format *datetime)
{
	lxw_datetime dt;
	switch (*v ? kind_of(v, &dt) : K_TEXT) {
	case K_NUMBER: return worksheet_write_number(ws, r, col, strtod(v, NULL), NULL);
	case K_DATE: return worksheet_write_datetime(ws, r, col, &dt, date);
	case K_DATETIME: return worksheet_write_datetime(ws, r, col, &dt, datetime);
	default: return *v ? worksheet_write_string(ws, r, col, v, NULL) : LXW_NO_ERROR;
	}
}

/* The rows of the reader c into a new workbook at path, the columns as wide as the widest
 * text in them (set last: libxlsxwriter writes the columns' part when it closes). */
static int write_table(struct wg_csv *c, const char *sheet, const char *path, char *why,
		       size_t whysz)
{
	double widths[MAX_COLS];
	size_t ncols, n;
	const struct wg_csv_record *rec;
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	if (!xlsx_lib_load(why, whysz))
		return -1;
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, sheet) : NULL;
	if (!ws) {
		snprintf(why, whysz, _("cannot create %s"), path);
		if (wb)
			workbook_close(wb);
		return -1;
	}
	lxw_format *bold = workbook_add_format(wb), *date = workbook_add_format(wb);
	lxw_format *datetime = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_num_format(date, "yyyy-mm-dd");
	format_set_num_format(datetime, "yyyy-mm-dd hh:mm");
	worksheet_freeze_panes(ws, 1, 0);
	const char *const *head = wg_csv_header(c, &n);
	ncols = n < MAX_COLS ? n : MAX_COLS;
	lxw_error err = LXW_NO_ERROR;
	for (size_t i = 0; i < ncols && !err; i++) {
		widths[i] = (double)width_of(head[i]) + 2;
		err = worksheet_write_string(ws, 0, (lxw_col_t)i, head[i], bold);
	}
	for (lxw_row_t r = 1; !err && wg_csv_next(c, &rec) == 1; r++)
		for (size_t i = 0; i < rec->ncells && i < ncols && !err; i++) {
			const char *v = wg_csv_cell(rec, i);
			double w = (double)width_of(v) + 2;
			widths[i] = w > widths[i] ? w : widths[i];
			err = wg_xlsx_cell(ws, r, (lxw_col_t)i, v, date, datetime);
		}
	for (size_t i = 0; i < ncols && !err; i++)
		err = worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
	lxw_error closed = workbook_close(wb);
	if (err || closed) {
		snprintf(why, whysz, _("cannot write %s: %s"), path, lxw_strerror(err ? err : closed));
		return -1;
	}
	return 0;
}

int wg_csv_file_to_xlsx(FILE *csv, const char *sheet, const char *path, char *why, size_t whysz)
{
	struct wg_csv *c = NULL;
	if (wg_csv_open_fp(&c, "-", csv, WG_ENC_UTF8, NULL) != WG_CSV_OK) {
		snprintf(why, whysz, "%s", _("the table to write could not be read back"));
		return -1;
	}
	int rc = write_table(c, sheet, path, why, whysz);
	wg_csv_close(c);
	return rc;
}

int wg_csv_to_xlsx(const char *csv, size_t len, const char *sheet, const char *path, char *why,
		   size_t whysz)
{
	FILE *f = fmemopen((void *)csv, len, "r");
	int rc = -1;
	if (!f)
		snprintf(why, whysz, "%s", _("out of memory"));
	else
		rc = wg_csv_file_to_xlsx(f, sheet, path, why, whysz);
	if (f)
		fclose(f);
	return rc;
}

#else

int wg_csv_to_xlsx(const char *csv, size_t len, const char *sheet, const char *path, char *why,
		   size_t whysz)
{
	(void)csv, (void)len, (void)sheet, (void)path;
	snprintf(why, whysz, "%s", _(WG_XLSX_NO_WRITER));
	return -1;
}

int wg_csv_file_to_xlsx(FILE *csv, const char *sheet, const char *path, char *why, size_t whysz)
{
	(void)csv, (void)sheet, (void)path;
	snprintf(why, whysz, "%s", _(WG_XLSX_NO_WRITER));
	return -1;
}

#endif
