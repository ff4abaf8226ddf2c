/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The district feed: the shared tables pushed into PostgreSQL in batches, resumable, idempotent. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/pg.h>
#include <wangge/resident.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "core-int.h"
#include "sync-priv.h"

#ifndef HAVE_LIBPQ

int wg_pg_available(void)
{
	return 0;
}

int wg_pg_push(struct wg_ctx *ctx, const struct wg_pg_push_opts *opts, struct wg_pg_push_result *res)
{
	(void)opts;
	memset(res, 0, sizeof *res);
	return wg_fail(ctx, WG_EUSAGE, "%s", _("this wangge was built without the PostgreSQL feed; "
					       "install the Debian package libpq-dev and build again"));
}

#else

#include "pg-push-priv.h"

#define BATCH_DEFAULT 20000
#define FLUSH_AT 65536

/* ---- PostgreSQL calls, each checked ---- */

static int pg_fail(struct push *p, const char *what, const char *msg)
{
	char one[512];
	snprintf(one, sizeof one, "%s", msg ? msg : "");
	one[strcspn(one, "\n")] = '\0';
	p->failed = 1;
	return wg_fail(p->ctx, WG_EIO, _("PostgreSQL %s, %s: %s"), p->res->server, what, one);
}

/* Runs sql with text parameters; on success *out (when not NULL) gets the result to clear. */
int pg_run(struct push *p, const char *what, const char *sql, int n, const char *const *params,
	       PGresult **out)
{
	PGresult *r = n ? p->pq->PQexecParams(p->conn, sql, n, NULL, params, NULL, NULL, 0)
			: p->pq->PQexec(p->conn, sql);
	ExecStatusType st = r ? p->pq->PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		int rc = pg_fail(p, what, r ? p->pq->PQresultErrorMessage(r) : p->pq->PQerrorMessage(p->conn));
		p->pq->PQclear(r);
		return rc;
	}
	if (out)
		*out = r;
	else
		p->pq->PQclear(r);
	return WG_OK;
}

void pg_rollback(struct push *p)
{
	if (p->conn)
		p->pq->PQclear(p->pq->PQexec(p->conn, "ROLLBACK"));
}

/* ---- COPY data ---- */

static int grow(struct push *p, size_t more)
{
	if (p->len + more <= p->cap)
		return 0;
	size_t cap = p->cap ? p->cap : FLUSH_AT * 2;
	while (cap < p->len + more)
		cap *= 2;
	char *b = realloc(p->buf, cap);
	if (!b)
		return -1;
	p->buf = b;
	p->cap = cap;
	return 0;
}

int pg_put(struct push *p, const char *s, size_t n)
{
	if (grow(p, n) != 0)
		return -1;
	memcpy(p->buf + p->len, s, n);
	p->len += n;
	return 0;
}

/* Text as COPY's text format wants it: backslash, tab and line ends escaped. */
static int put_text(struct push *p, const char *s)
{
	for (; *s; s++) {
		const char *esc = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n"
				  : *s == '\r' ? "\\r" : NULL;
		if (esc ? pg_put(p, esc, 2) : pg_put(p, s, 1))
			return -1;
	}
	return 0;
}

static int put_blob(struct push *p, const unsigned char *b, int n)
{
	static const char hex[] = "0123456789abcdef";
	if (pg_put(p, "\\\\x", 3) != 0 || grow(p, (size_t)n * 2) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		p->buf[p->len++] = hex[b[i] >> 4];
		p->buf[p->len++] = hex[b[i] & 15];
	}
	return 0;
}

int pg_flush(struct push *p, int all)
{
	if (!p->len || (!all && p->len < FLUSH_AT))
		return WG_OK;
	if (p->pq->PQputCopyData(p->conn, p->buf, (int)p->len) != 1)
		return pg_fail(p, _("sending rows"), p->pq->PQerrorMessage(p->conn));
	p->len = 0;
	return WG_OK;
}

/* Ends a COPY whose rows went (rc WG_OK): WG_OK when the server took every one; or, after a
 * failure on this side (rc), tells the server to drop them and keeps rc.  A failure the
 * server reported (p->failed) has ended the COPY already. */
int pg_copy_end(struct push *p, const char *what, int rc)
{
	if (rc != WG_OK && p->failed)
		return rc;
	if (rc == WG_OK)
		rc = pg_flush(p, 1);
	if (p->pq->PQputCopyEnd(p->conn, rc == WG_OK ? NULL : "wangge stopped") != 1 && rc == WG_OK)
		rc = pg_fail(p, what, p->pq->PQerrorMessage(p->conn));
	PGresult *r;
	while ((r = p->pq->PQgetResult(p->conn))) {
		if (rc == WG_OK && p->pq->PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = pg_fail(p, what, p->pq->PQresultErrorMessage(r));
		p->pq->PQclear(r);
	}
	return rc;
}

int pg_copy_begin(struct push *p, const char *sql, const char *what)
{
	PGresult *r = p->pq->PQexec(p->conn, sql);
	int ok = r && p->pq->PQresultStatus(r) == PGRES_COPY_IN;
	int rc = ok ? WG_OK : pg_fail(p, what, r ? p->pq->PQresultErrorMessage(r)
						 : p->pq->PQerrorMessage(p->conn));
	p->pq->PQclear(r);
	p->len = 0;
	return rc;
}

int pg_copy_ids(struct push *p, sqlite3_stmt *st, const char *copy_sql, const char *what)
{
	char line[32];
	int rc = pg_copy_begin(p, copy_sql, what);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		int k = snprintf(line, sizeof line, "%lld\n", (long long)sqlite3_column_int64(st, 0));
		rc = pg_put(p, line, (size_t)k) ? wg_fail(p->ctx, WG_EIO, "%s", _("out of memory"))
						: pg_flush(p, 0);
	}
	return pg_copy_end(p, what, rc);
}

/* ---- The tables ---- */

static void free_tables(struct table *t, int n)
{
	for (int i = 0; i < n; i++)
		free(t[i].cols);
	free(t);
}

/* How a column of table goes: password hashes and the search text (it holds the digits of ID
 * numbers and phones) never; personal numbers masked unless unmasked. */
static enum col_way way_of(const char *table, const char *col)
{
	if ((strcmp(table, "users") == 0 && strcmp(col, "pw_hash") == 0) || strcmp(col, "search_text") == 0)
		return LEFT_OUT;
	if (strcmp(col, "id_number") == 0)
		return MASK_ID;
	if (strcmp(col, "phone") == 0)
		return MASK_PHONE;
	if (strcmp(col, "birth_date") == 0)
		return MASK_BIRTH;
	if (strcmp(col, "reporter_text") == 0)
		return BLANKED; /* empty unless unmasked: who reported a case is personal */
	return AS_IS;
}

static const char *pg_type(const char *decl)
{
	char up[32];
	size_t i;
	for (i = 0; decl[i] && i < sizeof up - 1; i++)
		up[i] = (char)(decl[i] >= 'a' && decl[i] <= 'z' ? decl[i] - 32 : decl[i]);
	up[i] = '\0';
	if (strstr(up, "INT"))
		return "bigint";
	if (strstr(up, "REAL") || strstr(up, "FLOA") || strstr(up, "DOUB"))
		return "double precision";
	if (strstr(up, "BLOB"))
		return "bytea";
	return "text";
}

/* The shared tables here (what sync carries), with their columns. */
static int read_tables(struct push *p, struct table **out, int *n)
{
	static const char list_sql[] = "SELECT name FROM sqlite_schema WHERE type = 'table'"
				       " AND sql LIKE 'CREATE TABLE%' ORDER BY name";
	static const char cols_sql[] = "SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid";
	sqlite3_stmt *ls = NULL, *cs = NULL;
	struct table *t = NULL;
	int nt = 0, rc = WG_OK;
	if (sqlite3_prepare_v2(p->ctx->db, list_sql, -1, &ls, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(p->ctx->db, cols_sql, -1, &cs, NULL) != SQLITE_OK)
		rc = wg_db_fail(p->ctx, _("reading the tables to push"));
	while (rc == WG_OK && sqlite3_step(ls) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(ls, 0);
		if (!sync_shared_table(name) || strlen(name) >= sizeof t->name)
			continue;
		struct table *g = realloc(t, sizeof *t * (size_t)(nt + 1));
		if (!g) {
			rc = wg_fail(p->ctx, WG_EIO, "%s", _("out of memory"));
			break;
		}
		t = g;
		struct table *x = &t[nt++];
		memset(x, 0, sizeof *x);
		snprintf(x->name, sizeof x->name, "%s", name);
		int has_id = 0;
		sqlite3_reset(cs);
		sqlite3_bind_text(cs, 1, name, -1, SQLITE_TRANSIENT);
		while (rc == WG_OK && sqlite3_step(cs) == SQLITE_ROW) {
			const char *col = (const char *)sqlite3_column_text(cs, 0);
			if (strcmp(col, "id") == 0) {
				has_id = sqlite3_column_int(cs, 2) == 1;
				continue;
			}
			struct col *c = realloc(x->cols, sizeof *c * (size_t)(x->ncol + 1));
			if (!c) {
				rc = wg_fail(p->ctx, WG_EIO, "%s", _("out of memory"));
				break;
			}
			x->cols = c;
			c = &x->cols[x->ncol++];
			snprintf(c->name, sizeof c->name, "%s", col);
			c->pgtype = pg_type((const char *)sqlite3_column_text(cs, 1));
			c->way = way_of(name, col);
		}
		if (!has_id)
			free(x->cols), nt--; /* every shared table is keyed by id; anything else stays */
	}
	sqlite3_finalize(ls);
	sqlite3_finalize(cs);
	if (rc != WG_OK) {
		free_tables(t, nt);
		return rc;
	}
	*out = t;
	*n = nt;
	return WG_OK;
}

/* The column list, "c1", "c2", ..., optionally each behind a prefix. */
char *pg_col_list(const struct table *t, const char *prefix)
{
	size_t cap = 64;
	for (int i = 0; i < t->ncol; i++)
		cap += strlen(t->cols[i].name) + strlen(prefix) + 4;
	char *s = malloc(cap);
	size_t n = 0;
	if (!s)
		return NULL;
	s[0] = '\0';
	for (int i = 0; i < t->ncol; i++) {
		if (t->cols[i].way == LEFT_OUT)
			continue;
		n += (size_t)snprintf(s + n, cap - n, "%s%s\"%s\"", n ? ", " : "", prefix, t->cols[i].name);
	}
	return s;
}

/* ---- The schema there ---- */

static int make_schema(struct push *p, const struct table *t, int nt)
{
	static const char base[] =
		"CREATE SCHEMA IF NOT EXISTS wangge;"
		"CREATE TABLE IF NOT EXISTS wangge.push_sites (site_uid text PRIMARY KEY,"
		" site_no integer NOT NULL, community text NOT NULL, code text NOT NULL,"
		" masked boolean NOT NULL, rows bigint NOT NULL, pushed_at timestamptz NOT NULL);"
		"CREATE TABLE IF NOT EXISTS wangge.push_progress (site_uid text PRIMARY KEY,"
		" tbl text NOT NULL, last_id bigint NOT NULL, masked boolean NOT NULL,"
		" started_at timestamptz NOT NULL);"
		/* what the last whole push had seen (version vector), when changes are recorded */
		"ALTER TABLE wangge.push_sites ADD COLUMN IF NOT EXISTS vv text";
	char sql[512];
	int rc = pg_run(p, _("making the schema"), "BEGIN", 0, NULL, NULL);
	if (rc == WG_OK)
		rc = pg_run(p, _("making the schema"), base, 0, NULL, NULL);
	for (int i = 0; rc == WG_OK && i < nt; i++) {
		snprintf(sql, sizeof sql, "CREATE TABLE IF NOT EXISTS wangge.\"%s\" (site_uid text NOT NULL,"
			 " id bigint NOT NULL, PRIMARY KEY (site_uid, id))", t[i].name);
		rc = pg_run(p, _("making the schema"), sql, 0, NULL, NULL);
		for (int k = 0; rc == WG_OK && k < t[i].ncol; k++) {
			if (t[i].cols[k].way == LEFT_OUT)
				continue;
			snprintf(sql, sizeof sql, "ALTER TABLE wangge.\"%s\" ADD COLUMN IF NOT EXISTS \"%s\" %s",
				 t[i].name, t[i].cols[k].name, t[i].cols[k].pgtype);
			rc = pg_run(p, _("making the schema"), sql, 0, NULL, NULL);
		}
	}
	if (rc == WG_OK)
		return pg_run(p, _("making the schema"), "COMMIT", 0, NULL, NULL);
	pg_rollback(p);
	return rc;
}

/* ---- One table ---- */

/* One value of column c into the COPY buffer. */
static int put_value(struct push *p, const struct col *c, sqlite3_stmt *st, int i)
{
	char masked[64];
	int type = sqlite3_column_type(st, i);
	if (type == SQLITE_NULL)
		return pg_put(p, "\\N", 2);
	if (type == SQLITE_BLOB)
		return put_blob(p, sqlite3_column_blob(st, i), sqlite3_column_bytes(st, i));
	const char *v = (const char *)sqlite3_column_text(st, i);
	if (!p->unmasked && c->way != AS_IS) {
		if (c->way == MASK_ID)
			wg_mask_id_number(v, masked, sizeof masked);
		else if (c->way == MASK_PHONE)
			wg_mask_phone(v, masked, sizeof masked);
		else if (c->way == MASK_BIRTH)
			wg_mask_birth_date(v, masked, sizeof masked);
		else
			masked[0] = '\0';
		v = masked;
	}
	return put_text(p, v ? v : "");
}

/* The rows st gives, as COPY lines: site id, key, the columns that go; *id gets the last key,
 * *n the count. */
int pg_copy_rows(struct push *p, const struct table *t, sqlite3_stmt *st, int64_t *id, long *n)
{
	char key[32];
	int rc = WG_OK;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		snprintf(key, sizeof key, "\t%lld", (long long)*id);
		int bad = pg_put(p, p->uid, strlen(p->uid)) || pg_put(p, key, strlen(key));
		for (int i = 0, k = 1; !bad && i < t->ncol; i++)
			if (t->cols[i].way != LEFT_OUT)
				bad = pg_put(p, "\t", 1) || put_value(p, &t->cols[i], st, k++);
		rc = bad || pg_put(p, "\n", 1) ? wg_fail(p->ctx, WG_EIO, "%s", _("out of memory")) : pg_flush(p, 0);
		++*n;
	}
	return rc;
}

/* Rows after *last, at most one batch, into the staging table and upserted (or, when the
 * server holds none of them yet, straight into the table); one transaction with the progress.
 * *more: a full batch went (there may be more). */
static int push_batch(struct push *p, const struct table *t, const char *cols, const char *upsert,
		      int direct, int64_t *last, int *more)
{
	char sql[4096], lastbuf[32];
	sqlite3_stmt *st = NULL;
	long n = 0;
	snprintf(sql, sizeof sql, "SELECT id, %s FROM main.\"%s\" WHERE id > ?1 ORDER BY id LIMIT ?2",
		 cols, t->name);
	if (sqlite3_prepare_v2(p->ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(p->ctx, _("reading the rows to push"));
	sqlite3_bind_int64(st, 1, *last);
	sqlite3_bind_int64(st, 2, p->batch);
	int rc = pg_run(p, _("pushing rows"), "BEGIN", 0, NULL, NULL);
	snprintf(sql, sizeof sql, "CREATE TEMP TABLE wg_stage ON COMMIT DROP AS SELECT site_uid, id, %s"
		 " FROM wangge.\"%s\" WITH NO DATA", cols, t->name);
	if (rc == WG_OK && !direct)
		rc = pg_run(p, _("pushing rows"), sql, 0, NULL, NULL);
	snprintf(sql, sizeof sql, "COPY wangge.\"%s\" (site_uid, id, %s) FROM STDIN", t->name, cols);
	if (rc == WG_OK)
		rc = pg_copy_begin(p, direct ? sql : "COPY wg_stage FROM STDIN", t->name);
	int64_t id = *last;
	if (rc == WG_OK)
		rc = pg_copy_rows(p, t, st, &id, &n);
	sqlite3_finalize(st);
	rc = pg_copy_end(p, t->name, rc);
	PGresult *r = NULL;
	if (rc == WG_OK && direct)
		p->res->inserted += n;
	else if (rc == WG_OK)
		rc = pg_run(p, t->name, upsert, 0, NULL, &r);
	if (rc == WG_OK && r) {
		p->res->inserted += atol(p->pq->PQgetvalue(r, 0, 0));
		p->res->updated += atol(p->pq->PQgetvalue(r, 0, 1));
		p->pq->PQclear(r);
	}
	snprintf(lastbuf, sizeof lastbuf, "%lld", (long long)id);
	const char *params[] = { p->uid, t->name, lastbuf, p->unmasked ? "false" : "true" };
	if (rc == WG_OK)
		rc = pg_run(p, _("recording the progress"),
			 "INSERT INTO wangge.push_progress VALUES ($1, $2, $3, $4, now())"
			 " ON CONFLICT (site_uid) DO UPDATE SET tbl = $2, last_id = $3", 4, params, NULL);
	if (rc == WG_OK)
		rc = pg_run(p, _("pushing rows"), "COMMIT", 0, NULL, NULL);
	if (rc != WG_OK) {
		pg_rollback(p);
		return rc;
	}
	p->res->rows += n;
	*last = id;
	*more = n == p->batch;
	return WG_OK;
}

/* Rows of this site there that are gone here: deleted, in one transaction that also marks the
 * table done (last_id -1). */
static int push_deletions(struct push *p, const struct table *t)
{
	char sql[512];
	sqlite3_stmt *st = NULL;
	snprintf(sql, sizeof sql, "SELECT id FROM main.\"%s\" ORDER BY id", t->name);
	if (sqlite3_prepare_v2(p->ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(p->ctx, _("reading the rows to push"));
	int rc = pg_run(p, _("removing rows"), "BEGIN", 0, NULL, NULL);
	if (rc == WG_OK)
		rc = pg_run(p, _("removing rows"), "CREATE TEMP TABLE wg_ids (id bigint PRIMARY KEY) ON COMMIT DROP",
			 0, NULL, NULL);
	if (rc == WG_OK)
		rc = pg_copy_ids(p, st, "COPY wg_ids FROM STDIN", t->name);
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "DELETE FROM wangge.\"%s\" d WHERE d.site_uid = $1 AND NOT EXISTS"
		 " (SELECT 1 FROM wg_ids i WHERE i.id = d.id)", t->name);
	const char *uid[] = { p->uid };
	PGresult *r = NULL;
	if (rc == WG_OK)
		rc = pg_run(p, _("removing rows"), sql, 1, uid, &r);
	if (rc == WG_OK) {
		p->res->deleted += atol(p->pq->PQcmdTuples(r));
		p->pq->PQclear(r);
	}
	const char *params[] = { p->uid, t->name };
	if (rc == WG_OK)
		rc = pg_run(p, _("recording the progress"),
			 "UPDATE wangge.push_progress SET tbl = $2, last_id = -1 WHERE site_uid = $1", 2,
			 params, NULL);
	if (rc == WG_OK)
		rc = pg_run(p, _("removing rows"), "COMMIT", 0, NULL, NULL);
	if (rc != WG_OK)
		pg_rollback(p);
	return rc;
}

/* The staging table's rows into the table, written only where a value differs (so a second
 * push changes nothing), counting inserts and updates. */
char *pg_make_upsert(const struct table *t, const char *cols)
{
	char *ex = pg_col_list(t, "EXCLUDED."), *old = pg_col_list(t, "d."), *upsert = NULL;
	size_t n = ex && old ? strlen(cols) * 3 + strlen(ex) * 2 + strlen(old) + 512 : 0;
	if (n && (upsert = malloc(n)))
		snprintf(upsert, n,
			 "WITH up AS (INSERT INTO wangge.\"%s\" AS d (site_uid, id, %s)"
			 " SELECT site_uid, id, %s FROM wg_stage ON CONFLICT (site_uid, id) DO UPDATE"
			 " SET (%s) = ROW(%s) WHERE (%s) IS DISTINCT FROM (%s)"
			 " RETURNING (xmax::text = '0') AS ins)"
			 " SELECT count(*) FILTER (WHERE ins), count(*) FILTER (WHERE NOT ins) FROM up",
			 t->name, cols, cols, cols, ex, old, ex);
	free(ex);
	free(old);
	return upsert;
}

static int push_table(struct push *p, const struct table *t, int64_t from)
{
	char *cols = pg_col_list(t, ""), *upsert = cols ? pg_make_upsert(t, cols) : NULL;
	int rc = upsert ? WG_OK : wg_fail(p->ctx, WG_EIO, "%s", _("out of memory"));
	/* none of this site's rows past the start there yet (a first push, or the rest of one cut
	 * off): they go straight in, without comparing */
	char sql[256], frombuf[32];
	snprintf(sql, sizeof sql, "SELECT NOT EXISTS (SELECT 1 FROM wangge.\"%s\" WHERE site_uid = $1"
		 " AND id > $2)", t->name);
	snprintf(frombuf, sizeof frombuf, "%lld", (long long)from);
	const char *params[] = { p->uid, frombuf };
	PGresult *r = NULL;
	int direct = 0;
	if (rc == WG_OK && (rc = pg_run(p, t->name, sql, 2, params, &r)) == WG_OK) {
		direct = strcmp(p->pq->PQgetvalue(r, 0, 0), "t") == 0;
		p->pq->PQclear(r);
	}
	int64_t last = from;
	for (int more = 1; rc == WG_OK && more;)
		rc = push_batch(p, t, cols, upsert, direct, &last, &more);
	if (rc == WG_OK)
		rc = push_deletions(p, t);
	if (rc == WG_OK)
		p->res->tables++;
	free(cols);
	free(upsert);
	return rc;
}

/* ---- The push ---- */

static int connect_pg(struct push *p, const char *service)
{
	const char *keys[] = { "service", "client_encoding", "fallback_application_name", NULL, NULL };
	const char *vals[] = { service, "UTF8", "wangge", NULL, NULL };
	char why[512];
	p->pq = pg_lib_load(why, sizeof why);
	if (!p->pq)
		return wg_fail(p->ctx, WG_EIO, "%s", why);
	p->conn = service ? p->pq->PQconnectdbParams(keys, vals, 0)
			  : p->pq->PQconnectdbParams(keys + 1, vals + 1, 0);
	if (!p->conn || p->pq->PQstatus(p->conn) != CONNECTION_OK) {
		snprintf(why, sizeof why, "%s", p->conn ? p->pq->PQerrorMessage(p->conn) : "");
		why[strcspn(why, "\n")] = '\0';
		return wg_fail(p->ctx, WG_EIO, _("cannot connect to PostgreSQL: %s; name the server with "
						 "libpq's environment (PGHOST, PGPORT, PGDATABASE, "
						 "PGUSER, or PGSERVICE) and keep the password in "
						 "~/.pgpass, never on the command line"), why);
	}
	const char *host = p->pq->PQhost(p->conn);
	snprintf(p->res->server, sizeof p->res->server, "%s@%s:%s", p->pq->PQdb(p->conn),
		 host && *host == '/' ? "socket" : host ? host : "?", p->pq->PQport(p->conn));
	p->res->tls = p->pq->PQsslInUse(p->conn);
	if (p->pq->PQserverVersion(p->conn) < 100000)
		return wg_fail(p->ctx, WG_EIO, _("PostgreSQL %s is older than version 10, which the feed "
						 "needs"), p->res->server);
	return WG_OK;
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message; /* "relation already exists, skipping" and the like */
}

/* Where a push of this site was cut off: the table and last id, or "" when none was. */
static int read_progress(struct push *p, char *tbl, size_t tblsz, int64_t *last)
{
	const char *params[] = { p->uid, p->unmasked ? "false" : "true" };
	PGresult *r = NULL;
	tbl[0] = '\0';
	*last = 0;
	/* a push cut off with other masking starts again: its rows would be half one way */
	int rc = pg_run(p, _("reading the progress"), "DELETE FROM wangge.push_progress WHERE site_uid = $1"
		     " AND masked <> $2", 2, params, NULL);
	if (rc == WG_OK)
		rc = pg_run(p, _("reading the progress"), "SELECT tbl, last_id FROM wangge.push_progress"
			 " WHERE site_uid = $1", 1, params, &r);
	if (rc == WG_OK && p->pq->PQntuples(r) == 1) {
		snprintf(tbl, tblsz, "%s", p->pq->PQgetvalue(r, 0, 0));
		*last = atoll(p->pq->PQgetvalue(r, 0, 1));
		p->res->resumed = 1;
	}
	if (r)
		p->pq->PQclear(r);
	return rc;
}

/* What a push records there when it is done: the site, and what it had seen (vv, NULL when
 * the next push must compare every row again). */
int pg_record_push(struct push *p, const char *vv)
{
	struct wg_site_info info;
	char siteno[16], rows[32];
	int rc = wg_site_info(p->ctx, &info);
	if (rc != WG_OK)
		return rc;
	snprintf(siteno, sizeof siteno, "%d", info.site_no);
	snprintf(rows, sizeof rows, "%ld", p->res->rows);
	const char *params[] = { p->uid, siteno, info.community, info.code, p->unmasked ? "false" : "true",
				 rows, vv && *vv ? vv : NULL };
	rc = pg_run(p, _("recording the push"),
		 "INSERT INTO wangge.push_sites (site_uid, site_no, community, code, masked, rows,"
		 " pushed_at, vv) VALUES ($1, $2, $3, $4, $5, $6, now(), $7)"
		 " ON CONFLICT (site_uid) DO UPDATE SET site_no = $2, community = $3, code = $4,"
		 " masked = $5, rows = $6, pushed_at = now(), vv = $7", 7, params, NULL);
	if (rc == WG_OK)
		rc = pg_run(p, _("recording the push"), "DELETE FROM wangge.push_progress WHERE site_uid = $1",
			 1, params, NULL);
	return rc;
}

static int finish(struct push *p, const char *vv)
{
	int rc = pg_run(p, _("recording the push"), "BEGIN", 0, NULL, NULL);
	if (rc == WG_OK)
		rc = pg_record_push(p, vv);
	if (rc == WG_OK)
		return pg_run(p, _("recording the push"), "COMMIT", 0, NULL, NULL);
	pg_rollback(p);
	return rc;
}

/* The push's audit entry, written before the first row goes (so the push carries it, and a
 * second push finds nothing else to send): who sent what, masked or not, to which server. */
static int audit_push(struct push *p)
{
	char detail[256];
	snprintf(detail, sizeof detail, "%s, to %s%s%s", p->unmasked ? "unmasked" : "masked", p->res->server,
		 p->res->tls ? ", TLS" : ", no TLS", p->res->resumed ? ", resuming" : "");
	int rc = wg_begin(p->ctx);
	if (rc != WG_OK)
		return rc;
	if ((rc = wg_audit(p->ctx, "pg.push", "", 0, detail)) == WG_OK)
		return wg_commit(p->ctx);
	wg_rollback(p->ctx);
	return rc;
}

static int push_all(struct push *p, const char *service)
{
	struct table *t = NULL;
	char from_tbl[64] = "", *stored = p->vv_stored, *vv = p->vv_now;
	int64_t from_id = 0;
	int nt = 0;
	int rc = connect_pg(p, service);
	if (rc == WG_OK) {
		p->pq->PQsetNoticeProcessor(p->conn, quiet, NULL);
		rc = read_tables(p, &t, &nt);
	}
	if (rc == WG_OK)
		rc = make_schema(p, t, nt);
	if (rc == WG_OK)
		rc = read_progress(p, from_tbl, sizeof from_tbl, &from_id);
	if (rc == WG_OK && !*from_tbl)
		rc = pg_delta_stored(p, stored, sizeof p->vv_stored);
	if (rc == WG_OK)
		rc = audit_push(p);
	/* one read transaction from here on: every batch sees the same database, with the
	 * versions of every save made before it */
	if (rc == WG_OK && (rc = sync_read_begin(p->ctx, _("reading the rows to push"))) != WG_OK) {
		;
	} else if (rc == WG_OK) {
		pg_delta_vector(p, vv, sizeof p->vv_now);
		p->res->incremental = *stored && *vv && pg_delta_covers(p, stored);
		if (p->res->incremental)
			rc = pg_delta_push(p, t, nt, stored, vv);
		for (int i = 0; rc == WG_OK && !p->res->incremental && i < nt; i++) {
			int cmp = *from_tbl ? strcmp(t[i].name, from_tbl) : 1;
			if (cmp < 0 || (cmp == 0 && from_id < 0))
				continue; /* pushed before the cut */
			rc = push_table(p, &t[i], cmp == 0 ? from_id : 0);
		}
		if (rc == WG_OK && !p->res->incremental) /* a resumed push read at two moments */
			rc = finish(p, p->res->resumed ? "" : vv);
		sqlite3_exec(p->ctx->db, "COMMIT", NULL, NULL, NULL);
	}
	free_tables(t, nt);
	return rc;
}

int wg_pg_available(void)
{
	return 1;
}

int wg_pg_push(struct wg_ctx *ctx, const struct wg_pg_push_opts *opts, struct wg_pg_push_result *res)
{
	struct push p = { .ctx = ctx, .unmasked = opts->unmasked, .res = res,
			  .batch = opts->batch > 0 ? opts->batch : BATCH_DEFAULT };
	memset(res, 0, sizeof *res);
	int rc = opts->unmasked ? wg_require_role(ctx, WG_ROLE_ADMIN, _("A push with full ID numbers and "
									 "phones"))
				: wg_require_role(ctx, WG_ROLE_CLERK, _("Pushing to PostgreSQL"));
	if (rc != WG_OK)
		return rc;
	if (ctx->txn_depth)
		return wg_fail(ctx, WG_EIO, "%s", _("a push cannot run inside another change"));
	wg_site_uid_hex(ctx, p.uid);
	if (!*p.uid)
		return wg_fail(ctx, WG_EIO, "%s", _("this database has no site id; run 'wangge check'"));
	rc = push_all(&p, opts->service);
	if (p.conn)
		p.pq->PQfinish(p.conn);
	free(p.buf);
	return rc;
}

#endif
