/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The district feed's parts: a push's state, its checked PostgreSQL calls and COPY data
 * (pg-push.c, which also pushes whole tables), and the push of only what changed (pg-delta.c). */
#ifndef WG_PG_PUSH_PRIV_H
#define WG_PG_PUSH_PRIV_H

#include <stdint.h>
#include <sqlite3.h>

#include <wangge/pg.h>
#include <wangge/site.h>
#include "pg-lib.h"
#define VV_TEXT 8192 /* a version vector as text: some 150 sites */

/* How a column travels: as it is, or masked as the exports mask it unless unmasked. */
enum col_way { AS_IS, MASK_ID, MASK_PHONE, MASK_BIRTH, BLANKED, LEFT_OUT };

struct col {
	char name[64];
	const char *pgtype;
	enum col_way way;
};

struct table {
	char name[64];
	int ncol;
	struct col *cols;
};

struct push {
	struct wg_ctx *ctx;
	const struct pg_lib *pq;
	PGconn *conn;
	char uid[WG_SITE_UID_HEX];
	int unmasked;
	long batch;
	struct wg_pg_push_result *res;
	char vv_stored[VV_TEXT], vv_now[VV_TEXT]; /* version vectors (only what changed) */
	char *buf;                 /* COPY data not yet sent */
	size_t len, cap;
	int failed;                /* a message is set */
};


/* Runs sql with text parameters; on success *out (when not NULL) gets the result to clear. */
int pg_run(struct push *p, const char *what, const char *sql, int n, const char *const *params,
	   PGresult **out);
void pg_rollback(struct push *p);
/* COPY: begun by sql, its data put and flushed past a size (all: everything), ended (rc
 * WG_OK: the server took every row; else it drops them and rc is kept). */
int pg_copy_begin(struct push *p, const char *sql, const char *what);
int pg_put(struct push *p, const char *s, size_t n);
int pg_flush(struct push *p, int all);
int pg_copy_end(struct push *p, const char *what, int rc);
/* The rows of st (key first, then t's columns as col_list names them) as COPY lines, masked
 * unless the push is unmasked; *id the last key, *n counted. */
int pg_copy_rows(struct push *p, const struct table *t, sqlite3_stmt *st, int64_t *id, long *n);
/* The first column of each row of st, one key a line, into the COPY that copy_sql begins. */
int pg_copy_ids(struct push *p, sqlite3_stmt *st, const char *copy_sql, const char *what);
char *pg_col_list(const struct table *t, const char *prefix);
char *pg_make_upsert(const struct table *t, const char *cols);
/* The site's row in push_sites (vv: the vector seen, "" for none) and no progress left. */
int pg_record_push(struct push *p, const char *vv);

/* Only what changed (pg-delta.c): this database's vector (into out, "" when changes are not
 * recorded); the vector the server holds for this site's last whole push with this masking;
 * whether this database has all it saw, its own history unchanged; and the push itself. */
void pg_delta_vector(struct push *p, char *out, size_t outsz);
int pg_delta_stored(struct push *p, char *out, size_t outsz);
int pg_delta_covers(struct push *p, const char *stored);
int pg_delta_push(struct push *p, const struct table *t, int nt, const char *stored, const char *vv);

#endif
