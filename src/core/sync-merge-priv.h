/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* What the parts of applying a sync body share (core-private): the rows and versions in hand,
 * the import's state, and the steps one part takes for another.  sync-merge.c applies rows
 * and runs the passes; sync-merge-conflict.c lists a conflict; sync-merge-delete.c takes
 * deletions and aliases; sync-merge-vv.c the vectors and the claims on this site's own
 * changes; sync-merge-unique.c settles a unique value held twice; sync-merge-refs.c mends
 * references left pointing at nothing; sync-merge-move.c takes the records that left this
 * community at the street. */
#ifndef WANGGE_SYNC_MERGE_PRIV_H
#define WANGGE_SYNC_MERGE_PRIV_H

#include <stdint.h>

#include <sqlite3.h>

#include <wangge/core.h>
#include "sync-pack.h"
#include "sync-priv.h"

#define MAXCOL 64
#define MAXDEPTH 8

struct row {
	int n;
	sqlite3_value *v[MAXCOL];
};

/* The versions a file gives one row. */
struct inver {
	int n;
	char key[MAXCOL + 2][40];
	struct sync_ver v[MAXCOL + 2];
};

struct merge {
	struct wg_ctx *ctx;
	const struct sync_schema *s;
	int from, policy, depth;
	int adopt;    /* a new database taking its office's whole file */
	struct sync_ver own;
	int own_used;
	long rows_in; /* rows the file brings */
	struct sync_merge_result *res;
	sqlite3_stmt **sel, **ins, **upd;
};

struct listing {
	const char *op, *why, *once;
	int64_t rid;
	const struct row *here, *there;
	const unsigned char *mask;
};


/* A row's values: freed; set (a copy, or NULL); set to an integer (or NULL) or a text made here. */
void mg_row_free(struct row *r);
int mg_row_set(struct row *r, int i, sqlite3_value *v);
int mg_row_set_int(struct wg_ctx *ctx, struct row *r, int i, int64_t value, int null);
int mg_row_set_text(struct wg_ctx *ctx, struct row *r, int i, const char *text);
int mg_same_value(sqlite3_value *a, sqlite3_value *b);
/* Row rid of table ti into r: 1 found, 0 not, -1 an error; written back (the columns in take,
 * or all): SQLite's result code. */
int mg_load_row(struct merge *m, int ti, int64_t rid, struct row *r);
int mg_write_row(struct merge *m, int ti, int64_t rid, const struct row *r, const unsigned char *take);
/* This import's own version (what this site writes while applying). */
const struct sync_ver *mg_own(struct merge *m);
/* Lists a conflict once (sync-merge-conflict.c). */
void mg_list_conflict(struct merge *m, const struct sync_table *t, const struct listing *l);
/* Runs sql (freed) with ?1 = x, ?2 = y: SQLite's result code. */
int mg_exec_ids(struct wg_ctx *ctx, char *sql, int64_t x, int64_t y);
/* One incoming row (rid0 as the file names it, rid as it is here) into the table, by version. */
int mg_apply_row(struct merge *m, int ti, int64_t rid0, int64_t rid, struct row *there,
		 const struct inver *iv);
int mg_update_existing(struct merge *m, int ti, int64_t rid0, int64_t rid, struct row *here,
		       struct row *there, const struct inver *iv);
/* The row goes, and its deletion stays. */
int mg_delete_row(struct merge *m, int ti, int64_t rid, const struct sync_ver *v);

/* sync-merge-delete.c: a deletion the file brings (the row goes, its deletion stays; a rule may
 * refuse it); an alias (two rows another site found to be one). */
int mg_apply_tombstone(struct merge *m, const char *tbl, int64_t rid0, const struct sync_ver *v);
int mg_apply_alias(struct merge *m, const char *tbl, int64_t from, int64_t to, const struct sync_ver *v);

/* sync-merge-vv.c: refuses a file that carries changes said to be this site's own that it never
 * made (but for a restore's); raises the vectors and the sender's acknowledgements. */
int mg_own_claims(struct merge *m, int64_t own_before);
int mg_raise_vectors(struct merge *m);

/* sync-merge-unique.c: the row here that holds r's unique value (and which one); two rows that
 * are one thing merged, the larger key into the smaller; a row moved to another key; a value
 * given up by the incoming row, or by the one here. */
int64_t mg_find_clash(struct merge *m, const struct sync_table *t, const struct row *r, int64_t rid,
		      const struct sync_unique **which);
int mg_merge_two(struct merge *m, int ti, int64_t a, int64_t b);
int mg_move_row(struct merge *m, int ti, int64_t from, int64_t to);
int mg_give_up_value(struct merge *m, const struct sync_table *t, struct row *r, int64_t rid,
		     const struct sync_unique *u, int64_t holder);
int mg_local_gives_up(struct merge *m, int ti, int64_t other, const struct sync_unique *u,
		      int64_t holder);

/* sync-merge-refs.c: references the import left pointing at nothing, mended or listed. */
int mg_fix_references(struct merge *m);

/* sync-merge-move.c: the records that left this community at the street (the file's _move). */
int mg_apply_moves(struct merge *m);

#endif
