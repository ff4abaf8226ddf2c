/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Offline sync: exporting and importing files, the conflicts set aside. */
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
#include "record-priv.h"
#include "site-key-priv.h"
#include "sync-file.h"
#include "sync-pack.h"
#include "sync-priv.h"
#include "sync-rules.h"

/* ---- Peers ---- */

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

/* Whether the peer has sent this site a file (since it was last restored from a backup): until
 * then it gets the whole database. */
static int heard_from(struct wg_ctx *ctx, int site)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM sync_acks WHERE peer = ?1 AND origin > 0)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int yes = 0;
	if (!st)
		return 0;
	sqlite3_bind_int(st, 1, site);
	if (sqlite3_step(st) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return yes;
}

/* The policy this site declares in its files: the office its own setting (the others follow
 * it from its first file on), another site the office's as it heard it. */
static int declared_policy(struct wg_ctx *ctx, const char *configured)
{
	return sync_policy(ctx, configured);
}

/* Rows this site made before it was paired carry no version: a peer that sent its whole
 * database has never had them, so they get one now and go with the next file.  A site that
 * takes its accounts from an office keeps its own from init at home (the office would refuse
 * them). */
static int version_own_rows(struct wg_ctx *ctx)
{
	const struct sync_schema *s = sync_schema_get(ctx);
	struct sync_ver v;
	int rc = sync_next_version(ctx, &v), stamped = 0;
	for (int i = 0; rc == WG_OK && s && i < s->n; i++) {
		if (ctx->site_no != ctx->office_site &&
		    (strcmp(s->t[i].name, "users") == 0 || strcmp(s->t[i].name, "sites") == 0))
			continue;
		char *sql = sqlite3_mprintf(
			"INSERT INTO sync_cols(tbl, rid, col, origin, seq, hlc) SELECT %Q, id, '*', %d, %lld,"
			" %lld FROM \"%w\" WHERE id >= %lld AND id < %lld AND NOT EXISTS (SELECT 1 FROM"
			" sync_cols c WHERE c.tbl = %Q AND c.rid = \"%w\".id)", s->t[i].name, v.origin,
			(long long)v.seq, (long long)v.hlc, s->t[i].name,
			(long long)((int64_t)ctx->site_no << WG_SITE_SHIFT),
			(long long)((int64_t)(ctx->site_no + 1) << WG_SITE_SHIFT), s->t[i].name, s->t[i].name);
		if (!sql || sqlite3_exec(ctx->db, sql, NULL, NULL, NULL) != SQLITE_OK)
			rc = wg_db_fail(ctx, _("recording changes for sync"));
		stamped += sqlite3_changes(ctx->db);
		sqlite3_free(sql);
	}
	return rc == WG_OK && stamped ? sync_own_done(ctx, &v) : rc;
}

int wg_sync_export(struct wg_ctx *ctx, int to_site, const char *path, const char *policy, long *changes)
{
	unsigned char to_pk[crypto_sign_PUBLICKEYBYTES];
	struct sync_header h = { .from = wg_site_no(ctx), .to = to_site, .schema = wg_schema_version() };
	char detail[64];
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Exporting for sync"));
	*changes = 0;
	if (rc != WG_OK)
		return rc;
	if (to_site < 1 || to_site == wg_site_no(ctx))
		return wg_fail(ctx, WG_EUSAGE, _("--to %d: give the number of another site (this is "
						 "site %d)"), to_site, wg_site_no(ctx));
	if ((rc = peer_key(ctx, to_site, to_pk)) != WG_OK)
		return rc;
	/* who writes and for whom: the receiver's id once its first file has said it */
	wg_site_uid_hex(ctx, h.from_uid);
	if (!*h.from_uid || site_key_peer_uid(ctx, to_site, h.to_uid) != WG_OK)
		return wg_fail(ctx, WG_EIO, "%s", _("making the sync file: this site's id cannot be read; "
						    "run 'wangge check'"));
	h.full = !heard_from(ctx, to_site);
	/* a whole file gives this site's rows from before its first pairing their version first:
	 * the receiver keeps the versions and passes the rows on to the sites it syncs with (a
	 * street office to its other communities), which a row without one would never reach */
	if (h.full) {
		if ((rc = wg_begin(ctx)) != WG_OK)
			return rc;
		if ((rc = sync_flush(ctx)) == WG_OK && (rc = version_own_rows(ctx)) == WG_OK)
			rc = wg_commit(ctx);
		else
			wg_rollback(ctx);
		if (rc != WG_OK)
			return rc;
	}
	struct sync_pack_job job = { .peer = to_site, .full = h.full, .policy = declared_policy(ctx, policy) };
	if ((rc = audit_head_own(ctx, &h.head)) != WG_OK)
		return rc;
	/* one read transaction: the counting pass and the writing pass see the same records, and
	 * every version of a save made before it */
	if ((rc = sync_read_begin(ctx, _("making the sync file"))) != WG_OK)
		return rc;
	h.last = sync_vv_get(ctx, ctx->site_no);
	rc = sync_pack_begin(ctx, &job, changes);
	if (rc == WG_OK)
		rc = sync_file_write(ctx, path, &h, sync_pack_produce, &job, to_pk);
	sqlite3_exec(ctx->db, "COMMIT", NULL, NULL, NULL);
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
		rc = sqlite3_exec(ctx->db, "DELETE FROM sync_cols; DELETE FROM sync_aliases;"
					   " DELETE FROM sync_acks; DELETE FROM sync_conflicts;"
					   " DELETE FROM sync_seal_rows; DELETE FROM sync_seal_files", NULL, NULL, NULL);
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		if (!sync_shared_table(name))
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

/* Why this file may not be taken here (WG_OK when it may): nothing has been written yet. */
static int refuse(struct wg_ctx *ctx, const char *path, const struct sync_header *h)
{
	if (h->schema != wg_schema_version())
		/* A table with other columns could not be merged column by column: refuse. */
		return wg_fail(ctx, WG_EINVAL, _("%s was written by a wangge with schema %d, this one "
						 "has schema %d; install the same wangge on both "
						 "machines, then export again"),
			       path, h->schema, wg_schema_version());
	return WG_OK;
}

/* A body held in memory, as its segments (the fuzzer's, and sync_file_read's). */
struct mem_body {
	const unsigned char *p;
	size_t n, off;
};

static int mem_next(void *arg, const void **seg, size_t *n)
{
	struct mem_body *b = arg;
	if (b->off == b->n)
		return 0;
	if (b->n - b->off < 4)
		return -1;
	const unsigned char *l = b->p + b->off;
	size_t len = (size_t)l[0] << 24 | (size_t)l[1] << 16 | (size_t)l[2] << 8 | l[3];
	if (len > b->n - b->off - 4 || len > SYNC_SEGMENT_MAX)
		return -1;
	*seg = l + 4;
	*n = len;
	b->off += 4 + len;
	return 1;
}

static int mem_rewind(void *arg)
{
	((struct mem_body *)arg)->off = 0;
	return 0;
}

int sync_apply_verified(struct wg_ctx *ctx, int from_site, const void *data, size_t n)
{
	struct sync_merge_result res;
	struct mem_body b = { data, n, 0 };
	struct sync_source src = { mem_next, mem_rewind, &b };
	ctx->sync_applying = 1;
	int rc = sync_merge(ctx, from_site, &src, 0, 0, &res);
	ctx->sync_applying = 0;
	return rc;
}

static int file_next(void *arg, const void **seg, size_t *n)
{
	return sync_body_segment(arg, seg, n);
}

static int file_rewind(void *arg)
{
	return sync_body_rewind(arg);
}

/* The file's changes, the sender's audit head and the import's own audit entry, inside the
 * open transaction: a new laptop first empties what init made. */
static int apply_file(struct wg_ctx *ctx, const struct sync_header *h, struct sync_body *body,
		      int adopt, int policy, struct sync_merge_result *r)
{
	char detail[160], code[8];
	/* the merge reads and writes versions: this site's pending ones go in first */
	int rc = sync_flush(ctx);
	if (rc == WG_OK && adopt)
		rc = wipe_shared(ctx);
	if (rc == WG_OK)
		rc = sync_merge(ctx, h->from, &(struct sync_source){ file_next, file_rewind, body }, adopt, policy, r);
	ctx->sync_applying = 0;
	if (rc == WG_OK && adopt) /* its own changes go on after the history it took */
		rc = sync_origin_adopted(ctx);
	if (rc == WG_OK && adopt) /* emptied, its chain is the entries of its number it took: its
				   * signed head is made again to hold them */
		rc = audit_head_rebuild(ctx);
	if (rc == WG_OK && h->full && !adopt)
		rc = version_own_rows(ctx);
	if (rc == WG_OK && adopt &&
	    sqlite3_exec(ctx->db, "INSERT INTO resident_search(resident_search) VALUES ('rebuild')",
			 NULL, NULL, NULL) != SQLITE_OK)
		rc = wg_db_fail(ctx, _("updating the search index"));
	snprintf(code, sizeof code, "%d", ctx->site_no == ctx->office_site ? policy : r->office_policy - 1);
	if (rc == WG_OK && (ctx->site_no == ctx->office_site || r->office_policy))
		rc = wg_meta_set(ctx, "sync_policy", code);
	if (rc == WG_OK) /* the records stay under the sender's key (refused whole when they do not hold) */
		rc = sync_seal_keep(ctx, h->from, h->from_uid);
	if (rc == WG_OK) /* its first file says which database this peer is; later ones must agree */
		rc = site_key_pin_uid(ctx, h->from, h->from_uid);
	if (rc == WG_OK)
		rc = audit_head_store(ctx, &h->head);
	if (rc == WG_OK)
		rc = write_peer(ctx, h->from, 0, h->last, 0);
	/* the import's own audit entry is this site's change: it goes with the next file */
	if (rc == WG_OK)
		rc = sync_record_begin(ctx);
	snprintf(detail, sizeof detail, "from site %d, %ld changes, %ld conflicts, %ld to this site's own"
		 " records%s", h->from, r->applied, r->conflicts, r->changed_own, h->full ? ", whole file" : "");
	/* In the same transaction: no import is ever saved without its audit entry. */
	return rc == WG_OK ? wg_audit(ctx, "sync.import", "", 0, detail) : rc;
}

int wg_sync_import(struct wg_ctx *ctx, const char *path, const char *policy,
		   struct wg_sync_import_result *res)
{
	struct sync_header h;
	struct sync_merge_result r = { 0 };
	struct sync_body *body = NULL;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing a sync file"));
	memset(res, 0, sizeof *res);
	/* Every check of the file comes before the write lock is taken. */
	if (rc != WG_OK || (rc = sync_body_open(ctx, path, &h, &body)) != WG_OK)
		return rc;
	res->from_site = h.from;
	res->full = h.full;
	/* A new laptop takes its office's whole file in place of what init made; any other
	 * database merges it like any other file. */
	int adopt = 0;
	ctx->sync_applying = 1; /* what the file brings is not this site's change: no recording */
	if ((rc = refuse(ctx, path, &h)) == WG_OK && (rc = wg_begin(ctx)) == WG_OK) {
		/* only the office's whole file replaces what init made: the accounts come with it,
		 * and any other site's would be refused after this site's own were emptied */
		adopt = h.full && h.from == ctx->office_site && fresh(ctx);
		int p = ctx->site_no == ctx->office_site
				? (policy && strcmp(policy, "office") == 0 ? 2 : 0) : sync_policy(ctx, policy);
		if ((rc = apply_file(ctx, &h, body, adopt, p, &r)) == WG_OK)
			rc = wg_commit(ctx);
		else
			wg_rollback(ctx);
	}
	ctx->sync_applying = 0;
	sync_body_close(body);
	res->applied = r.applied;
	res->already = r.already;
	res->changed_own = r.changed_own;
	res->conflicts = r.conflicts;
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

/* Writes the chosen side's values of a conflict back into its record, as a change of this
 * site: it then wins everywhere (a version that knew both). */
static int take_side(struct wg_ctx *ctx, int64_t id, int incoming)
{
	static const char sql[] = "SELECT tbl, row_id, iif(?2, incoming_json, local_json), op"
				  " FROM sync_conflicts WHERE id = ?1 AND NOT resolved";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	const struct sync_schema *s = sync_schema_get(ctx);
	int rc = st && s ? WG_OK : WG_EIO;
	if (rc != WG_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, incoming);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return wg_fail(ctx, WG_EINVAL, _("there is no open sync conflict %lld; see 'wangge sync "
					       "conflicts'"), (long long)id);
	}
	char tbl[64], op[16];
	int64_t rid = sqlite3_column_int64(st, 1);
	char *json = sqlite3_mprintf("%s", sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2) : "");
	snprintf(tbl, sizeof tbl, "%s", (const char *)sqlite3_column_text(st, 0));
	snprintf(op, sizeof op, "%s", (const char *)sqlite3_column_text(st, 3));
	sqlite3_reset(st);
	int ti = sync_table_find(s, tbl);
	if (ti < 0 || !json || !json[0] || strcmp(op, "update") != 0 || strcmp(json, "{}") == 0)
		rc = wg_fail(ctx, WG_EINVAL, _("conflict %lld has no values to take (a record deleted on one "
					       "side, or refused); put the record right by hand, then "
					       "'wangge sync resolve %lld'"), (long long)id, (long long)id);
	sqlite3_str *q = sqlite3_str_new(ctx->db);
	sqlite3_str_appendf(q, "UPDATE \"%w\" SET id = id", tbl);
	for (int i = 1; rc == WG_OK && i < s->t[ti].ncol; i++)
		sqlite3_str_appendf(q, ", \"%w\" = iif(json_type(?1, '$.%w') IS NULL, \"%w\","
				    " json_extract(?1, '$.%w'))", s->t[ti].cols[i], s->t[ti].cols[i],
				    s->t[ti].cols[i], s->t[ti].cols[i]);
	sqlite3_str_appendall(q, " WHERE id = ?2");
	char *upd = sqlite3_str_finish(q);
	sqlite3_stmt *u = NULL;
	if (rc == WG_OK && (!upd || sqlite3_prepare_v2(ctx->db, upd, -1, &u, NULL) != SQLITE_OK))
		rc = wg_db_fail(ctx, _("resolving a sync conflict"));
	if (rc == WG_OK) {
		sqlite3_bind_text(u, 1, json, -1, SQLITE_STATIC);
		sqlite3_bind_int64(u, 2, rid);
		if (sqlite3_step(u) != SQLITE_DONE)
			rc = wg_db_fail(ctx, _("resolving a sync conflict"));
		else if (sqlite3_changes(ctx->db) == 0)
			rc = wg_fail(ctx, WG_EINVAL, _("the record of conflict %lld is no longer here"), (long long)id);
	}
	sqlite3_finalize(u);
	sqlite3_free(upd);
	sqlite3_free(json);
	return rc;
}

int wg_sync_conflict_resolve(struct wg_ctx *ctx, int64_t id, enum wg_sync_take take)
{
	static const char sql[] = "UPDATE sync_conflicts SET resolved = 1 WHERE id = ?1 AND NOT resolved";
	char detail[48];
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Resolving sync conflicts"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if (take != WG_SYNC_TAKE_NONE)
		rc = take_side(ctx, id, take == WG_SYNC_TAKE_INCOMING);
	sqlite3_bind_int64(st, 1, id);
	if (rc != WG_OK)
		;
	else if (wg_step_done(st) != SQLITE_DONE)
		rc = wg_db_fail(ctx, _("resolving a sync conflict"));
	else if (sqlite3_changes(ctx->db) == 0)
		rc = wg_fail(ctx, WG_EINVAL, _("there is no open sync conflict %lld; see 'wangge sync "
					       "conflicts'"), (long long)id);
	snprintf(detail, sizeof detail, "conflict %lld%s", (long long)id,
		 take == WG_SYNC_TAKE_LOCAL ? ", took here's" : take == WG_SYNC_TAKE_INCOMING ? ", took there's" : "");
	if (rc == WG_OK)
		rc = wg_audit(ctx, "sync.resolve", "", 0, detail);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}
