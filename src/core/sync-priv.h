/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Sync's shared pieces: the shape of the shared tables, versions and vectors (core-private). */
#ifndef WANGGE_SYNC_PRIV_H
#define WANGGE_SYNC_PRIV_H

#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>

#include "core-int.h"

/*
 * The merge, in short (README "Sync" says it for clerks):
 * - every saved transaction of a site gets the next number of that site
 *   (seq) and a hybrid logical clock (hlc: seconds << 20 plus a counter,
 *   never behind any clock this site has seen); with it is kept the version
 *   vector the site had (for each origin, the highest seq it held);
 * - each column of a shared row remembers the version that last wrote it
 *   (sync_cols: '*' for the whole row as inserted, '-' for its deletion,
 *   "flow" for a case's state, handler and deadlines, which move as one);
 * - an incoming version the local writer knew (by its vector) is old and is
 *   skipped; one that knew the local is taken; two that did not know each
 *   other are concurrent: the later clock wins (the office, under
 *   conflict = office), and when the values differ the other is listed;
 * - a deletion wins and stays; names that must be unique (a building in a
 *   cell, a tag, a skill, a team, ...) made on two sites are one thing: the
 *   larger key is merged into the smaller and remembered as an alias; an ID
 *   number or another unique value held by two records stays with the lower
 *   key, and the other record loses it (listed);
 * - a file carries, for every origin, what the receiver has not shown it
 *   holds (the receiver's vector, from its last file); taking a file raises
 *   this site's vector to the sender's.
 * Merging is per column and commutative, so any order of files, any number
 * of times, ends in the same rows everywhere.
 */

/* A version: origin site, its transaction number, its clock.  {0,0,0}: before sync kept any. */
struct sync_ver {
	int origin;
	int64_t seq, hlc;
};

struct sync_fk {
	int col;      /* the referring column */
	int parent;   /* index of the referred table */
	int notnull;  /* the column may not be NULL */
};

/* A version's hybrid clock: the wall clock's seconds shifted by this, plus a counter. */
#define SYNC_CLOCK_BITS 20

#define SYNC_UNIQUE_MAX 4
struct sync_unique {
	int ncol;
	int cols[SYNC_UNIQUE_MAX];
};

struct sync_table {
	char *name;
	int ncol;
	char **cols;
	unsigned char *notnull;
	unsigned char *flow;       /* column moves with the case's flow group */
	int nfk;
	struct sync_fk *fk;
	int nuniq;
	struct sync_unique *uniq;
	int natural;               /* the same unique value is the same thing: merged */
	int insert_only;           /* the audit log: a row arrives once and never changes */
};

struct sync_schema {
	int n;
	struct sync_table *t;
	int *order; /* table indexes, referred-to tables before those that refer to them */
};

/* sync-schema.c */
int sync_shared_table(const char *name);
/* The shared tables, their columns, keys and unique sets, read once per open store. */
const struct sync_schema *sync_schema_get(struct wg_ctx *ctx);
void sync_schema_free(struct wg_ctx *ctx);
int sync_table_find(const struct sync_schema *s, const char *name);
int sync_col_find(const struct sync_table *t, const char *name);
/* The version key of column i: its name, or "flow". */
const char *sync_col_key(const struct sync_table *t, int i);
/* created_at, created_by, updated_at, updated_by: decided like others, never listed. */
int sync_stamp_col(const char *name);
/* Columns wangge fills itself on each site: never shown in a conflict, never sealed. */
int sync_machine_col(const char *name);

/* sync-record.c */
/* The policy for concurrent writes in force here: 2 the office's wins, 0 the later clock. */
int sync_policy(struct wg_ctx *ctx, const char *configured);
/* This site's vector entry for origin (0 when none). */
int64_t sync_vv_get(struct wg_ctx *ctx, int origin);
/* Raises the entry (and the clock seen) for origin. */
int sync_vv_raise(struct wg_ctx *ctx, int origin, int64_t seq, int64_t hlc);
/* The next version of this site: seq and a clock past every clock seen; *known the vector. */
int sync_next_version(struct wg_ctx *ctx, struct sync_ver *v);
/* Keeps v as a transaction of this site with the vector it has now, and moves the vector on. */
int sync_own_done(struct wg_ctx *ctx, const struct sync_ver *v);
/* Sets the version of (tbl, rid, key); '*' and '-' first clear the row's other entries. */
int sync_put_version(struct wg_ctx *ctx, const char *tbl, int64_t rid, const char *key,
		     const struct sync_ver *v);
/* The entry for key or else '*' (or '-' when deleted: *deleted); {0} when none. */
int sync_get_version(struct wg_ctx *ctx, const char *tbl, int64_t rid, const char *key,
		     struct sync_ver *v);
int sync_tombstone(struct wg_ctx *ctx, const char *tbl, int64_t rid, struct sync_ver *v);
/* What a vector as text ("origin:seq,...", a transaction's known or a sealed file's) holds of origin. */
int64_t sync_known_in(const char *known, int origin);
/* Whether the writer of a knew b (by a's transaction vector, kept in sync_txns). */
int sync_knows(struct wg_ctx *ctx, const struct sync_ver *a, const struct sync_ver *b);
/* Of two versions, whether a is the greater (policy 2: what the writer knew of the office first). */
int sync_wins(struct wg_ctx *ctx, const struct sync_ver *a, const struct sync_ver *b, int policy);
/* The alias a row key became, following chains (the key itself when none). */
int64_t sync_alias(struct wg_ctx *ctx, const char *tbl, int64_t rid);
int sync_alias_add(struct wg_ctx *ctx, const char *tbl, int64_t from, int64_t to,
		   const struct sync_ver *v);
/* Recording a transaction's changes once the site is paired: SQLite's pre-update hook notes
 * each changed row of the shared tables from begin, turned into column versions by commit
 * (backup.c runs it before its COMMIT, so a copy holds it; a second call finds nothing
 * more), dropped on rollback; freed when the store closes. */
int sync_record_begin(struct wg_ctx *ctx);
int sync_record_commit(struct wg_ctx *ctx);
void sync_record_drop(struct wg_ctx *ctx);
void sync_record_free(struct wg_ctx *ctx);
/* A session of its own (backup.c) takes the hook while paused; the changes it saw are given
 * back to the recording as its changeset (n bytes at p). */
void sync_record_pause(struct wg_ctx *ctx, int paused);
int sync_record_ingest(struct wg_ctx *ctx, int n, void *p);
/* Writes the versions of this site's saves still pending into sync_cols; whatever reads
 * sync_cols runs it first, in the same transaction (sync_read_begin for a read one). */
int sync_flush(struct wg_ctx *ctx);
/* Opens a read transaction in which no version is pending (flushing them first); doing says
 * what failed. */
int sync_read_begin(struct wg_ctx *ctx, const char *doing);

/* Which database each site number of a file is (sync-origin.c): the query of the rows a file
 * gives (origin, uid, since) into sql; the check of a file's rows (temp.sync_in_origin),
 * learning new ones; and this database's first own change after it took a whole file. */
int sync_origin_query(struct wg_ctx *ctx, char *sql, size_t size);
int sync_origin_check(struct wg_ctx *ctx, int from);
int sync_origin_adopted(struct wg_ctx *ctx);

/* Seals (sync-seal.c): the sender hashes each record a file carries (SYNC_SEAL_COL bytes a
 * column) into one digest it signs; the receiver checks it and keeps the column hashes. */
#define SYNC_SEAL_COL 8 /* 2^64 work to make another value with a column's hash */
#define SYNC_SEAL_MAXCOL 128
struct sync_seal {
	crypto_generichash_state digest;
	int64_t count;
};
void sync_seal_value_hash(sqlite3_value *v, unsigned char out[SYNC_SEAL_COL]);
/* Whether a seal covers the column (all but the search text each site makes itself). */
int sync_seal_col(const char *name);
void sync_seal_start(struct sync_seal *s);
/* The record in st's row (every column of t, in order) into the digest. */
void sync_seal_row(struct sync_seal *s, const struct sync_table *t, sqlite3_stmt *st);
int sync_seal_finish(struct wg_ctx *ctx, struct sync_seal *s, unsigned char digest[32],
		     unsigned char sig[crypto_sign_BYTES]);
/* Taking a file: begin empties the temporary tables; scan hashes a raw segment's records (and
 * reads its _seal); aside notes a record the rules set aside; keep checks the claim against
 * the records (refusing the file when it does not hold) and keeps it. */
int sync_seal_begin(struct wg_ctx *ctx);
int sync_seal_scan(struct wg_ctx *ctx, const void *seg, size_t n);
void sync_seal_aside(struct wg_ctx *ctx, const char *tbl, int64_t rid);
int sync_seal_keep(struct wg_ctx *ctx, int from, const char *uid);
/* 1 when file's kept records give digest and sig is site's over them, 0 when not, -1 when site
 * is not paired here now under pk, the key it sealed with. */
int sync_seal_file_holds(struct wg_ctx *ctx, int64_t file, int site, const void *pk, int pklen, const char *uid,
			 int64_t count, const void *digest, int dlen, const void *sig, int siglen);
/* 'wangge check' (sync-seal-check.c): lines to report; *problems how many were found. */
int sync_seal_check(struct wg_ctx *ctx, void (*report)(void *, const char *), void *arg, long *problems);

#endif
