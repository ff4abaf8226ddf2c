/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Sync's bookkeeping: the clock, version vectors, column versions, aliases, and recording. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include "record-priv.h"
#include "sync-priv.h"

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

/*
 * This site's next version: its number and a clock past every clock it has seen, by its row
 * of sync_vv and its newest row of sync_txns (a save whose versions are pending moves only
 * the second; sync_flush the first), in one statement of scalar subqueries (a join, or an
 * INSERT ... SELECT ... RETURNING, made temporary tables: 75,000 instructions a save).
 */
int sync_next_version(struct wg_ctx *ctx, struct sync_ver *v)
{
	static const char sql[] =
		"SELECT coalesce((SELECT seq FROM sync_vv WHERE origin = ?1), 0),"
		" coalesce((SELECT hlc FROM sync_vv WHERE origin = ?1), 0),"
		" coalesce((SELECT seq FROM sync_txns WHERE origin = ?1 ORDER BY seq DESC LIMIT 1), 0),"
		" coalesce((SELECT hlc FROM sync_txns WHERE origin = ?1 ORDER BY seq DESC LIMIT 1), 0)";
	sqlite3_stmt *q = wg_stmt(ctx, sql);
	int64_t now = (int64_t)wg_now(ctx) << SYNC_CLOCK_BITS;
	if (!q)
		return WG_EIO;
	sqlite3_bind_int(q, 1, ctx->site_no);
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_reset(q);
		return wg_db_fail(ctx, _("recording changes for sync"));
	}
	int64_t seq = sqlite3_column_int64(q, 0), seen = sqlite3_column_int64(q, 1);
	int64_t tseq = sqlite3_column_int64(q, 2), thlc = sqlite3_column_int64(q, 3);
	sqlite3_reset(q);
	seq = (tseq > seq ? tseq : seq) + 1;
	seen = thlc > seen ? thlc : seen;
	*v = (struct sync_ver){ ctx->site_no, seq, now > seen ? now : seen + 1 };
	return WG_OK;
}

/*
 * Keeps v as a transaction of this site, with the vector it has now of the other origins
 * ("origin:seq,..."; known_of reads it by origin) and the versions it has still to write
 * (pending, a save's; NULL when written).
 */
static int txn_row(struct wg_ctx *ctx, const struct sync_ver *v, const char *pending)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO sync_txns(origin, seq, hlc, known, pending) VALUES (?1, ?2, ?3,"
		" coalesce((SELECT group_concat(origin || ':' || seq, ',') FROM sync_vv"
		"  WHERE origin <> ?1 AND seq > 0), ''), ?4)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, v->origin);
	sqlite3_bind_int64(st, 2, v->seq);
	sqlite3_bind_int64(st, 3, v->hlc);
	sqlite3_bind_text(st, 4, pending, -1, SQLITE_STATIC);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording changes for sync"));
}

int sync_own_done(struct wg_ctx *ctx, const struct sync_ver *v)
{
	static const char vv_sql[] =
		"INSERT INTO sync_vv(origin, seq, hlc) VALUES (?1, ?2, ?3) ON CONFLICT (origin)"
		" DO UPDATE SET seq = max(seq, excluded.seq), hlc = max(hlc, excluded.hlc)";
	int rc = txn_row(ctx, v, NULL);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, vv_sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
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

int64_t sync_known_in(const char *known, int origin)
{
	for (const char *p = known; p && *p;) {
		char *end;
		long o = strtol(p, &end, 10);
		if (*end != ':')
			return 0;
		long long seq = strtoll(end + 1, &end, 10);
		if (o == origin)
			return seq;
		p = *end == ',' ? end + 1 : NULL;
	}
	return 0;
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
	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sync_known_in((const char *)sqlite3_column_text(st, 0), origin);
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

/*
 * What a transaction changed, as SQLite's pre-update hook reports it: each row of a shared
 * table once, with what happened to it over the whole transaction and which columns an
 * update set (a column set and set back within it still counts: one version more than a
 * changeset would give, the same value sent).  Written by hand over the hook, not with the session extension, which made a
 * session per transaction and prepared its statements again at every commit (a save cost
 * 1.6 times as much once the site had a peer; issue 15).
 */
#define REC_WORDS 2 /* columns per table kept in the mask: 128 (tasks has 32) */

enum { REC_GONE, REC_INSERT, REC_UPDATE, REC_DELETE };

struct rec_row {
	int ti, op, wide;          /* wide: a column past the mask changed: all count */
	int64_t rid;
	uint64_t cols[REC_WORDS];
};

struct sync_rec {
	struct rec_row *v;
	int n, cap;
	int *slot;                 /* open addressing over v by (ti, rid); -1 empty */
	int nslot;
	int on, hooked, failed;
	const struct sync_schema *s;
};

static unsigned rec_hash(int ti, int64_t rid)
{
	uint64_t h = (uint64_t)rid * 0x9E3779B97F4A7C15u ^ (uint64_t)ti * 0xC2B2AE3D27D4EB4Fu;
	return (unsigned)(h >> 32);
}

static int rec_index(struct sync_rec *r)
{
	int n = r->nslot ? r->nslot * 2 : 64;
	int *slot = malloc((size_t)n * sizeof *slot);
	if (!slot)
		return -1;
	for (int i = 0; i < n; i++)
		slot[i] = -1;
	for (int k = 0; k < r->n; k++) {
		unsigned h = rec_hash(r->v[k].ti, r->v[k].rid) & (unsigned)(n - 1);
		while (slot[h] >= 0)
			h = (h + 1) & (unsigned)(n - 1);
		slot[h] = k;
	}
	free(r->slot);
	r->slot = slot;
	r->nslot = n;
	return 0;
}

/* The entry for (ti, rid), made when absent: NULL out of memory. */
static struct rec_row *rec_row(struct sync_rec *r, int ti, int64_t rid)
{
	if ((r->n + 1) * 2 > r->nslot && rec_index(r) != 0)
		return NULL;
	unsigned h = rec_hash(ti, rid) & (unsigned)(r->nslot - 1);
	for (; r->slot[h] >= 0; h = (h + 1) & (unsigned)(r->nslot - 1))
		if (r->v[r->slot[h]].ti == ti && r->v[r->slot[h]].rid == rid)
			return &r->v[r->slot[h]];
	if (r->n == r->cap) {
		int cap = r->cap ? r->cap * 2 : 32;
		struct rec_row *v = realloc(r->v, (size_t)cap * sizeof *v);
		if (!v)
			return NULL;
		r->v = v;
		r->cap = cap;
	}
	r->slot[h] = r->n;
	r->v[r->n] = (struct rec_row){ .ti = ti, .op = REC_GONE, .rid = rid };
	return &r->v[r->n++];
}

static int same_value(sqlite3_value *a, sqlite3_value *b)
{
	int t = sqlite3_value_type(a);
	if (t != sqlite3_value_type(b))
		return 0;
	switch (t) {
	case SQLITE_NULL: return 1;
	case SQLITE_INTEGER: return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT: return sqlite3_value_double(a) == sqlite3_value_double(b);
	default: {
		int n = sqlite3_value_bytes(a);
		const void *x = t == SQLITE_TEXT ? (const void *)sqlite3_value_text(a) : sqlite3_value_blob(a);
		const void *y = t == SQLITE_TEXT ? (const void *)sqlite3_value_text(b) : sqlite3_value_blob(b);
		return n == sqlite3_value_bytes(b) && (n == 0 || memcmp(x, y, (size_t)n) == 0);
	}
	}
}

/* The net effect of op on a row already changed in this transaction (as a changeset would
 * say it: inserted then updated is inserted; inserted then deleted is nothing; deleted then
 * inserted is every column updated). */
static void rec_merge(struct rec_row *e, int op, const uint64_t *cols, int wide)
{
	if (op == REC_UPDATE && e->op == REC_INSERT)
		return;
	if (op == REC_DELETE) {
		e->op = e->op == REC_INSERT ? REC_GONE : REC_DELETE;
		return;
	}
	if (op == REC_INSERT) {
		if (e->op == REC_DELETE) {
			e->op = REC_UPDATE;
			e->wide = 1;
		} else {
			e->op = REC_INSERT;
		}
		return;
	}
	e->op = REC_UPDATE;
	e->wide |= wide;
	for (int w = 0; w < REC_WORDS; w++)
		e->cols[w] |= cols[w];
}

/* Column i set in a mask (past the mask: the row's wide flag, and every column counts). */
static void mark_col(uint64_t *cols, int *wide, int i)
{
	if (i < 64 * REC_WORDS)
		cols[i / 64] |= (uint64_t)1 << (i % 64);
	else
		*wide = 1;
}

static int col_marked(const struct rec_row *e, int i)
{
	return e->wide || (i < 64 * REC_WORDS && (e->cols[i / 64] >> (i % 64) & 1));
}

static void rec_add(struct sync_rec *r, int ti, int64_t rid, int op, const uint64_t *cols, int wide)
{
	struct rec_row *e = rec_row(r, ti, rid);
	if (!e) {
		r->failed = 1;
		return;
	}
	rec_merge(e, op, cols, wide);
}

/* SQLite's pre-update hook: no SQL may run here, only notes. */
static void on_change(void *arg, sqlite3 *db, int op, const char *zdb, const char *name,
		      sqlite3_int64 key1, sqlite3_int64 key2)
{
	struct wg_ctx *ctx = arg;
	struct sync_rec *r = ctx->rec;
	sqlite3_value *k_old = NULL, *k_new = NULL;
	(void)key1, (void)key2;
	if (!r || !r->on || !r->s || strcmp(zdb, "main") != 0)
		return;
	int ti = sync_table_find(r->s, name);
	if (ti < 0 || sqlite3_preupdate_count(db) != r->s->t[ti].ncol)
		return; /* not shared, or of another shape: not synced */
	int ncol = r->s->t[ti].ncol;
	if (op == SQLITE_INSERT) {
		if (sqlite3_preupdate_new(db, 0, &k_new) == SQLITE_OK && k_new)
			rec_add(r, ti, sqlite3_value_int64(k_new), REC_INSERT, NULL, 0);
		return;
	}
	if (sqlite3_preupdate_old(db, 0, &k_old) != SQLITE_OK || !k_old)
		return;
	int64_t rid = sqlite3_value_int64(k_old);
	if (op == SQLITE_DELETE) {
		rec_add(r, ti, rid, REC_DELETE, NULL, 0);
		return;
	}
	if (sqlite3_preupdate_new(db, 0, &k_new) != SQLITE_OK || !k_new)
		return;
	if (sqlite3_value_int64(k_new) != rid) { /* the key itself moved */
		rec_add(r, ti, rid, REC_DELETE, NULL, 0);
		rec_add(r, ti, sqlite3_value_int64(k_new), REC_INSERT, NULL, 0);
		return;
	}
	uint64_t cols[REC_WORDS] = { 0 };
	int wide = 0, any = 0;
	for (int i = 1; i < ncol; i++) {
		sqlite3_value *o = NULL, *nv = NULL;
		if (sqlite3_preupdate_old(db, i, &o) != SQLITE_OK || sqlite3_preupdate_new(db, i, &nv) != SQLITE_OK ||
		    !o || !nv || same_value(o, nv))
			continue;
		any = 1;
		mark_col(cols, &wide, i);
	}
	if (any)
		rec_add(r, ti, rid, REC_UPDATE, cols, wide);
}

int sync_record_begin(struct wg_ctx *ctx)
{
	if (!ctx->sync_ready || (ctx->rec && ctx->rec->on) || ctx->sync_applying || !paired(ctx))
		return WG_OK;
	const struct sync_schema *s = sync_schema_get(ctx); /* read now: the hook runs no SQL */
	if (!s || (!ctx->rec && !(ctx->rec = calloc(1, sizeof *ctx->rec))))
		return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	ctx->rec->s = s;
	ctx->rec->n = 0;
	ctx->rec->failed = 0;
	ctx->rec->on = 1;
	for (int i = 0; i < ctx->rec->nslot; i++)
		ctx->rec->slot[i] = -1;
	sync_record_pause(ctx, 0);
	return WG_OK;
}

void sync_record_pause(struct wg_ctx *ctx, int paused)
{
	struct sync_rec *r = ctx->rec;
	if (!r || !ctx->db || (paused ? !r->hooked : !r->on || r->hooked))
		return;
	sqlite3_preupdate_hook(ctx->db, paused ? NULL : on_change, paused ? NULL : ctx);
	r->hooked = !paused;
}

void sync_record_drop(struct wg_ctx *ctx)
{
	sync_record_pause(ctx, 1);
	if (ctx->rec)
		ctx->rec->on = 0;
}

int sync_record_ingest(struct wg_ctx *ctx, int n, void *p)
{
	struct sync_rec *r = ctx->rec;
	sqlite3_changeset_iter *it = NULL;
	if (!r || !r->on || n <= 0)
		return WG_OK;
	if (sqlite3changeset_start(&it, n, p) != SQLITE_OK)
		return wg_db_fail(ctx, _("recording changes for sync"));
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tbl;
		int ncol, op, ind;
		sqlite3_value *key = NULL;
		sqlite3changeset_op(it, &tbl, &ncol, &op, &ind);
		int ti = sync_table_find(r->s, tbl);
		if (ti < 0 || ncol != r->s->t[ti].ncol)
			continue;
		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, 0, &key);
		else
			sqlite3changeset_old(it, 0, &key);
		if (!key)
			continue;
		uint64_t cols[REC_WORDS] = { 0 };
		int wide = 0;
		for (int i = 1; op == SQLITE_UPDATE && i < ncol; i++) {
			sqlite3_value *nv = NULL;
			if (sqlite3changeset_new(it, i, &nv) == SQLITE_OK && nv)
				mark_col(cols, &wide, i);
		}
		rec_add(r, ti, sqlite3_value_int64(key), op == SQLITE_INSERT ? REC_INSERT
					 : op == SQLITE_DELETE ? REC_DELETE : REC_UPDATE, cols, wide);
	}
	sqlite3changeset_finalize(it);
	return r->failed ? wg_fail(ctx, WG_EIO, "%s", _("out of memory")) : WG_OK;
}

void sync_record_free(struct wg_ctx *ctx)
{
	sync_record_drop(ctx);
	if (!ctx->rec)
		return;
	free(ctx->rec->v);
	free(ctx->rec->slot);
	free(ctx->rec);
	ctx->rec = NULL;
}

/*
 * A save writes its versions as one line per entry, "table rid key", into its own row of
 * sync_txns (pending), and sync_flush puts them into sync_cols before anything reads them
 * (export, import, the pg push): one row appended per save instead of two or three
 * entries in sync_cols and its version index, each a page of the log to write (a save cost
 * 1.15 times as much once the site had a peer; issue 15).  A save that deletes writes its
 * tombstones at once, after the pending ones: row keys are never reused because
 * wg_store_new_id sees the tombstones of sync_cols.  So does a transaction of more than
 * PENDING_MAX_ROWS rows, whose text would be megabytes held in memory.
 */
#define PENDING_MAX_ROWS 1000 /* a larger transaction (an import) writes at once: its text is MBs */

/* Where a transaction's entries go: its pending text, or sync_cols now (text NULL). */
struct rec_out {
	struct wg_ctx *ctx;
	sqlite3_str *text;
	const struct sync_ver *v;
	int rc;
};

static void rec_entry(struct rec_out *o, const char *tbl, int64_t rid, const char *key)
{
	if (o->text)
		sqlite3_str_appendf(o->text, "%s %lld %s\n", tbl, (long long)rid, key);
	else if (o->rc == WG_OK)
		o->rc = sync_put_version(o->ctx, tbl, rid, key, o->v);
}

/* The entries of one row's change. */
static void rec_entries(struct rec_out *o, const struct sync_rec *r, const struct rec_row *e)
{
	const struct sync_table *t = &r->s->t[e->ti];
	if (e->op == REC_INSERT || e->op == REC_DELETE) {
		rec_entry(o, t->name, e->rid, e->op == REC_INSERT ? "*" : "-");
		return;
	}
	int flow = 0; /* the columns of a case's flow share one version: written once */
	for (int i = 1; i < t->ncol; i++)
		if (col_marked(e, i) && !(t->flow[i] && flow++))
			rec_entry(o, t->name, e->rid, sync_col_key(t, i));
}

/* Writes the entries of a pending text (changed in place) with version v. */
static int write_pending(struct wg_ctx *ctx, char *text, const struct sync_ver *v)
{
	int rc = WG_OK;
	for (char *line = text, *next; rc == WG_OK && *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		char *rid = strchr(line, ' '), *key = rid ? strchr(rid + 1, ' ') : NULL;
		if (!key)
			return wg_fail(ctx, WG_EIO, "%s", _("recording changes for sync: a pending version is "
							    "damaged; run 'wangge check'"));
		*rid++ = *key++ = '\0';
		rc = sync_put_version(ctx, line, strtoll(rid, NULL, 10), key, v);
	}
	return rc;
}

int sync_flush(struct wg_ctx *ctx)
{
	/* the pending saves are this site's newest: the scan stops at the first one written */
	static const char last_sql[] = "SELECT seq, pending IS NULL FROM sync_txns WHERE origin = ?1"
				       " ORDER BY seq DESC";
	static const char list_sql[] = "SELECT seq, hlc, pending FROM sync_txns WHERE origin = ?1"
				       " AND seq >= ?2 AND pending IS NOT NULL ORDER BY seq";
	static const char done_sql[] = "UPDATE sync_txns SET pending = NULL WHERE origin = ?1"
				       " AND seq >= ?2 AND pending IS NOT NULL";
	sqlite3_stmt *st = wg_stmt(ctx, last_sql), *list = NULL;
	int64_t from = 0;
	int rc = WG_OK, step = SQLITE_DONE;
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, ctx->site_no);
	while (sqlite3_step(st) == SQLITE_ROW && !sqlite3_column_int(st, 1))
		from = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (from == 0)
		return WG_OK;
	/* a statement of its own: sync_put_version's come from the same cache */
	if (sqlite3_prepare_v2(ctx->db, list_sql, -1, &list, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("recording changes for sync"));
	sqlite3_bind_int(list, 1, ctx->site_no);
	sqlite3_bind_int64(list, 2, from);
	struct sync_ver v = { 0 };
	while (rc == WG_OK && (step = sqlite3_step(list)) == SQLITE_ROW) {
		v = (struct sync_ver){ ctx->site_no, sqlite3_column_int64(list, 0), sqlite3_column_int64(list, 1) };
		char *text = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(list, 2));
		rc = text ? write_pending(ctx, text, &v) : wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
		sqlite3_free(text);
	}
	if (rc == WG_OK && step != SQLITE_DONE)
		rc = wg_db_fail(ctx, _("recording changes for sync"));
	sqlite3_finalize(list);
	if (rc == WG_OK && (st = wg_stmt(ctx, done_sql)) != NULL) {
		sqlite3_bind_int(st, 1, ctx->site_no);
		sqlite3_bind_int64(st, 2, from);
		if (wg_step_done(st) != SQLITE_DONE)
			rc = wg_db_fail(ctx, _("recording changes for sync"));
	}
	return rc == WG_OK && v.seq ? sync_vv_raise(ctx, ctx->site_no, v.seq, v.hlc) : rc;
}

/* Whether this site has a save whose versions are pending. */
static int pending_any(struct wg_ctx *ctx)
{
	static const char sql[] = "SELECT pending IS NOT NULL FROM sync_txns WHERE origin = ?1"
				  " ORDER BY seq DESC LIMIT 1";
	return (int)one_int64(ctx, sql, ctx->site_no, 1);
}

int sync_read_begin(struct wg_ctx *ctx, const char *doing)
{
	for (int tries = 0; tries < 8; tries++) {
		int rc;
		if (sqlite3_exec(ctx->db, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)
			return wg_db_fail(ctx, doing);
		if (!pending_any(ctx))
			return WG_OK;
		sqlite3_exec(ctx->db, "COMMIT", NULL, NULL, NULL);
		if ((rc = wg_begin(ctx)) != WG_OK)
			return rc;
		if ((rc = sync_flush(ctx)) != WG_OK) {
			wg_rollback(ctx);
			return rc;
		}
		if ((rc = wg_commit(ctx)) != WG_OK)
			return rc;
	}
	/* saves keep coming between the two: write them and read, holding the write lock */
	if (sqlite3_exec(ctx->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, doing);
	int rc = sync_flush(ctx);
	if (rc != WG_OK)
		sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int sync_record_commit(struct wg_ctx *ctx)
{
	struct sync_rec *r = ctx->rec;
	struct sync_ver v;
	int rc = WG_OK, any = 0, deletes = 0;
	if (!r || !r->on)
		return WG_OK;
	sync_record_drop(ctx); /* what is written below is local: nothing more is wanted */
	if (r->failed)
		return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	for (int k = 0; k < r->n; k++) {
		any |= r->v[k].op != REC_GONE;
		deletes |= r->v[k].op == REC_DELETE;
	}
	if (!any)
		return WG_OK;
	rc = sync_next_version(ctx, &v);
	struct rec_out o = { ctx, NULL, &v, rc };
	if (rc == WG_OK && (deletes || r->n > PENDING_MAX_ROWS)) { /* at once, after what is pending */
		o.rc = sync_flush(ctx);
		for (int k = 0; o.rc == WG_OK && k < r->n; k++)
			if (r->v[k].op != REC_GONE)
				rec_entries(&o, r, &r->v[k]);
		return o.rc == WG_OK ? sync_own_done(ctx, &v) : o.rc;
	}
	if (rc != WG_OK)
		return rc;
	o.text = sqlite3_str_new(ctx->db);
	for (int k = 0; k < r->n; k++)
		if (r->v[k].op != REC_GONE)
			rec_entries(&o, r, &r->v[k]);
	int failed = sqlite3_str_errcode(o.text) != SQLITE_OK;
	char *text = sqlite3_str_finish(o.text);
	rc = failed || !text ? wg_fail(ctx, WG_EIO, "%s", _("out of memory")) : txn_row(ctx, &v, text);
	sqlite3_free(text);
	return rc;
}
