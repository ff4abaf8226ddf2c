/* What a sync file carries: rows, their column versions, the sender's vector (core-private). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "sync-pack.h"
#include "sync-priv.h"

/*
 * The body is one SQLite changeset of inserts into a scratch database: the
 * tables _vv (the sender's vector; origin 0 holds its conflict policy), _txn
 * (the transactions the versions name, with their vectors), _alias (keys
 * merged into others), _ver (column versions; '-' a deletion) and then every
 * shared table with the rows, as they are now, that a version names.  A
 * changeset keeps SQLite's own types for every value, and wangge's bounded
 * walker checks it before SQLite reads it (changeset-walk.c).
 */
static const char *const meta_sql[] = {
	"CREATE TABLE pack._vv (origin INTEGER PRIMARY KEY, seq INTEGER, hlc INTEGER)",
	"CREATE TABLE pack._txn (origin INTEGER, seq INTEGER, hlc INTEGER, known TEXT,"
	" PRIMARY KEY (origin, seq))",
	"CREATE TABLE pack._alias (tbl TEXT, from_id INTEGER, to_id INTEGER, origin INTEGER,"
	" seq INTEGER, PRIMARY KEY (tbl, from_id))",
	"CREATE TABLE pack._ver (tbl TEXT, rid INTEGER, col TEXT, origin INTEGER, seq INTEGER,"
	" hlc INTEGER, PRIMARY KEY (tbl, rid, col))",
	"CREATE TABLE pack._out (tbl TEXT, rid INTEGER, PRIMARY KEY (tbl, rid)) WITHOUT ROWID",
};
static const char *const meta_tables[] = { "_vv", "_txn", "_alias", "_ver" };

/* The scratch copy of a shared table: the same columns in the same order, the key only. */
static int create_copy(sqlite3 *db, const struct sync_table *t)
{
	char sql[4096];
	size_t len = (size_t)snprintf(sql, sizeof sql, "CREATE TABLE pack.\"%s\" (\"id\" INTEGER PRIMARY KEY",
				      t->name);
	for (int i = 1; i < t->ncol && len < sizeof sql; i++)
		len += (size_t)snprintf(sql + len, sizeof sql - len, ", \"%s\"", t->cols[i]);
	if (len + 2 >= sizeof sql)
		return SQLITE_TOOBIG;
	strcat(sql, ")");
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static int run(sqlite3 *db, const char *sql, int peer)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int(st, 1, peer);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
	sqlite3_finalize(st);
	return rc;
}

#define ACK(o) "coalesce((SELECT seq FROM main.sync_acks WHERE peer = ?1 AND origin = " o "), 0)"

/* Which rows go, with all their versions; the transactions those name; aliases; the vector. */
static int fill_meta(sqlite3 *db, int peer, int full, int policy)
{
	static const char *const delta[] = {
		"INSERT OR IGNORE INTO pack._out SELECT c.tbl, c.rid FROM main.sync_vv v"
		" JOIN main.sync_cols c ON c.origin = v.origin AND c.seq > " ACK("v.origin"),
		"INSERT INTO pack._ver SELECT c.tbl, c.rid, c.col, c.origin, c.seq, c.hlc"
		" FROM pack._out o JOIN main.sync_cols c ON c.tbl = o.tbl AND c.rid = o.rid",
		"INSERT INTO pack._alias SELECT * FROM main.sync_aliases a WHERE a.seq > " ACK("a.origin"),
	};
	static const char *const whole[] = {
		"INSERT INTO pack._ver SELECT tbl, rid, col, origin, seq, hlc FROM main.sync_cols",
		"INSERT INTO pack._alias SELECT * FROM main.sync_aliases",
	};
	static const char *const both[] = {
		"INSERT INTO pack._txn SELECT t.origin, t.seq, t.hlc, t.known FROM"
		" (SELECT DISTINCT origin, seq FROM pack._ver) d JOIN main.sync_txns t"
		" ON t.origin = d.origin AND t.seq = d.seq",
		"INSERT INTO pack._vv SELECT origin, seq, hlc FROM main.sync_vv WHERE origin > 0",
	};
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < (full ? 2 : 3); i++)
		rc = run(db, full ? whole[i] : delta[i], peer);
	for (size_t i = 0; rc == SQLITE_OK && i < 2; i++)
		rc = run(db, both[i], peer);
	if (rc == SQLITE_OK) {
		char sql[96];
		snprintf(sql, sizeof sql, "INSERT INTO pack._vv VALUES (0, %d, 0)", policy);
		rc = run(db, sql, peer);
	}
	return rc;
}

static int fill_rows(sqlite3 *db, const struct sync_table *t, int full, int office)
{
	if (full && !office && (strcmp(t->name, "users") == 0 || strcmp(t->name, "sites") == 0))
		return SQLITE_OK; /* taken only from the office: a laptop's own from init stay home */
	char *sql = full ? sqlite3_mprintf("INSERT INTO pack.\"%w\" SELECT * FROM main.\"%w\"", t->name, t->name)
			 : sqlite3_mprintf("INSERT INTO pack.\"%w\" SELECT * FROM main.\"%w\" WHERE id IN"
					   " (SELECT rid FROM pack._out WHERE tbl = %Q)", t->name, t->name, t->name);
	int rc = sql ? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	return rc;
}

static int count_rows(sqlite3 *db, const struct sync_schema *s, long *rows)
{
	sqlite3_stmt *st = NULL;
	*rows = 0;
	for (int i = -1; i < s->n; i++) {
		char *sql = i < 0 ? sqlite3_mprintf("SELECT count(*) FROM pack._ver WHERE col = '-'")
				  : sqlite3_mprintf("SELECT count(*) FROM pack.\"%w\"", s->t[i].name);
		int rc = sql ? sqlite3_prepare_v2(db, sql, -1, &st, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return rc;
		if (sqlite3_step(st) == SQLITE_ROW)
			*rows += sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return SQLITE_OK;
}

static int build(struct wg_ctx *ctx, const struct sync_schema *s, int peer, int full, int policy,
		 int *n, void **p, long *rows)
{
	sqlite3_session *ses = NULL;
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof meta_sql / sizeof meta_sql[0]; i++)
		rc = sqlite3_exec(ctx->db, meta_sql[i], NULL, NULL, NULL);
	for (int i = 0; rc == SQLITE_OK && i < s->n; i++)
		rc = create_copy(ctx->db, &s->t[i]);
	if (rc == SQLITE_OK)
		rc = sqlite3session_create(ctx->db, "pack", &ses);
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof meta_tables / sizeof meta_tables[0]; i++)
		rc = sqlite3session_attach(ses, meta_tables[i]);
	for (int i = 0; rc == SQLITE_OK && i < s->n; i++) /* parents first */
		rc = sqlite3session_attach(ses, s->t[s->order ? s->order[i] : i].name);
	if (rc == SQLITE_OK)
		rc = fill_meta(ctx->db, peer, full, policy);
	for (int i = 0; rc == SQLITE_OK && i < s->n; i++)
		rc = fill_rows(ctx->db, &s->t[i], full, ctx->site_no == 1);
	if (rc == SQLITE_OK)
		rc = count_rows(ctx->db, s, rows);
	if (rc == SQLITE_OK)
		rc = sqlite3session_changeset(ses, n, p);
	if (ses)
		sqlite3session_delete(ses);
	return rc;
}

int sync_pack(struct wg_ctx *ctx, int peer, int full, int policy, int *n, void **p, long *rows)
{
	const struct sync_schema *s = sync_schema_get(ctx);
	int rc = s ? sqlite3_exec(ctx->db, "ATTACH ':memory:' AS pack", NULL, NULL, NULL) : SQLITE_NOMEM;
	*n = 0;
	*p = NULL;
	*rows = 0;
	if (rc == SQLITE_OK) {
		rc = build(ctx, s, peer, full, policy, n, p, rows);
		sqlite3_exec(ctx->db, "DETACH pack", NULL, NULL, NULL);
	}
	if (rc != SQLITE_OK) {
		sqlite3_free(*p);
		*p = NULL;
		return wg_fail(ctx, WG_EIO, _("making the sync file: %s"), sqlite3_errstr(rc));
	}
	return WG_OK;
}
