/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The district feed's push of only what changed since the last one, by sync's versions. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#ifdef HAVE_LIBPQ

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"
#include "pg-push-priv.h"

/*
 * Once a site is paired, every change is recorded with its version (sync_cols: origin and
 * sequence number per column, a tombstone per deleted row).  A push then records the version
 * vector it had seen, as "origin:seq:hlc,..." (the hlc of the transaction seq names), and the
 * next push reads only the rows whose versions are newer.  It compares every row again when
 * the site is not paired (nothing is recorded), after a push that was cut off and resumed
 * (its tables were read at two moments), with other masking, or when this database's own
 * history is not the one the server saw (an older copy restored: the sequence number went
 * back, or names another transaction).
 */
void pg_delta_vector(struct push *p, char *out, size_t outsz)
{
	static const char sql[] =
		"SELECT v.origin, v.seq, coalesce(t.hlc, 0) FROM sync_vv v LEFT JOIN sync_txns t"
		" ON t.origin = v.origin AND t.seq = v.seq"
		" WHERE v.seq > 0 AND EXISTS (SELECT 1 FROM peer_keys) ORDER BY v.origin";
	sqlite3_stmt *st = NULL;
	size_t len = 0;
	out[0] = '\0';
	if (sqlite3_prepare_v2(p->ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (len + 64 >= outsz) { /* more origins than the text holds: compare every row */
			out[0] = '\0';
			break;
		}
		len += (size_t)snprintf(out + len, outsz - len, "%s%d:%lld:%lld", len ? "," : "",
					sqlite3_column_int(st, 0), (long long)sqlite3_column_int64(st, 1),
					(long long)sqlite3_column_int64(st, 2));
	}
	sqlite3_finalize(st);
}

/* The next "origin:seq:hlc" of a vector's text: 1, or 0 at its end or on anything else. */
static int vector_next(const char **s, int *origin, int64_t *seq, int64_t *hlc)
{
	char *end;
	if (!**s)
		return 0;
	*origin = (int)strtol(*s, &end, 10);
	if (*end != ':')
		return 0;
	*seq = strtoll(end + 1, &end, 10);
	if (*end != ':')
		return 0;
	*hlc = strtoll(end + 1, &end, 10);
	if (*end != ',' && *end != '\0')
		return 0;
	*s = *end ? end + 1 : end;
	return 1;
}

/* 1 when this database has everything the stored vector saw, with its own history unchanged. */
int pg_delta_covers(struct push *p, const char *stored)
{
	static const char seq_sql[] = "SELECT seq FROM sync_vv WHERE origin = ?1";
	static const char hlc_sql[] = "SELECT hlc FROM sync_txns WHERE origin = ?1 AND seq = ?2";
	const char *s = stored;
	int origin, ok = 1, items = 0;
	int64_t seq, hlc;
	while (ok && vector_next(&s, &origin, &seq, &hlc)) {
		items++;
		sqlite3_stmt *st = wg_stmt(p->ctx, seq_sql);
		if (!st)
			return 0;
		sqlite3_bind_int(st, 1, origin);
		ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) >= seq;
		sqlite3_reset(st);
		if (ok && origin == p->ctx->site_no) {
			if (!(st = wg_stmt(p->ctx, hlc_sql)))
				return 0;
			sqlite3_bind_int(st, 1, origin);
			sqlite3_bind_int64(st, 2, seq);
			ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == hlc;
			sqlite3_reset(st);
		}
	}
	return ok && items > 0 && *s == '\0';
}

/* What the server holds of the last whole push of this site: its vector if the masking
 * matches, else "". */
int pg_delta_stored(struct push *p, char *out, size_t outsz)
{
	const char *params[] = { p->uid, p->unmasked ? "false" : "true" };
	PGresult *r = NULL;
	out[0] = '\0';
	int rc = pg_run(p, _("reading the progress"), "SELECT coalesce(vv, '') FROM wangge.push_sites"
		     " WHERE site_uid = $1 AND masked = $2", 2, params, &r);
	if (rc == WG_OK && p->pq->PQntuples(r) == 1)
		snprintf(out, outsz, "%s", p->pq->PQgetvalue(r, 0, 0));
	if (r)
		p->pq->PQclear(r);
	return rc;
}

/* The rows changed or gone since the stored vector, by table and key, into temp.pg_changed. */
static int collect_changes(struct push *p, const char *stored)
{
	static const char origins_sql[] = "SELECT origin FROM sync_vv WHERE seq > 0";
	static const char add_sql[] = "INSERT OR IGNORE INTO temp.pg_changed SELECT tbl, rid"
				      " FROM sync_cols WHERE origin = ?1 AND seq > ?2";
	sqlite3_stmt *os = NULL, *st = NULL;
	int rc = sqlite3_exec(p->ctx->db, "CREATE TEMP TABLE IF NOT EXISTS pg_changed (tbl TEXT NOT NULL,"
			      " rid INTEGER NOT NULL, PRIMARY KEY (tbl, rid)) WITHOUT ROWID;"
			      " DELETE FROM temp.pg_changed", NULL, NULL, NULL) == SQLITE_OK &&
			 sqlite3_prepare_v2(p->ctx->db, origins_sql, -1, &os, NULL) == SQLITE_OK &&
			 sqlite3_prepare_v2(p->ctx->db, add_sql, -1, &st, NULL) == SQLITE_OK ? WG_OK : WG_EIO;
	while (rc == WG_OK && sqlite3_step(os) == SQLITE_ROW) {
		int origin = sqlite3_column_int(os, 0), o;
		int64_t seen = 0, seq, hlc;
		for (const char *s = stored; vector_next(&s, &o, &seq, &hlc);)
			if (o == origin)
				seen = seq;
		sqlite3_bind_int(st, 1, origin);
		sqlite3_bind_int64(st, 2, seen);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = WG_EIO;
		sqlite3_reset(st);
	}
	sqlite3_finalize(os);
	sqlite3_finalize(st);
	return rc == WG_OK ? WG_OK : wg_db_fail(p->ctx, _("reading the rows to push"));
}

/* One table's changed rows upserted and its gone rows deleted, inside the caller's
 * transaction there. */
static int push_changed(struct push *p, const struct table *t, const char *cols, const char *upsert)
{
	char sql[4096];
	sqlite3_stmt *st = NULL;
	int64_t id = 0;
	long n = 0;
	int rc = pg_run(p, t->name, "DROP TABLE IF EXISTS wg_stage; DROP TABLE IF EXISTS wg_gone;"
		     " CREATE TEMP TABLE wg_gone (id bigint PRIMARY KEY)", 0, NULL, NULL);
	snprintf(sql, sizeof sql, "CREATE TEMP TABLE wg_stage AS SELECT site_uid, id, %s FROM"
		 " wangge.\"%s\" WITH NO DATA", cols, t->name);
	if (rc == WG_OK)
		rc = pg_run(p, t->name, sql, 0, NULL, NULL);
	snprintf(sql, sizeof sql, "SELECT id, %s FROM main.\"%s\" WHERE id IN (SELECT rid FROM"
		 " temp.pg_changed WHERE tbl = ?1) ORDER BY id", cols, t->name);
	if (rc == WG_OK && sqlite3_prepare_v2(p->ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		rc = wg_db_fail(p->ctx, _("reading the rows to push"));
	if (rc == WG_OK && (rc = pg_copy_begin(p, "COPY wg_stage FROM STDIN", t->name)) == WG_OK) {
		sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
		rc = pg_copy_end(p, t->name, pg_copy_rows(p, t, st, &id, &n));
	}
	sqlite3_finalize(st);
	st = NULL;
	PGresult *r = NULL;
	if (rc == WG_OK && n > 0 && (rc = pg_run(p, t->name, upsert, 0, NULL, &r)) == WG_OK) {
		p->res->inserted += atol(p->pq->PQgetvalue(r, 0, 0));
		p->res->updated += atol(p->pq->PQgetvalue(r, 0, 1));
		p->pq->PQclear(r);
	}
	p->res->rows += n;
	snprintf(sql, sizeof sql, "SELECT rid FROM temp.pg_changed c WHERE tbl = ?1 AND NOT EXISTS"
		 " (SELECT 1 FROM main.\"%s\" WHERE id = c.rid)", t->name);
	if (rc == WG_OK && sqlite3_prepare_v2(p->ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		rc = wg_db_fail(p->ctx, _("reading the rows to push"));
	if (rc == WG_OK) {
		sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
		rc = pg_copy_ids(p, st, "COPY wg_gone FROM STDIN", t->name);
	}
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "DELETE FROM wangge.\"%s\" WHERE site_uid = $1 AND id IN"
		 " (SELECT id FROM wg_gone)", t->name);
	const char *uid[] = { p->uid };
	r = NULL;
	if (rc == WG_OK && (rc = pg_run(p, _("removing rows"), sql, 1, uid, &r)) == WG_OK) {
		p->res->deleted += atol(p->pq->PQcmdTuples(r));
		p->pq->PQclear(r);
	}
	if (rc == WG_OK)
		p->res->tables++;
	return rc;
}

/* Every table's changes and the new vector, in one transaction there: a push cut off leaves
 * nothing, and the next one sends the same again. */
int pg_delta_push(struct push *p, const struct table *t, int nt, const char *stored,
			const char *vv)
{
	int rc = collect_changes(p, stored);
	if (rc == WG_OK)
		rc = pg_run(p, _("pushing rows"), "BEGIN", 0, NULL, NULL);
	for (int i = 0; rc == WG_OK && i < nt; i++) {
		char *cols = pg_col_list(&t[i], ""), *upsert = cols ? pg_make_upsert(&t[i], cols) : NULL;
		rc = upsert ? push_changed(p, &t[i], cols, upsert) : wg_fail(p->ctx, WG_EIO, "%s",
									      _("out of memory"));
		free(cols);
		free(upsert);
	}
	if (rc == WG_OK)
		rc = pg_record_push(p, vv);
	if (rc == WG_OK)
		return pg_run(p, _("pushing rows"), "COMMIT", 0, NULL, NULL);
	pg_rollback(p);
	return rc;
}

#endif
