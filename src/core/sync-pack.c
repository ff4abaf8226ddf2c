/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* What a sync file carries: rows, their column versions, the sender's vector, in segments. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "sync-pack.h"
#include "sync-priv.h"

/*
 * The body is a run of segments (sync-file.h), each an SQLite changeset of
 * inserts: the tables _vv (the sender's vector; origin 0 holds its conflict
 * policy), _txn (the transactions the versions name, with their vectors),
 * _alias (keys merged into others), _ver (column versions; '-' a deletion) and
 * every shared table with the rows, as they are now, that a version names.
 * A changeset keeps SQLite's own types for every value, and wangge's bounded
 * walker checks each segment before SQLite reads it (changeset-walk.c).
 * The segments are written here straight from SELECTs, in SQLite's changeset
 * format (sqlite3session.c: 'T', column count, key flags, name; then per row
 * the insert op, the indirect flag and a record): the session extension's
 * changeset_strm would hold every row's key in memory until the end, and a
 * whole database must pass in bounded memory.
 */
#define SEGMENT 4194304

struct seg {
	unsigned char *buf;
	size_t n, cap;
	const char *table;      /* the table whose header this segment holds last */
	int (*sink)(void *arg, const void *p, size_t n);
	void *arg;
	int failed;
	struct sync_seal *seal;            /* the digest of the records, when they are a table's */
	const struct sync_table *sealing;  /* that table */
};

static void grow(struct seg *s, size_t more)
{
	if (s->failed || s->n + more <= s->cap)
		return;
	size_t cap = s->cap ? s->cap : SEGMENT + 4096;
	while (cap < s->n + more)
		cap *= 2;
	unsigned char *b = realloc(s->buf, cap);
	if (!b) {
		s->failed = 1;
		return;
	}
	s->buf = b;
	s->cap = cap;
}

static void put(struct seg *s, const void *p, size_t n)
{
	grow(s, n);
	if (s->failed)
		return;
	memcpy(s->buf + s->n, p, n);
	s->n += n;
}

static void put_byte(struct seg *s, unsigned char c)
{
	put(s, &c, 1);
}

/* SQLite's varint: 7 bits a byte, most significant first, the high bit on all but the last. */
static void put_varint(struct seg *s, uint64_t v)
{
	unsigned char tmp[10];
	int n = 0;
	do
		tmp[n++] = (unsigned char)(v & 0x7f);
	while ((v >>= 7) != 0 && n < 9);
	for (int i = n - 1; i >= 0; i--)
		put_byte(s, (unsigned char)(tmp[i] | (i ? 0x80 : 0)));
}

static void put_be64(struct seg *s, uint64_t v)
{
	for (int i = 7; i >= 0; i--)
		put_byte(s, (unsigned char)(v >> (8 * i)));
}

/* The finished segment to the sink, its length first. */
static void flush(struct seg *s)
{
	unsigned char len[4] = { (unsigned char)(s->n >> 24), (unsigned char)(s->n >> 16),
				 (unsigned char)(s->n >> 8), (unsigned char)s->n };
	if (!s->failed && s->n && (s->sink(s->arg, len, 4) != 0 || s->sink(s->arg, s->buf, s->n) != 0))
		s->failed = 1;
	s->n = 0;
	s->table = NULL;
}

static void table_header(struct seg *s, const char *name, int ncol, const unsigned char *keys)
{
	put_byte(s, 'T');
	put_varint(s, (uint64_t)ncol);
	put(s, keys, (size_t)ncol);
	put(s, name, strlen(name) + 1);
	s->table = name;
}

static void value(struct seg *s, sqlite3_stmt *st, int i)
{
	int type = sqlite3_column_type(st, i);
	put_byte(s, (unsigned char)type);
	if (type == SQLITE_INTEGER) {
		put_be64(s, (uint64_t)sqlite3_column_int64(st, i));
	} else if (type == SQLITE_FLOAT) {
		double d = sqlite3_column_double(st, i);
		uint64_t bits;
		memcpy(&bits, &d, sizeof bits);
		put_be64(s, bits);
	} else if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
		const void *p = type == SQLITE_TEXT ? (const void *)sqlite3_column_text(st, i)
						    : sqlite3_column_blob(st, i);
		int n = sqlite3_column_bytes(st, i);
		put_varint(s, (uint64_t)n);
		put(s, p, (size_t)n);
	}
}

/* Every row of st as an insert into name, whose first nkey columns are its key. */
static int rows(struct seg *s, sqlite3_stmt *st, const char *name, int nkey)
{
	unsigned char keys[128] = { 0 };
	int ncol = sqlite3_column_count(st), rc;
	if (ncol > (int)sizeof keys)
		return SQLITE_TOOBIG;
	for (int k = 0; k < nkey; k++)
		keys[k] = (unsigned char)(k + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !s->failed) {
		if (s->n >= SEGMENT)
			flush(s);
		if (s->table != name)
			table_header(s, name, ncol, keys);
		put_byte(s, SQLITE_INSERT);
		put_byte(s, 0);
		for (int i = 0; i < ncol; i++)
			value(s, st, i);
		if (s->sealing)
			sync_seal_row(s->seal, s->sealing, st);
	}
	return s->failed ? SQLITE_NOMEM : rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int query(struct seg *s, sqlite3 *db, const char *sql, const char *name, int nkey, int peer)
{
	sqlite3_stmt *st = NULL;
	int rc = sql ? sqlite3_prepare_v2(db, sql, -1, &st, NULL) : SQLITE_NOMEM;
	if (rc == SQLITE_OK && sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int(st, 1, peer);
	if (rc == SQLITE_OK)
		rc = rows(s, st, name, nkey);
	sqlite3_finalize(st);
	return rc;
}

#define ACK SYNC_ACK

int sync_pack_begin(struct wg_ctx *ctx, struct sync_pack_job *job, long *nrows)
{
	static const char *const setup[] = {
		"CREATE TEMP TABLE IF NOT EXISTS sync_out (tbl TEXT, rid INTEGER, PRIMARY KEY (tbl, rid))"
		" WITHOUT ROWID",
		"CREATE TEMP TABLE IF NOT EXISTS sync_out_txn (origin INTEGER, seq INTEGER,"
		" PRIMARY KEY (origin, seq)) WITHOUT ROWID",
		"CREATE TEMP TABLE IF NOT EXISTS sync_move (tbl TEXT, rid INTEGER, col TEXT, value,"
		" origin INTEGER, seq INTEGER, hlc INTEGER, PRIMARY KEY (tbl, rid)) WITHOUT ROWID",
		"DELETE FROM temp.sync_out",
		"DELETE FROM temp.sync_out_txn",
		"DELETE FROM temp.sync_move",
	};
	static const char *const delta[] = {
		"INSERT OR IGNORE INTO temp.sync_out SELECT c.tbl, c.rid FROM main.sync_vv v"
		" JOIN main.sync_cols c ON c.origin = v.origin AND c.seq > " ACK("v.origin"),
		"INSERT OR IGNORE INTO temp.sync_out_txn SELECT c.origin, c.seq FROM temp.sync_out o"
		" JOIN main.sync_cols c ON c.tbl = o.tbl AND c.rid = o.rid"
		" UNION SELECT origin, seq FROM temp.sync_move",
	};
	const struct sync_schema *s = sync_schema_get(ctx);
	sqlite3_stmt *st = NULL;
	int rc = s ? SQLITE_OK : SQLITE_NOMEM;
	job->ctx = ctx;
	*nrows = 0;
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof setup / sizeof setup[0]; i++)
		rc = sqlite3_exec(ctx->db, setup[i], NULL, NULL, NULL);
	int scope = rc == SQLITE_OK ? sync_scope_of(ctx, job->peer) : 0;
	if (scope < 0)
		rc = SQLITE_ERROR;
	job->scoped = scope == 1;
	if (rc == SQLITE_OK && !job->full)
		rc = query(&(struct seg){ 0 }, ctx->db, delta[0], "", 0, job->peer);
	/* a community registered here: only its community's records, then their transactions */
	if (rc == SQLITE_OK && job->scoped && sync_scope_apply(ctx, job) != WG_OK)
		return WG_EIO; /* said */
	if (rc == SQLITE_OK && (!job->full || job->scoped))
		rc = query(&(struct seg){ 0 }, ctx->db, delta[1], "", 0, job->peer);
	if (rc == SQLITE_OK && (!job->full || job->scoped))
		rc = sqlite3_prepare_v2(ctx->db, "SELECT (SELECT count(*) FROM temp.sync_out)"
					" + (SELECT count(*) FROM temp.sync_move)", -1, &st, NULL);
	for (int i = 0; rc == SQLITE_OK && job->full && !job->scoped && i < s->n; i++) {
		char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", s->t[i].name);
		rc = sql ? sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
		if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			*nrows += sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		st = NULL;
	}
	if (st && sqlite3_step(st) == SQLITE_ROW)
		*nrows = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? WG_OK : wg_fail(ctx, WG_EIO, _("making the sync file: %s"), sqlite3_errstr(rc));
}

/* The meta tables: the vector (and the policy), transactions, aliases, versions. */
static int meta(struct seg *s, const struct sync_pack_job *job)
{
	sqlite3 *db = job->ctx->db;
	char vv[320];
	/* origin 0: the policy; -1: when this database was last restored from a backup (the
	 * receiver then forgets what it sent here, and sends all of it again) */
	snprintf(vv, sizeof vv, "SELECT origin, seq, hlc FROM main.sync_vv WHERE origin > 0"
		 " UNION ALL SELECT 0, %d, 0 UNION ALL SELECT -1, CAST(value AS INTEGER), 0 FROM main.meta"
		 " WHERE key = 'restored_at' ORDER BY 1", job->policy);
	char origins[1024];
	int rc = query(s, db, vv, "_vv", 1, job->peer);
	if (rc == SQLITE_OK) /* which database each number is */
		rc = sync_origin_query(job->ctx, origins, sizeof origins) == WG_OK
			     ? query(s, db, origins, "_origin", 1, job->peer) : SQLITE_NOMEM;
	if (rc == SQLITE_OK)
		rc = query(s, db, job->full && !job->scoped ? "SELECT t.origin, t.seq, t.hlc, t.known FROM main.sync_txns t"
					     " WHERE EXISTS (SELECT 1 FROM main.sync_cols c WHERE"
					     " c.origin = t.origin AND c.seq = t.seq) ORDER BY 1, 2"
					   : "SELECT t.origin, t.seq, t.hlc, t.known FROM temp.sync_out_txn x"
					     " JOIN main.sync_txns t ON t.origin = x.origin AND t.seq = x.seq"
					     " ORDER BY 1, 2",
			   "_txn", 2, job->peer);
	if (rc == SQLITE_OK)
		rc = query(s, db, job->full ? "SELECT * FROM main.sync_aliases ORDER BY 1, 2"
					   : "SELECT * FROM main.sync_aliases a WHERE a.seq > " ACK("a.origin")
					     " ORDER BY 1, 2",
			   "_alias", 2, job->peer);
	if (rc == SQLITE_OK && job->scoped && !job->full) /* records that left the community */
		rc = query(s, db, "SELECT * FROM temp.sync_move ORDER BY 1, 2", "_move", 2, job->peer);
	if (rc == SQLITE_OK)
		rc = query(s, db, job->full && !job->scoped ? "SELECT tbl, rid, col, origin, seq, hlc FROM main.sync_cols"
					     " ORDER BY 1, 2, 3"
					   : "SELECT c.tbl, c.rid, c.col, c.origin, c.seq, c.hlc FROM"
					     " temp.sync_out o JOIN main.sync_cols c ON c.tbl = o.tbl AND"
					     " c.rid = o.rid ORDER BY 1, 2, 3",
			   "_ver", 3, job->peer);
	return rc;
}

/* _seal: how many records, their digest, and this site's signature over both. */
static int seal_segment(struct seg *g, struct wg_ctx *ctx, struct sync_seal *seal)
{
	unsigned char digest[32], sig[crypto_sign_BYTES];
	sqlite3_stmt *st = NULL;
	if (sync_seal_finish(ctx, seal, digest, sig) != WG_OK)
		return SQLITE_ERROR;
	int rc = sqlite3_prepare_v2(ctx->db, "SELECT ?1, ?2, ?3", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, seal->count);
		sqlite3_bind_blob(st, 2, digest, sizeof digest, SQLITE_STATIC);
		sqlite3_bind_blob(st, 3, sig, sizeof sig, SQLITE_STATIC);
		rc = rows(g, st, "_seal", 1);
	}
	sqlite3_finalize(st);
	return rc;
}

int sync_pack_produce(void *arg, int (*sink)(void *sinkarg, const void *p, size_t n), void *sinkarg)
{
	const struct sync_pack_job *job = arg;
	const struct sync_schema *s = sync_schema_get(job->ctx);
	struct sync_seal seal;
	struct seg g = { .sink = sink, .arg = sinkarg, .seal = &seal };
	int rc = s ? meta(&g, job) : SQLITE_NOMEM;
	sync_seal_start(&seal);
	for (int k = 0; rc == SQLITE_OK && k < s->n; k++) { /* parents first */
		const struct sync_table *t = &s->t[s->order ? s->order[k] : k];
		if (job->full && job->ctx->site_no != job->ctx->office_site &&
		    (strcmp(t->name, "users") == 0 || strcmp(t->name, "sites") == 0))
			continue; /* taken only from the office: a laptop's own from init stay home */
		char *sql = job->full && !job->scoped ? sqlite3_mprintf("SELECT * FROM main.\"%w\" ORDER BY id", t->name)
				      : sqlite3_mprintf("SELECT * FROM main.\"%w\" WHERE id IN (SELECT rid FROM"
							" temp.sync_out WHERE tbl = %Q) ORDER BY id", t->name, t->name);
		g.sealing = t;
		rc = query(&g, job->ctx->db, sql, t->name, 1, job->peer);
		g.sealing = NULL;
		sqlite3_free(sql);
	}
	if (rc == SQLITE_OK) /* last: the records stay under this site's key wherever they go */
		rc = seal_segment(&g, job->ctx, &seal);
	if (rc == SQLITE_OK)
		flush(&g);
	free(g.buf);
	return rc == SQLITE_OK && !g.failed ? 0 : -1;
}
