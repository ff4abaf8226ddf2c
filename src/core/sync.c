/* Offline sync: recording changesets per transaction, writing sync files, applying them with a policy. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include <wangge/validate.h>
#include "audit-head.h"
#include "changeset-walk.h"
#include "record-priv.h"
#include "site-key-priv.h"
#include "sync-file.h"
#include "sync-rules.h"

/* ---- What is shared ---- */

/* Tables that belong to one machine: never recorded, sent or applied. */
static int shared_table(void *arg, const char *name)
{
	static const char *const local[] = { "meta", "settings", "drafts", "counters", "sync_state",
					     "sync_log", "sync_conflicts", "login_failures", "site_key",
					     "peer_keys", "audit_anchors", "tallies", NULL };
	(void)arg;
	if (strncmp(name, "resident_search", 15) == 0 || strncmp(name, "sqlite_", 7) == 0)
		return 0; /* the search index is rebuilt on each side */
	for (int i = 0; local[i]; i++)
		if (strcmp(name, local[i]) == 0)
			return 0;
	return 1;
}

/* ---- Recording (called by wg_begin, wg_commit and wg_rollback) ---- */

/* Changes are recorded once there is a peer to send them to; a new peer gets the whole file. */
static int has_peers(struct wg_ctx *ctx)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM sync_state)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int yes = 1; /* when in doubt, record */
	if (st && sqlite3_step(st) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0);
	if (st)
		sqlite3_reset(st);
	return yes;
}

int wg_sync_record_begin(struct wg_ctx *ctx)
{
	if (!ctx->sync_ready || ctx->session || !has_peers(ctx))
		return WG_OK;
	if (sqlite3session_create(ctx->db, "main", &ctx->session) != SQLITE_OK)
		return wg_db_fail(ctx, _("recording changes for sync"));
	sqlite3session_table_filter(ctx->session, shared_table, NULL);
	if (sqlite3session_attach(ctx->session, NULL) != SQLITE_OK) {
		wg_sync_record_drop(ctx);
		return wg_db_fail(ctx, _("recording changes for sync"));
	}
	return WG_OK;
}

void wg_sync_record_drop(struct wg_ctx *ctx)
{
	if (ctx->session)
		sqlite3session_delete(ctx->session);
	ctx->session = NULL;
}

int wg_sync_record_commit(struct wg_ctx *ctx)
{
	static const char sql[] =
		"INSERT INTO sync_log(origin_site, at, changeset) VALUES (?1, ?2, ?3)";
	int n = 0, rc = WG_OK;
	void *p = NULL;
	if (!ctx->session)
		return WG_OK;
	if (sqlite3session_changeset(ctx->session, &n, &p) != SQLITE_OK)
		rc = wg_db_fail(ctx, _("recording changes for sync"));
	wg_sync_record_drop(ctx); /* sync_log is not recorded anyway, but nothing more is wanted */
	if (rc == WG_OK && n > 0) {
		sqlite3_stmt *st = wg_stmt(ctx, sql);
		if (!st) {
			rc = WG_EIO;
		} else {
			sqlite3_bind_int(st, 1, ctx->sync_origin ? ctx->sync_origin : ctx->site_no);
			sqlite3_bind_int64(st, 2, (int64_t)wg_now(ctx));
			sqlite3_bind_blob(st, 3, p, n, SQLITE_STATIC);
			rc = wg_step_done(st) == SQLITE_DONE ? WG_OK
							     : wg_db_fail(ctx, _("recording changes for sync"));
		}
	}
	sqlite3_free(p);
	return rc;
}

/* ---- Peers ---- */

struct peer {
	int64_t acked_upto, received_upto;
	int known, got_from; /* a row; a file from the peer was imported */
};

static int read_peer(struct wg_ctx *ctx, int site, struct peer *p)
{
	static const char sql[] = "SELECT acked_upto, received_upto, last_import_at IS NOT NULL"
				  " FROM sync_state WHERE peer_site_no = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	memset(p, 0, sizeof *p);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, site);
	if (sqlite3_step(st) == SQLITE_ROW) {
		p->known = 1;
		p->acked_upto = sqlite3_column_int64(st, 0);
		p->received_upto = sqlite3_column_int64(st, 1);
		p->got_from = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	return WG_OK;
}

/* Records an export (exported 1: sent up to mark) or an import (exported 0: received up to
 * mark; the peer has our log up to acked) for a peer, and when the last sync was; with
 * exported -1 only makes sure the peer has its row. */
static int write_peer(struct wg_ctx *ctx, int site, int exported, int64_t mark, int64_t acked)
{
	static const char insert_sql[] =
		"INSERT OR IGNORE INTO sync_state(id, peer_site_no, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?3)";
	static const char export_sql[] =
		"UPDATE sync_state SET sent_upto = max(sent_upto, ?2), last_export_at = ?3, updated_at = ?3"
		" WHERE peer_site_no = ?1";
	static const char import_sql[] =
		"UPDATE sync_state SET received_upto = max(received_upto, ?2), acked_upto ="
		" max(acked_upto, ?4), last_import_at = ?3, updated_at = ?3 WHERE peer_site_no = ?1";
	char now[32];
	int64_t id;
	int rc = wg_store_new_id(ctx, "sync_state", &id);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, insert_sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, site);
	sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx));
	if (wg_step_done(st) != SQLITE_DONE)
		return wg_db_fail(ctx, _("recording the sync"));
	if (exported < 0)
		return WG_OK;
	if (!(st = wg_stmt(ctx, exported ? export_sql : import_sql)))
		return WG_EIO;
	sqlite3_bind_int(st, 1, site);
	sqlite3_bind_int64(st, 2, mark);
	sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx));
	if (!exported)
		sqlite3_bind_int64(st, 4, acked);
	if (wg_step_done(st) != SQLITE_DONE)
		return wg_db_fail(ctx, _("recording the sync"));
	snprintf(now, sizeof now, "%lld", (long long)wg_now(ctx));
	return wg_meta_set(ctx, "last_sync", now);
}

/* The newest entry of the log. */
static int64_t log_end(struct wg_ctx *ctx)
{
	static const char sql[] = "SELECT coalesce(max(seq), 0) FROM sync_log";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int64_t last = 0;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		last = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return last;
}

/* ---- Export ---- */

/* The whole database as one changeset: every shared table diffed against an empty copy. */
static int whole_changeset(struct wg_ctx *ctx, int *n, void **p)
{
	static const char tables_sql[] =
		"SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE TABLE%'"
		" ORDER BY name";
	sqlite3_session *s = NULL;
	sqlite3_stmt *st = NULL;
	char *err = NULL;
	int rc = sqlite3_exec(ctx->db, "ATTACH ':memory:' AS sync_empty", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3session_create(ctx->db, "main", &s);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(ctx->db, tables_sql, -1, &st, NULL);
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *def = (const char *)sqlite3_column_text(st, 1);
		if (!shared_table(NULL, name))
			continue;
		/* The same table, empty, in the attached schema: "CREATE TABLE sync_empty.name ..." */
		char *copy = sqlite3_mprintf("CREATE TABLE sync_empty.%s", def + strlen("CREATE TABLE "));
		rc = copy ? sqlite3_exec(ctx->db, copy, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(copy);
		if (rc == SQLITE_OK)
			rc = sqlite3session_attach(s, name);
		if (rc == SQLITE_OK)
			rc = sqlite3session_diff(s, "sync_empty", name, &err);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = sqlite3session_changeset(s, n, p);
	sqlite3session_delete(s);
	sqlite3_exec(ctx->db, "DETACH sync_empty", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		wg_fail(ctx, WG_EIO, _("making the sync file: %s"), err ? err : sqlite3_errstr(rc));
		sqlite3_free(err);
		return WG_EIO;
	}
	return WG_OK;
}

/* What the peer has not acknowledged and did not send: the log's entries merged. */
static int log_changeset(struct wg_ctx *ctx, int to_site, int64_t after, int64_t *last, int *n,
			 void **p)
{
	/* Everything after the acknowledged point, the peer's own changes too: merged, each row's
	 * last state wins, and what the peer already has is recognised and skipped there. */
	static const char sql[] = "SELECT seq, changeset FROM sync_log WHERE seq > ?1 AND ?2 = ?2"
				  " ORDER BY seq";
	sqlite3_changegroup *g = NULL;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc = st ? sqlite3changegroup_new(&g) : SQLITE_ERROR;
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, after);
		sqlite3_bind_int(st, 2, to_site);
		while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			rc = sqlite3changegroup_add(g, sqlite3_column_bytes(st, 1),
						    (void *)sqlite3_column_blob(st, 1));
		sqlite3_reset(st);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3changegroup_output(g, n, p);
	sqlite3changegroup_delete(g);
	*last = log_end(ctx);
	return rc == SQLITE_OK ? WG_OK : wg_fail(ctx, WG_EIO, _("making the sync file: %s"),
						  sqlite3_errstr(rc));
}

/* The changeset for a peer: the whole database while it has shown nothing of ours (*full), else
 * the log after its acknowledgement; *last is the end of the log it covers. */
static int payload(struct wg_ctx *ctx, int to_site, const struct peer *peer, int *full,
		   int64_t *last, int *n, void **p)
{
	int rc;
	/* Until the peer shows it has this site's records (it acknowledged some, or sent a file
	 * of its own), it gets the whole database again: taking that twice is harmless. */
	*full = !peer->acked_upto && !peer->got_from;
	if (!*full)
		return log_changeset(ctx, to_site, peer->acked_upto, last, n, p);
	/* The peer is known first, so that from now on every change is recorded: what the diff
	 * below misses is in the log, and what both carry is skipped on the other side. */
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = write_peer(ctx, to_site, -1, 0, 0)) != WG_OK || (rc = wg_commit(ctx)) != WG_OK) {
		wg_rollback(ctx);
		return rc;
	}
	*last = log_end(ctx);
	return whole_changeset(ctx, n, p);
}

/* Changes in a changeset, counted without trusting SQLite's reader with it. */
static long count_changes(size_t n, const void *p)
{
	long changes = 0;
	return cs_well_formed(p, n, &changes) ? changes : 0;
}

/* The peer's public key, which the file is encrypted to: the sites must be paired first. */
static int peer_key(struct wg_ctx *ctx, int site, unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	int rc = site_key_peer(ctx, site, pk);
	if (rc != WG_EINVAL)
		return rc;
	return wg_fail(ctx, WG_EINVAL, _("site %d is not paired with this site; run 'wangge sync key' "
					 "there, and here an administrator runs 'wangge sync pair %d "
					 "KEY' with the key it prints; then export again"),
		       site, site);
}

int wg_sync_export(struct wg_ctx *ctx, int to_site, const char *path, long *changes)
{
	unsigned char to_pk[crypto_sign_PUBLICKEYBYTES];
	struct peer peer;
	struct sync_header h = { .from = wg_site_no(ctx), .to = to_site, .schema = wg_schema_version() };
	char detail[64];
	int n = 0, rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Exporting for sync"));
	void *p = NULL;
	*changes = 0;
	if (rc != WG_OK)
		return rc;
	if (to_site < 1 || to_site == wg_site_no(ctx))
		return wg_fail(ctx, WG_EUSAGE, _("--to %d: give the number of another site (this is "
						 "site %d)"), to_site, wg_site_no(ctx));
	if ((rc = peer_key(ctx, to_site, to_pk)) != WG_OK || (rc = read_peer(ctx, to_site, &peer)) != WG_OK ||
	    (rc = payload(ctx, to_site, &peer, &h.full, &h.last, &n, &p)) != WG_OK)
		return rc;
	*changes = count_changes((size_t)n, p);
	h.first = h.full ? 0 : peer.acked_upto;
	h.ack = peer.received_upto;
	rc = audit_head_own(ctx, &h.head);
	if (rc == WG_OK)
		rc = sync_file_write(ctx, path, &h, p, (size_t)n, to_pk);
	sqlite3_free(p);
	if (rc != WG_OK)
		return rc;
	snprintf(detail, sizeof detail, "to site %d, %ld changes%s", to_site, *changes,
		 h.full ? ", whole file" : "");
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = write_peer(ctx, to_site, 1, h.last, 0)) == WG_OK)
		rc = wg_audit(ctx, "sync.export", "", 0, detail);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

/* ---- Import ---- */

/* A database with no records of its own yet: what wangge init leaves. */
static int fresh(struct wg_ctx *ctx)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM cells) + (SELECT count(*) FROM residents) +"
		" (SELECT count(*) FROM tasks) + (SELECT count(*) FROM volunteers) +"
		" (SELECT count(*) FROM shifts) + (SELECT count(*) FROM patrols)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int n = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	if (st)
		sqlite3_reset(st);
	return n == 0;
}

/* Empties the shared tables (all but this site's own row of sites) for a whole-database file. */
static int wipe_shared(struct wg_ctx *ctx)
{
	static const char tables_sql[] = "SELECT name FROM sqlite_schema WHERE type = 'table'"
					 " AND sql LIKE 'CREATE TABLE%' ORDER BY name";
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_exec(ctx->db, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(ctx->db, tables_sql, -1, &st, NULL);
	if (rc == SQLITE_OK) /* what this database did before it took the office's is void */
		rc = sqlite3_exec(ctx->db, "DELETE FROM sync_log", NULL, NULL, NULL);
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		if (!shared_table(NULL, name))
			continue;
		char *sql = strcmp(name, "sites") == 0
				    ? sqlite3_mprintf("DELETE FROM sites WHERE site_no <> %d", ctx->site_no)
				    : sqlite3_mprintf("DELETE FROM \"%w\"", name);
		rc = sql ? sqlite3_exec(ctx->db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? WG_OK : wg_db_fail(ctx, _("making room for the office's records"));
}

struct apply {
	struct wg_ctx *ctx;
	int from, office_wins, policy; /* policy: 0 ask, 1 newest, 2 office */
	long applied, conflicts, already; /* already: the change was here (a file taken twice) */
	int residents, foreign_key;
};

/* Column i of the incoming row (new values, or old for a delete), NULL when not given. */
static sqlite3_value *incoming(sqlite3_changeset_iter *it, int op, int i)
{
	sqlite3_value *v = NULL;
	if (op == SQLITE_DELETE)
		sqlite3changeset_old(it, i, &v);
	else
		sqlite3changeset_new(it, i, &v);
	return v;
}

/* Appends text to out, control characters and broken UTF-8 written as \\xNN: a value set
 * aside for holding a terminal escape must not reach the terminal when listed. */
static void put_escaped(char *out, size_t outsz, size_t *len, const char *text)
{
	for (const char *p = text; *p && *len + 5 < outsz;) {
		const char *at = p;
		uint32_t c = wg_utf8_next(&p);
		if (c == WG_UTF8_INVALID || c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
			*len += (size_t)snprintf(out + *len, outsz - *len, "\\x%02x",
						 c <= 0xFF ? (unsigned)c : (unsigned char)*at);
			continue;
		}
		if (*len + (size_t)(p - at) >= outsz)
			break;
		memcpy(out + *len, at, (size_t)(p - at));
		*len += (size_t)(p - at);
	}
	out[*len] = '\0';
}

static void put_value(char *out, size_t outsz, size_t *len, const char *name, sqlite3_value *v)
{
	const char *text = !v ? "" : sqlite3_value_type(v) == SQLITE_NULL ? "NULL"
				 : sqlite3_value_type(v) == SQLITE_BLOB ? "(blob)"
									: (const char *)sqlite3_value_text(v);
	int n = snprintf(out + *len, outsz - *len, "%s%s=", *len ? "; " : "", name);
	if (n > 0 && (size_t)n < outsz - *len) {
		*len += (size_t)n;
		put_escaped(out, outsz, len, text ? text : "");
	}
}

/* Both versions as "column=value; ...": the key, and the columns where they differ (every
 * column the other side sent when there is no row here to compare with). */
static void render(sqlite3_stmt *names, sqlite3_changeset_iter *it, int ncol, int has_local, int op,
		   char *mine, char *theirs, size_t outsz)
{
	size_t ml = 0, tl = 0;
	mine[0] = theirs[0] = '\0';
	for (int i = 0; i < ncol && sqlite3_step(names) == SQLITE_ROW; i++) {
		const char *name = (const char *)sqlite3_column_text(names, 1);
		sqlite3_value *here = NULL, *there = incoming(it, op, i);
		if (!there && i == 0 && op == SQLITE_UPDATE) /* the key is among the old values */
			sqlite3changeset_old(it, 0, &there);
		if (has_local)
			sqlite3changeset_conflict(it, i, &here);
		if (i > 0 && has_local && (!there || (here && sync_same_value(here, there))))
			continue;
		if (has_local)
			put_value(mine, outsz, &ml, name, here);
		if (there)
			put_value(theirs, outsz, &tl, name, there);
	}
	sqlite3_reset(names);
}

/* Keeps what this side could not take, with both versions, for a clerk to look at. */
static void keep_conflict(struct apply *a, sqlite3_changeset_iter *it, const char *why, int has_local)
{
	/* once: a file sent again, or overlapping the next, brings the same change again */
	static const char sql[] = "INSERT INTO sync_conflicts(peer_site, at, tbl, op, why, local,"
				  " incoming) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE NOT EXISTS"
				  " (SELECT 1 FROM sync_conflicts WHERE peer_site = ?1 AND tbl = ?3"
				  " AND op = ?4 AND why = ?5 AND local = ?6 AND incoming = ?7)";
	const char *tbl;
	int ncol, op, indirect;
	char local[2000], theirs[2000];
	sqlite3changeset_op(it, &tbl, &ncol, &op, &indirect);
	char *q = sqlite3_mprintf("SELECT cid, name FROM pragma_table_info(%Q) ORDER BY cid", tbl);
	sqlite3_stmt *names = NULL;
	if (q && sqlite3_prepare_v2(a->ctx->db, q, -1, &names, NULL) == SQLITE_OK) {
		render(names, it, ncol, has_local, op, local, theirs, sizeof theirs);
	} else {
		snprintf(theirs, sizeof theirs, "?");
		local[0] = '\0';
	}
	sqlite3_finalize(names);
	sqlite3_free(q);
	sqlite3_stmt *st = wg_stmt(a->ctx, sql);
	if (st) {
		sqlite3_bind_int(st, 1, a->from);
		sqlite3_bind_int64(st, 2, (int64_t)wg_now(a->ctx));
		sqlite3_bind_text(st, 3, tbl, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, op == SQLITE_INSERT ? "insert" : op == SQLITE_UPDATE ? "update"
										 : "delete",
				  -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, why, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, local, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, theirs, -1, SQLITE_STATIC);
		if (wg_step_done(st) == SQLITE_DONE && sqlite3_changes(a->ctx->db) > 0)
			a->conflicts++;
	}
}

/* Whether every value the change brings equals the row here: then it is already applied. */
static int same_as_here(sqlite3_changeset_iter *it, int ncol, int op)
{
	for (int i = 0; i < ncol; i++) {
		sqlite3_value *mine = NULL, *theirs = incoming(it, op, i);
		if (!theirs)
			continue;
		sqlite3changeset_conflict(it, i, &mine);
		if (!mine || !sync_same_value(mine, theirs))
			return 0;
	}
	return 1;
}

/* updated_at of the incoming row against the one here: 1 theirs is newer. */
static int theirs_newer(struct apply *a, sqlite3_changeset_iter *it, const char *tbl, int op)
{
	char *q = sqlite3_mprintf("SELECT cid FROM pragma_table_info(%Q) WHERE name = 'updated_at'", tbl);
	sqlite3_stmt *st = NULL;
	int col = -1;
	if (q && sqlite3_prepare_v2(a->ctx->db, q, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		col = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_free(q);
	sqlite3_value *mine = NULL, *theirs = col >= 0 ? incoming(it, op, col) : NULL;
	if (col >= 0)
		sqlite3changeset_conflict(it, col, &mine);
	return theirs && mine && sqlite3_value_int64(theirs) > sqlite3_value_int64(mine);
}

static int on_conflict(void *arg, int type, sqlite3_changeset_iter *it)
{
	struct apply *a = arg;
	const char *tbl;
	int ncol, op, indirect;
	sqlite3changeset_op(it, &tbl, &ncol, &op, &indirect);
	switch (type) {
	case SQLITE_CHANGESET_FOREIGN_KEY:
		a->foreign_key = 1;
		return SQLITE_CHANGESET_ABORT;
	case SQLITE_CHANGESET_NOTFOUND: /* deleted here; a delete from there is already done */
		if (op != SQLITE_DELETE)
			keep_conflict(a, it, "missing", 0);
		else
			a->already++;
		return SQLITE_CHANGESET_OMIT;
	case SQLITE_CHANGESET_CONSTRAINT:
		keep_conflict(a, it, "constraint", 0);
		return SQLITE_CHANGESET_OMIT;
	default: /* DATA or CONFLICT: both sides have the row, differently */
		if (same_as_here(it, ncol, op))
			return a->already++, SQLITE_CHANGESET_OMIT;
		if (op != SQLITE_DELETE &&
		    ((a->policy == 1 && theirs_newer(a, it, tbl, op)) || (a->policy == 2 && a->office_wins)))
			return SQLITE_CHANGESET_REPLACE;
		if (a->policy == 0)
			keep_conflict(a, it, "both changed", 1);
		return SQLITE_CHANGESET_OMIT;
	}
}

/* Which tables to apply: the shared ones; counts changes to residents (the index follows). */
static int apply_table(void *arg, const char *name)
{
	struct apply *a = arg;
	if (!shared_table(NULL, name))
		return 0;
	a->residents |= strcmp(name, "residents") == 0;
	return 1;
}

/* Why this file may not be taken here (WG_OK when it may): nothing has been written yet. */
static int refuse(struct wg_ctx *ctx, const char *path, const struct sync_header *h,
		  const struct peer *peer)
{
	if (h->schema != wg_schema_version())
		/* A table with other columns would be skipped by the session extension: refuse. */
		return wg_fail(ctx, WG_EINVAL, _("%s was written by a wangge with schema %d, this one "
						 "has schema %d; install the same wangge on both "
						 "machines, then export again"),
			       path, h->schema, wg_schema_version());
	if (h->full && !fresh(ctx) && !peer->got_from)
		return wg_fail(ctx, WG_EINVAL, _("%s holds the whole database of site %d, but this "
						 "database has records of its own and none from there; "
						 "a new laptop (wangge init --site-id N) takes the "
						 "office's file first, and only then sends its own"),
			       path, h->from);
	if (!h->full && h->first > peer->received_upto)
		return wg_fail(ctx, WG_EINVAL, _("%s starts after change %lld of site %d, but only "
						 "%lld were received from there; import the earlier "
						 "file first"),
			       path, (long long)h->first, h->from, (long long)peer->received_upto);
	return WG_OK;
}

static void set_aside(void *arg, sqlite3_changeset_iter *it, const char *why)
{
	keep_conflict(arg, it, why, 0);
}

/* The changes the rules let through, applied; those they refuse are kept in sync_conflicts. */
static int apply_changes(struct wg_ctx *ctx, const char *path, const struct sync_header *h,
			 const void *data, size_t n, struct apply *a)
{
	struct sync_filtered kept;
	int rc = WG_OK;
	if (sync_filter(ctx->db, data, n, h->from, ctx->site_no, set_aside, a, &kept) != 0)
		return wg_fail(ctx, WG_EINVAL, _("%s holds changes this wangge cannot read, although "
						 "site %d signed it; ask site %d for a new export"),
			       path, h->from, h->from);
	a->applied = kept.kept + kept.refused;
	if (kept.n > 0 && sqlite3changeset_apply(ctx->db, (int)kept.n, kept.data, apply_table,
						 on_conflict, a) != SQLITE_OK)
		rc = a->foreign_key
			     ? wg_fail(ctx, WG_EINVAL, _("%s refers to records this database does not "
							 "have (a case's category, a resident's cell, "
							 "...); import the files from site %d in "
							 "order, or ask for a new export"),
				       path, h->from)
			     : wg_fail(ctx, WG_EIO, _("applying %s: %s"), path, sqlite3_errmsg(ctx->db));
	sqlite3_free(kept.data);
	return rc;
}

int sync_apply_verified(struct wg_ctx *ctx, int from_site, const void *data, size_t n)
{
	struct sync_header h = { .from = from_site, .to = ctx->site_no };
	struct apply a = { .ctx = ctx, .from = from_site };
	return apply_changes(ctx, "(verified body)", &h, data, n, &a);
}

/* The file's changes, the sender's audit head and the import's own audit entry, inside the
 * open transaction: a new laptop first empties what init made. */
static int apply_file(struct wg_ctx *ctx, const char *path, const struct sync_header *h,
		      const void *data, size_t n, int adopt, struct apply *a)
{
	char detail[96];
	/* Emptied, this site's chain starts again: so does its signed head. */
	int rc = adopt ? wipe_shared(ctx) : WG_OK;
	if (rc == WG_OK && adopt)
		rc = audit_head_rebuild(ctx);
	if (rc == WG_OK)
		rc = apply_changes(ctx, path, h, data, n, a);
	if (rc == WG_OK && (a->residents || h->full) &&
	    sqlite3_exec(ctx->db, "INSERT INTO resident_search(resident_search) VALUES ('rebuild')",
			 NULL, NULL, NULL) != SQLITE_OK)
		rc = wg_db_fail(ctx, _("updating the search index"));
	if (rc == WG_OK)
		rc = audit_head_store(ctx, &h->head);
	if (rc == WG_OK)
		rc = write_peer(ctx, h->from, 0, h->last, h->ack);
	/* A laptop's first import ran unrecorded (it had no peer yet); its audit entry must reach
	 * the office with the laptop's next file, so recording starts here if not already. */
	if (rc == WG_OK)
		rc = wg_sync_record_begin(ctx);
	snprintf(detail, sizeof detail, "from site %d, %ld changes, %ld conflicts%s", h->from,
		 a->applied - a->conflicts - a->already, a->conflicts, h->full ? ", whole file" : "");
	/* In the same transaction: no import is ever saved without its audit entry. */
	return rc == WG_OK ? wg_audit(ctx, "sync.import", "", 0, detail) : rc;
}

int wg_sync_import(struct wg_ctx *ctx, const char *path, const char *policy,
		   struct wg_sync_import_result *res)
{
	struct sync_header h;
	struct peer peer;
	void *data = NULL;
	size_t n = 0;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing a sync file"));
	memset(res, 0, sizeof *res);
	/* Every check of the file comes before the write lock is taken. */
	if (rc != WG_OK || (rc = sync_file_read(ctx, path, &h, &data, &n)) != WG_OK)
		return rc;
	struct apply a = { .ctx = ctx, .from = h.from, .office_wins = h.from == 1,
			   .policy = policy && !strcmp(policy, "newest") ? 1
				     : policy && !strcmp(policy, "office") ? 2 : 0 };
	res->from_site = h.from;
	res->full = h.full;
	/* A new laptop takes the whole file in place of what init made; one that already has
	 * the sender's records merges it like any other file. */
	int adopt = 0;
	if ((rc = read_peer(ctx, h.from, &peer)) == WG_OK && (rc = refuse(ctx, path, &h, &peer)) == WG_OK &&
	    (rc = wg_begin(ctx)) == WG_OK) {
		adopt = h.full && !peer.got_from;
		ctx->sync_origin = h.from; /* what is applied is relayed onwards, never sent back */
		if ((rc = apply_file(ctx, path, &h, data, n, adopt, &a)) == WG_OK)
			rc = wg_commit(ctx);
		else
			wg_rollback(ctx);
		ctx->sync_origin = 0;
	}
	free(data);
	res->applied = a.applied - a.conflicts - a.already;
	res->already = a.already;
	res->conflicts = a.conflicts;
	if (rc == WG_OK && adopt)
		wg_store_reload(ctx); /* the accounts and site rows are the office's now */
	return rc;
}

/* ---- Conflicts set aside ---- */

int wg_sync_conflicts(struct wg_ctx *ctx, int all,
		      int (*each)(void *arg, const struct wg_sync_conflict *c), void *arg)
{
	static const char sql[] = "SELECT id, peer_site, at, tbl, op, why, local, incoming, resolved"
				  " FROM sync_conflicts WHERE ?1 OR NOT resolved ORDER BY id";
	struct wg_sync_conflict c;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Reading sync conflicts"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int(st, 1, all);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		c.id = sqlite3_column_int64(st, 0);
		c.peer_site = sqlite3_column_int(st, 1);
		c.at = (time_t)sqlite3_column_int64(st, 2);
		wg_col_copy(st, 3, c.table, sizeof c.table);
		wg_col_copy(st, 4, c.op, sizeof c.op);
		wg_col_copy(st, 5, c.why, sizeof c.why);
		c.local = (const char *)sqlite3_column_text(st, 6);
		c.incoming = (const char *)sqlite3_column_text(st, 7);
		c.resolved = sqlite3_column_int(st, 8);
		rc = each(arg, &c);
	}
	sqlite3_reset(st);
	return rc;
}

int wg_sync_conflict_resolve(struct wg_ctx *ctx, int64_t id)
{
	static const char sql[] = "UPDATE sync_conflicts SET resolved = 1 WHERE id = ?1 AND NOT resolved";
	char detail[32];
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Resolving sync conflicts"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (wg_step_done(st) != SQLITE_DONE)
		rc = wg_db_fail(ctx, _("resolving a sync conflict"));
	else if (sqlite3_changes(ctx->db) == 0)
		rc = wg_fail(ctx, WG_EINVAL, _("there is no open sync conflict %lld; see 'wangge sync "
					       "conflicts'"), (long long)id);
	snprintf(detail, sizeof detail, "conflict %lld", (long long)id);
	if (rc == WG_OK)
		rc = wg_audit(ctx, "sync.resolve", "", 0, detail);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}
