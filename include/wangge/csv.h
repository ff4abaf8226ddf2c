/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Reading and writing the CSV files of every importer and exporter (UTF-8 or GB18030, RFC 4180). */
#ifndef WANGGE_CSV_H
#define WANGGE_CSV_H

#include <stddef.h>
#include <stdio.h>

#include <wangge/problems.h>

enum wg_encoding {
	WG_ENC_AUTO,     /* UTF-8 if the bytes are valid UTF-8, else GB18030 */
	WG_ENC_UTF8,
	WG_ENC_GB18030,  /* also reads GBK and GB2312, which it contains */
};

/*
 * Parses an --encoding value: "auto", "utf-8", "utf8", "gb18030", "gbk",
 * "gb2312", any case.  Returns 0, or -1 if the name is unknown.
 */
int wg_encoding_parse(const char *name, enum wg_encoding *out);

enum wg_csv_status {
	WG_CSV_OK = 0,
	WG_CSV_ERR_READ,    /* the file cannot be opened or read (exit 3) */
	WG_CSV_ERR_DATA,    /* encoding, quoting or header problem (exit 1) */
	WG_CSV_ERR_MEMORY,
};

/* A reader: the whole file, decoded to UTF-8, and a cursor over its records. */
struct wg_csv;

/* One record.  Only valid until the next wg_csv_next or wg_csv_close. */
struct wg_csv_record {
	long line;                  /* physical line where it starts, 1-based */
	size_t ncells;
	const char *const *cells;   /* UTF-8, NUL-terminated */
	const struct wg_csv *csv;   /* for wg_csv_field */
};

/*
 * Opens PATH, or a copy of LEN bytes at DATA (NAME is then used in
 * messages), decodes it to UTF-8 and reads the header: the first record
 * that is not blank.  Every failure is explained in PROBS, which the
 * reader keeps using for later problems; it must outlive the reader.
 * On failure *out is NULL.
 */
enum wg_csv_status wg_csv_open_file(struct wg_csv **out, const char *path,
                                    enum wg_encoding enc,
                                    struct wg_problems *probs);
/* Imports read this sheet of an .xlsx workbook (a name, or a number from 1); NULL or "": the
 * first.  A CSV file ignores it. */
struct wg_ctx;
void wg_import_sheet(struct wg_ctx *ctx, const char *sheet);

enum wg_csv_status wg_csv_open_mem(struct wg_csv **out, const char *name,
                                   const void *data, size_t len,
                                   enum wg_encoding enc,
                                   struct wg_problems *probs);
void wg_csv_close(struct wg_csv *csv);

/* The file name used in messages. */
const char *wg_csv_name(const struct wg_csv *csv);

/* The encoding the file was read in: WG_ENC_UTF8 or WG_ENC_GB18030. */
enum wg_encoding wg_csv_encoding(const struct wg_csv *csv);

/* The header cells as written, trimmed, and the line they are on. */
const char *const *wg_csv_header(const struct wg_csv *csv, size_t *n);
long wg_csv_header_line(const struct wg_csv *csv);

/*
 * A column the caller knows.  KEY names it in messages and is itself
 * accepted as a header name; ALIASES (NULL-terminated, may be NULL) are
 * the other accepted names, English and Chinese.  Header names match
 * after trimming, ignoring ASCII case.
 */
struct wg_csv_column {
	const char *key;
	const char *const *aliases;
	int required;
};

/* Position of COL among the header cells, or -1 (to tell layouts apart). */
long wg_csv_find_column(const struct wg_csv *csv,
                        const struct wg_csv_column *col);

/*
 * Maps the header onto COLS[0..ncols-1], in any order.  A missing
 * required column and a column given twice are problems on the header
 * line.  COLS must outlive the reader.  Returns 0, or -1 if a problem was
 * found (or memory ran out).  May be called again with another table.
 */
int wg_csv_map_header(struct wg_csv *csv, const struct wg_csv_column *cols,
                      size_t ncols);

/* Header cells that matched no column (empty cells left out), to warn. */
const char *const *wg_csv_unknown_columns(const struct wg_csv *csv, size_t *n);

/* Whether the header has column KEY_INDEX of the mapped table. */
int wg_csv_has_column(const struct wg_csv *csv, size_t key_index);

/*
 * The next non-blank record (a record whose cells are all empty is
 * blank).  Returns 1 with *rec set, 0 at the end, -1 when the rest of the
 * file cannot be read (an unterminated quote; out of memory), and again
 * on every later call.  A record
 * with a non-empty cell beyond the header, or under an empty header cell,
 * is a problem naming its line, but is still returned.
 */
int wg_csv_next(struct wg_csv *csv, const struct wg_csv_record **rec);

/*
 * The text of column KEY_INDEX (of the table given to wg_csv_map_header)
 * in REC; "" if the file has no such column or the row is short.  The
 * text stays valid until wg_csv_close.  Unquoted cells are trimmed of
 * ASCII spaces, tabs and U+3000; quoted cells are kept as written,
 * line breaks included.
 */
const char *wg_csv_field(const struct wg_csv_record *rec, size_t key_index);

/* Cell I of REC by position, or "" past its end. */
const char *wg_csv_cell(const struct wg_csv_record *rec, size_t i);

/* Column KEY_INDEX as the file's header spells it (its key if absent), for messages. */
const char *wg_csv_column_label(const struct wg_csv *csv, size_t key_index);

/*
 * Writes one row ending in "\n".  Fields with a comma, quote, CR or LF,
 * or with leading or trailing space (ASCII or U+3000) are quoted; NULL is
 * written as empty.  Returns 0, or -1 on a write error.
 */
int wg_csv_write_row(FILE *out, const char *const *fields, size_t n);

/* The UTF-8 byte-order mark spreadsheet programs look for.  0 or -1. */
int wg_csv_write_bom(FILE *out);

/*
 * A table written as CSV (a header row, then rows) written again as an .xlsx workbook at
 * path, one sheet named sheet: the header bold and frozen, plain numbers as numbers,
 * YYYY-MM-DD (HH:MM) as dates, everything else (codes, ID numbers, phones) as text; columns
 * as wide as their text.  0, or -1 with why set.
 */
int wg_csv_to_xlsx(const char *csv, size_t len, const char *sheet, const char *path, char *why,
		   size_t whysz);
/* The same from the table in the file csv (read from where it stands, a window at a time,
 * so a 100,000-row table is never held whole). */
int wg_csv_file_to_xlsx(FILE *csv, const char *sheet, const char *path, char *why, size_t whysz);

#endif
