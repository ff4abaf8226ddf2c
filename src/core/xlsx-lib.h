/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* libxlsxwriter, loaded when a workbook is first written (core-private; HAVE_XLSXWRITER only). */
#ifndef WANGGE_XLSX_LIB_H
#define WANGGE_XLSX_LIB_H

#include <stddef.h>

#include <xlsxwriter.h>

/* The libxlsxwriter calls wangge makes, each typed as xlsxwriter.h declares it. */
#define XLSX_LIB_CALLS(X) \
	X(workbook_new) X(workbook_new_opt) X(workbook_add_worksheet) X(workbook_add_format) \
	X(workbook_close) X(workbook_validate_sheet_name) X(worksheet_write_string) \
	X(worksheet_write_number) X(worksheet_write_datetime) X(worksheet_set_column) \
	X(worksheet_freeze_panes) X(worksheet_merge_range) X(format_set_bold) \
	X(format_set_num_format) X(format_set_font_size) X(format_set_border) X(lxw_strerror)

struct xlsx_lib {
#define XLSX_LIB_FIELD(name) __typeof__(name) *name;
	XLSX_LIB_CALLS(XLSX_LIB_FIELD)
#undef XLSX_LIB_FIELD
};

/* The library loaded (once), or NULL with the reason (what to install) in why.  Call it before
 * the first workbook: the names below go through its table from then on. */
const struct xlsx_lib *xlsx_lib_load(char *why, size_t whysz);
extern struct xlsx_lib xlsx_lib;

/* The files that write workbooks call libxlsxwriter by its own names, through the table. */
#ifndef XLSX_LIB_LOADER
#define workbook_new (*xlsx_lib.workbook_new)
#define workbook_new_opt (*xlsx_lib.workbook_new_opt)
#define workbook_add_worksheet (*xlsx_lib.workbook_add_worksheet)
#define workbook_add_format (*xlsx_lib.workbook_add_format)
#define workbook_close (*xlsx_lib.workbook_close)
#define workbook_validate_sheet_name (*xlsx_lib.workbook_validate_sheet_name)
#define worksheet_write_string (*xlsx_lib.worksheet_write_string)
#define worksheet_write_number (*xlsx_lib.worksheet_write_number)
#define worksheet_write_datetime (*xlsx_lib.worksheet_write_datetime)
#define worksheet_set_column (*xlsx_lib.worksheet_set_column)
#define worksheet_freeze_panes (*xlsx_lib.worksheet_freeze_panes)
#define worksheet_merge_range (*xlsx_lib.worksheet_merge_range)
#define format_set_bold (*xlsx_lib.format_set_bold)
#define format_set_num_format (*xlsx_lib.format_set_num_format)
#define format_set_font_size (*xlsx_lib.format_set_font_size)
#define format_set_border (*xlsx_lib.format_set_border)
#define lxw_strerror (*xlsx_lib.lxw_strerror)
#endif

#endif
