/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* What the CSV reader, decoder and writer share: the reader state, problems, spaces. */
#ifndef WANGGE_CSV_PRIV_H
#define WANGGE_CSV_PRIV_H

#include <stddef.h>
#include <stdio.h>

#include <wangge/csv.h>

/*
 * Where the bytes come from: a file, a buffer, a workbook's sheet made CSV text.  read gives
 * up to cap bytes: their count, 0 at the end, or -1 with why set (translated, naming no file).
 */
struct wg_csv_src {
	long (*read)(void *arg, char *buf, size_t cap, char *why, size_t whysz);
	void (*close)(void *arg);
	void *arg;
	int rows;                 /* a sheet made text: a line break inside a value is no new line */
	int stream;               /* records are dropped once read (wg_csv_open_src) */
	size_t size;              /* the bytes to come, if known (0): a whole reader's text */
};

/* The first read (which also decides an unmarked file's encoding: a register's header and
 * first thousand rows) and every later one.  A streaming reader's window is about two. */
#define WG_CSV_FIRST_CHUNK (1u << 18)
#define WG_CSV_CHUNK (1u << 18)

/*
 * The decoded text is parsed in place: cells are NUL-terminated where their delimiter was and
 * quotes are undoubled by moving bytes down.  The text is decoded a chunk at a time; a whole
 * reader keeps all of it (its cells stay valid until wg_csv_close), a streaming one drops
 * what was read before the record being parsed, so a file of any length costs a window.
 */
struct wg_csv {
	char *name;
	struct wg_problems *probs;
	struct wg_csv_src src;
	int eof;                  /* the source is read and decoded to its end */
	enum wg_csv_status status; /* why reading on failed */
	enum wg_encoding asked;   /* --encoding */
	enum wg_encoding encoding; /* WG_ENC_AUTO while every byte so far was ASCII */
	int started;              /* the first chunk (byte-order marks) is behind */
	void *iconv;              /* GB18030 -> UTF-8, once chosen */
	char *raw;                /* bytes read, not yet decoded (a character cut by a chunk) */
	size_t rawlen, rawcap;
	char *text;               /* UTF-8, NUL-terminated, no other NUL */
	size_t textlen, textcap;
	long base_line;           /* physical line at text[0] */
	long pin;                 /* offset kept while titles are tried (-1: none) */
	long pin_line;
	char *pos;                /* parse cursor */
	long line;                /* physical line at pos */
	int broken;               /* an unterminated quote ended the parse */
	char **cells;             /* the current record */
	size_t ncells, cellcap;
	struct wg_csv_record rec;
	char **header;            /* copies: the text moves on */
	size_t nheader;
	long header_line;
	const struct wg_csv_column *cols;
	size_t ncols;
	long *colmap;             /* key index -> header position, -1 if absent */
	const char **unknown;
	size_t nunknown;
};

/* A reader over the file at path; stream: as wg_csv_open_src. */
enum wg_csv_status wg_csv_open_path(struct wg_csv **out, const char *path, enum wg_encoding enc,
				    int stream, struct wg_problems *probs);

/* A streaming reader over the open file f, which stays the caller's. */
enum wg_csv_status wg_csv_open_fp(struct wg_csv **out, const char *name, FILE *f,
				  enum wg_encoding enc, struct wg_problems *probs);

/* A reader over src, which it takes over (src->close is called even on failure); the header
 * is read.  A streaming reader's records are valid until the next wg_csv_next only. */
enum wg_csv_status wg_csv_open_src(struct wg_csv **out, const char *name,
				   const struct wg_csv_src *src, enum wg_encoding enc,
				   struct wg_problems *probs);

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
/* Reads the next chunk of the source and appends it, decoded, to the text (csv-decode.c);
 * want: bytes to ask for.  WG_CSV_OK (c->eof set at the end), or a problem listed. */
enum wg_csv_status wg_csv_fill(struct wg_csv *c, size_t want);
/* Frees the decoder's state. */
void wg_csv_decode_end(struct wg_csv *c);

/* Bytes of the space (ASCII space, tab, U+3000) starting at p, or 0. */
size_t wg_csv_space_at(const char *p);
/* Bytes of the space ending just before end (not before start), or 0. */
size_t wg_csv_space_before(const char *start, const char *end);

#endif
