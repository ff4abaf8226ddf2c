/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Reading a sheet of an .xlsx workbook as CSV text (csv-xlsx.c), for the importers. */
#ifndef WANGGE_CSV_XLSX_H
#define WANGGE_CSV_XLSX_H

#include <stddef.h>

/* Whether a file starting with these bytes is a ZIP container (an .xlsx workbook). */
int wg_xlsx_is(const void *head, size_t len);

/*
 * The sheet want (NULL or "": the first; a number: the Nth; else its name) of the workbook at
 * path, opened to be read as UTF-8 CSV a chunk at a time (wg_xlsx_read): row N is line N
 * (rows left out are blank lines), cells in their columns, shared and inline strings as text,
 * numbers as the workbook writes them, dates as YYYY-MM-DD.  sheet gets the sheet's name.
 * NULL with why set (translated, naming no file).  Only the shared strings are held whole.
 */
struct wg_xlsx_rows;
struct wg_xlsx_rows *wg_xlsx_open(const char *path, const char *want, char *sheet, size_t sheetsz,
				  char *why, size_t whysz);
/* A wg_csv_src's read and close (arg: the wg_xlsx_rows). */
long wg_xlsx_read(void *arg, char *buf, size_t cap, char *why, size_t whysz);
void wg_xlsx_close(void *arg);

/* A cell of a workbook being written, typed as wg_csv_to_xlsx types it (plain numbers as
 * numbers, YYYY-MM-DD [HH:MM] as dates in the formats given, the rest as text). */
#ifdef HAVE_XLSXWRITER
#include "xlsx-lib.h"
lxw_error wg_xlsx_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const char *v,
		       lxw_format *date, lxw_format *datetime);
#endif
/* Why this build writes no workbook (built without libxlsxwriter, as on Debian 11). */
#define WG_XLSX_NO_WRITER N_("this wangge was built without libxlsxwriter, so it writes no .xlsx " \
			     "workbook; use --format csv (or text), or a build with libxlsxwriter")

#endif
