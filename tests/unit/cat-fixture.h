/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A throw-away database with a site and an admin, shared by the category tests and benchmark. */
#ifndef WANGGE_TESTS_CAT_FIXTURE_H
#define WANGGE_TESTS_CAT_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include <wangge/category.h>

/*
 * A fresh database in a new temporary folder, with site 1 and a first admin
 * account acting.  No Criterion here, so the benchmark can use it too:
 * returns NULL (and prints why) on failure.
 */
struct wg_ctx *catfx_open(void);
/* Closes the database and removes the folder. */
void catfx_close(struct wg_ctx *ctx);

/* Imports text from memory as file "t.csv". */
int catfx_import(struct wg_ctx *ctx, const char *text, const int *expect, int replace,
		 struct wg_problems *probs, struct wg_category_import_result *res);

/* The single integer a query returns (count(*) and the like), or -1. */
long catfx_int(struct wg_ctx *ctx, const char *sql);
/* Same, with one text parameter bound to ?1. */
long catfx_int1(struct wg_ctx *ctx, const char *sql, const char *arg);

/* The first column of the first row as text into out ("" if none). */
void catfx_text(struct wg_ctx *ctx, const char *sql, const char *arg, char *out, size_t outsz);

/* Adds an open case on the category with this code; deadline 0 means none. */
int64_t catfx_add_task(struct wg_ctx *ctx, const char *code, int64_t deadline);

/* Converts UTF-8 text to another encoding (malloc'ed, NUL-terminated, length in *len). */
char *catfx_iconv(const char *utf8, const char *to, size_t *len);

/* Path of data/categories/full-model.csv: $WANGGE_DATADIR, else $TOP_SRCDIR/data, else ../data. */
const char *catfx_default_table(void);

/* Reads a whole file into memory (malloc'ed, NUL-terminated), or NULL. */
char *catfx_slurp(const char *path, size_t *len);

#endif
