/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* What the CSV reader, decoder and writer share: the reader state, problems, spaces. */
#ifndef WANGGE_CSV_PRIV_H
#define WANGGE_CSV_PRIV_H

#include <stddef.h>

#include <wangge/csv.h>

/*
 * The decoded text is parsed in place: cells are NUL-terminated where
 * their delimiter was and quotes are undoubled by moving bytes down, so a
 * file costs one buffer however many cells it has.
 */
struct wg_csv {
	char *name;
	int rows;                 /* a sheet made text: a line break inside a value is no new line */
	struct wg_problems *probs;
	enum wg_encoding encoding;
	char *text;               /* UTF-8, NUL-terminated, no other NUL */
	size_t textlen;
	char *pos;                /* parse cursor */
	long line;                /* physical line at pos */
	int broken;               /* an unterminated quote ended the parse */
	char **cells;             /* the current record */
	size_t ncells, cellcap;
	struct wg_csv_record rec;
	char **header;
	size_t nheader;
	long header_line;
	const struct wg_csv_column *cols;
	size_t ncols;
	long *colmap;             /* key index -> header position, -1 if absent */
	const char **unknown;
	size_t nunknown;
};

/* A reader over a sheet's rows made CSV text (csv-xlsx.c; UTF-8, malloc'd, taken over): a
 * record's line is its row, even with line breaks inside cells. */
enum wg_csv_status wg_csv_open_rows(struct wg_csv **out, const char *name, char *text,
                                    size_t len, struct wg_problems *probs);

/* A cell's text within the buffer, end exclusive. */
struct span {
	char *start, *end;
};

/* Adds a problem about line (0: the whole file) and column of the reader's file. */
void wg_csv_problem(struct wg_csv *c, long line, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void wg_csv_out_of_memory(struct wg_problems *probs, const char *name);
/* strcasecmp folds by the locale; header and encoding names fold ASCII letters only. */
int wg_csv_casecmp(const char *a, const char *b);
/* Turns the raw bytes into UTF-8 text in c->text (csv-decode.c); raw is taken over. */
enum wg_csv_status wg_csv_decode(struct wg_csv *c, char *raw, size_t len, enum wg_encoding enc);

/* Bytes of the space (ASCII space, tab, U+3000) starting at p, or 0. */
size_t wg_csv_space_at(const char *p);
/* Bytes of the space ending just before end (not before start), or 0. */
size_t wg_csv_space_before(const char *start, const char *end);

#endif
