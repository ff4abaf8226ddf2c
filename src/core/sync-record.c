/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Sync's bookkeeping: the clock, version vectors, column versions, aliases, and recording. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include "record-priv.h"
#include "sync-priv.h"

#define CLOCK_BITS 20

static int64_t one_int64(struct wg_ctx *ctx, const char *sql, int64_t a, int64_t dflt)
{
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int64_t v = dflt;
	if (!st)
		return dflt;
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

int sync_policy(struct wg_ctx *ctx, const char *configured)
{
	char stored[16] = "";
	/* every site must decide alike: a laptop follows what the office's files declare */
	if (ctx->site_no != ctx->office_site && wg_meta_get(ctx, "sync_policy", stored, sizeof stored) == WG_OK &&
	    stored[0])
		return atoi(stored);
	return configured && strcmp(configured, "office") == 0 ? 2 : 0;
}

int64_t sync_vv_get(struct wg_ctx *ctx, int origin)
{
	static const char sql[] = "SELECT seq FROM sync_vv WHERE origin = ?1";
	return one_int64(ctx, sql, origin, 0);
}

int sync_vv_raise(struct wg_ctx *ctx, int origin, int64_t seq, int64_t hlc)
{
	static const char sql[] =
		"INSERT INTO sync_vv(origin, seq, hlc) VALUES (?1, ?2, 0) ON CONFLICT (origin)"
		" DO UPDATE SET seq = max(seq, excluded.seq)";
	static const char clock_sql[] =
		"INSERT INTO sync_vv(origin, seq, hlc) VALUES (?1, 0, ?2) ON CONFLICT (origin)"
		" DO UPDATE SET hlc = max(hlc, excluded.hlc)";
	sqlite3_stmt *st = origin > 0 ? wg_stmt(ctx, sql) : NULL;
	if (st) {
		sqlite3_bind_int(st, 1, origin);
		sqlite3_bind_int64(st, 2, seq);
		if (wg_step_done(st) != SQLITE_DONE)
			return wg_db_fail(ctx, _("recording the sync"));
	}
	if (!(st = wg_stmt(ctx, clock_sql)))
		return WG_EIO;
	sqlite3_bind_int(st, 1, ctx->site_no);
	sqlite3_bind_int64(st, 2, hlc);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording the sync"));
}

int sync_next_version(struct wg_ctx *ctx, struct sync_ver *v)
{
	static const char sql[] = "SELECT hlc FROM sync_vv WHERE origin = ?1";
	int64_t seen = one_int64(ctx, sql, ctx->site_no, 0);
	int64_t now = (int64_t)wg_now(ctx) << CLOCK_BITS;
	v->origin = ctx->site_no;
	v->seq = sync_vv_get(ctx, ctx->site_no) + 1;
	v->hlc = now > seen ? now : seen + 1;
	return WG_OK;
}

/* This site's vector as "origin:seq,...", the other origins only. */
static void vector_text(struct wg_ctx *ctx, char *out, size_t outsz)
{
	static const char sql[] = "SELECT origin, seq FROM sync_vv WHERE origin <> ?1 AND seq > 0"
				  " ORDER BY origin";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	size_t len = 0;
	out[0] = '\0';
	if (!st)
		return;
	sqlite3_bind_int(st, 1, ctx->site_no);
	while (sqlite3_step(st) == SQLITE_ROW && len + 48 < outsz)
		len += (size_t)snprintf(out + len, outsz - len, "%s%d:%lld", len ? "," : "",
					sqlite3_column_int(st, 0), (long long)sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
}

int sync_own_done(struct wg_ctx *ctx, const struct sync_ver *v)
{
	static const char sql[] = "INSERT OR REPLACE INTO sync_txns(origin, seq, hlc, known)"
				  " VALUES (?1, ?2, ?3, ?4)";
	static const char vv_sql[] =
		"INSERT INTO sync_vv(origin, seq, hlc) VALUES (?1, ?2, ?3) ON CONFLICT (origin)"
		" DO UPDATE SET seq = max(seq, excluded.seq), hlc = max(hlc, excluded.hlc)";
	char known[4096];
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	vector_text(ctx, known, sizeof known);
	sqlite3_bind_int(st, 1, v->origin);
	sqlite3_bind_int64(st, 2, v->seq);
	sqlite3_bind_int64(st, 3, v->hlc);
	sqlite3_bind_text(st, 4, known, -1, SQLITE_TRANSIENT);
	if (wg_step_done(st) != SQLITE_DONE || !(st = wg_stmt(ctx, vv_sql)))
		return wg_db_fail(ctx, _("recording changes for sync"));
	sqlite3_bind_int(st, 1, v->origin);
	sqlite3_bind_int64(st, 2, v->seq);
	sqlite3_bind_int64(st, 3, v->hlc);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording changes for sync"));
}

int sync_put_version(struct wg_ctx *ctx, const char *tbl, int64_t rid, const char *key,
		     const struct sync_ver *v)
{
	static const char clear_sql[] = "DELETE FROM sync_cols WHERE tbl = ?1 AND rid = ?2";
	static const char sql[] = "INSERT OR REPLACE INTO sync_cols(tbl, rid, col, origin, seq, hlc)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st;
	if ((key[0] == '*' || key[0] == '-') && key[1] == '\0') {
		if (!(st = wg_stmt(ctx, clear_sql)))
			return WG_EIO;
		sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, rid);
		if (wg_step_done(st) != SQLITE_DONE)
			return wg_db_fail(ctx, _("recording changes for sync"));
	}
	if (!(st = wg_stmt(ctx, sql)))
		return WG_EIO;
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, rid);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, v->origin);
	sqlite3_bind_int64(st, 5, v->seq);
	sqlite3_bind_int64(st, 6, v->hlc);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording changes for sync"));
}

static int get_entry(struct wg_ctx *ctx, const char *tbl, int64_t rid, const char *key,
		     struct sync_ver *v)
{
	static const char sql[] = "SELECT origin, seq, hlc FROM sync_cols"
				  " WHERE tbl = ?1 AND rid = ?2 AND col = ?3";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int found = 0;
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, rid);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		v->origin = sqlite3_column_int(st, 0);
		v->seq = sqlite3_column_int64(st, 1);
		v->hlc = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return found;
}

int sync_get_version(struct wg_ctx *ctx, const char *tbl, int64_t rid, const char *key,
		     struct sync_ver *v)
{
	memset(v, 0, sizeof *v);
	return get_entry(ctx, tbl, rid, key, v) || get_entry(ctx, tbl, rid, "*", v);
}

int sync_tombstone(struct wg_ctx *ctx, const char *tbl, int64_t rid, struct sync_ver *v)
{
	struct sync_ver ignored;
	return get_entry(ctx, tbl, rid, "-", v ? v : &ignored);
}

/* What the writer of a held of origin when it wrote (its transaction's vector). */
static int64_t known_of(struct wg_ctx *ctx, const struct sync_ver *a, int origin)
{
	static const char sql[] = "SELECT known FROM sync_txns WHERE origin = ?1 AND seq = ?2";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int64_t seq = 0;
	if (!st)
		return 0;
	sqlite3_bind_int(st, 1, a->origin);
	sqlite3_bind_int64(st, 2, a->seq);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		while (p && *p) {
			char *end;
			long o = strtol(p, &end, 10);
			if (*end != ':')
				break;
			long long s = strtoll(end + 1, &end, 10);
			if (o == origin)
				seq = s;
			p = *end == ',' ? end + 1 : end;
			if (*end != ',')
				break;
		}
	}
	sqlite3_reset(st);
	return seq;
}

int sync_knows(struct wg_ctx *ctx, const struct sync_ver *a, const struct sync_ver *b)
{
	if (b->origin == 0)
		return 1; /* from before sync kept versions: every site had it */
	if (a->origin == 0)
		return 0;
	if (a->origin == b->origin)
		return a->seq >= b->seq;
	return known_of(ctx, a, b->origin) >= b->seq;
}

/* How much of the office's history the writer of v had seen: for the office's own writes their
 * number, for another site's the office's number its vector held. */
static int64_t office_rank(struct wg_ctx *ctx, const struct sync_ver *v)
{
	if (v->origin == 0)
		return 0;
	return v->origin == 1 ? v->seq : known_of(ctx, v, 1);
}

/*
 * A total order of versions that never puts a write before one its writer knew, so that taking
 * the greater is the same in any order (the hybrid clock grows along what a site has seen).
 * Under conflict = office, what the writer had seen of the office comes first: the office's
 * write wins over a concurrent one, and a laptop's write made after seeing it wins over it.
 */
int sync_wins(struct wg_ctx *ctx, const struct sync_ver *a, const struct sync_ver *b, int policy)
{
	if (policy == 2) {
		int64_t ra = office_rank(ctx, a), rb = office_rank(ctx, b);
		if (ra != rb)
			return ra > rb;
	}
	if (a->hlc != b->hlc)
		return a->hlc > b->hlc;
	return a->origin > b->origin;
}

int64_t sync_alias(struct wg_ctx *ctx, const char *tbl, int64_t rid)
{
	static const char sql[] = "SELECT to_id FROM sync_aliases WHERE tbl = ?1 AND from_id = ?2";
	for (int depth = 0; depth < 16; depth++) {
		sqlite3_stmt *st = wg_stmt(ctx, sql);
		int found = 0;
		if (!st)
			break;
		sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, rid);
		if (sqlite3_step(st) == SQLITE_ROW) {
			rid = sqlite3_column_int64(st, 0);
			found = 1;
		}
		sqlite3_reset(st);
		if (!found)
			break;
	}
	return rid;
}

int sync_alias_add(struct wg_ctx *ctx, const char *tbl, int64_t from, int64_t to,
		   const struct sync_ver *v)
{
	static const char sql[] = "INSERT OR IGNORE INTO sync_aliases(tbl, from_id, to_id, origin, seq)"
				  " VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	sqlite3_bind_int(st, 4, v->origin);
	sqlite3_bind_int64(st, 5, v->seq);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording the sync"));
}

/* ---- Recording (store-open.c hands these to the store as its transaction hooks) ---- */

/* Changes are recorded once a site is paired; what came before goes in whole-database files. */
static int paired(struct wg_ctx *ctx)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM peer_keys)";
	return (int)one_int64(ctx, sql, 0, 1); /* when in doubt, record */
}

static int filter(void *arg, const char *name)
{
	(void)arg;
	return sync_shared_table(name);
}

int sync_record_begin(struct wg_ctx *ctx)
{
	if (!ctx->sync_ready || ctx->session || ctx->sync_applying || !paired(ctx))
		return WG_OK;
	if (sqlite3session_create(ctx->db, "main", &ctx->session) != SQLITE_OK)
		return wg_db_fail(ctx, _("recording changes for sync"));
	sqlite3session_table_filter(ctx->session, filter, NULL);
	if (sqlite3session_attach(ctx->session, NULL) != SQLITE_OK) {
		sync_record_drop(ctx);
		return wg_db_fail(ctx, _("recording changes for sync"));
	}
	return WG_OK;
}

void sync_record_drop(struct wg_ctx *ctx)
{
	if (ctx->session)
		sqlite3session_delete(ctx->session);
	ctx->session = NULL;
}

/* One change of this transaction: the versions of what it wrote. */
static int record_change(struct wg_ctx *ctx, sqlite3_changeset_iter *it, const struct sync_ver *v)
{
	const struct sync_schema *s = sync_schema_get(ctx);
	const char *tbl;
	int ncol, op, ind, rc = WG_OK;
	sqlite3_value *key = NULL;
	sqlite3changeset_op(it, &tbl, &ncol, &op, &ind);
	int ti = sync_table_find(s, tbl);
	if (ti < 0 || ncol != s->t[ti].ncol)
		return WG_OK; /* a table of another shape: not synced */
	const struct sync_table *t = &s->t[ti];
	if (op == SQLITE_INSERT)
		sqlite3changeset_new(it, 0, &key);
	else
		sqlite3changeset_old(it, 0, &key);
	if (!key)
		return WG_OK;
	int64_t rid = sqlite3_value_int64(key);
	if (op != SQLITE_UPDATE)
		return sync_put_version(ctx, t->name, rid, op == SQLITE_INSERT ? "*" : "-", v);
	for (int i = 1; rc == WG_OK && i < ncol; i++) {
		sqlite3_value *nv = NULL;
		if (sqlite3changeset_new(it, i, &nv) == SQLITE_OK && nv)
			rc = sync_put_version(ctx, t->name, rid, sync_col_key(t, i), v);
	}
	return rc;
}

static int record_changes(struct wg_ctx *ctx, int n, void *p)
{
	sqlite3_changeset_iter *it = NULL;
	struct sync_ver v;
	int rc = sync_next_version(ctx, &v);
	if (sqlite3changeset_start(&it, n, p) != SQLITE_OK)
		return wg_db_fail(ctx, _("recording changes for sync"));
	while (rc == WG_OK && sqlite3changeset_next(it) == SQLITE_ROW)
		rc = record_change(ctx, it, &v);
	sqlite3changeset_finalize(it);
	return rc == WG_OK ? sync_own_done(ctx, &v) : rc;
}

int sync_record_commit(struct wg_ctx *ctx)
{
	int n = 0, rc = WG_OK;
	void *p = NULL;
	if (!ctx->session)
		return WG_OK;
	if (sqlite3session_changeset(ctx->session, &n, &p) != SQLITE_OK)
		rc = wg_db_fail(ctx, _("recording changes for sync"));
	sync_record_drop(ctx); /* what record_changes writes is local: nothing more is wanted */
	if (rc == WG_OK && n > 0)
		rc = record_changes(ctx, n, p);
	sqlite3_free(p);
	return rc;
}
