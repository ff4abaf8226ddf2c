/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A database set up with the wrong site number takes the one its street office gave it. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include "audit-head.h"
#include "record-priv.h"
#include "tally-priv.h"

/*
 * Every row key holds the number of the site that made it (key = number * 2^40 + n), so a
 * new number means new keys: each key of this site's range, and each column that refers to
 * one, moves by (new - old) * 2^40 in one transaction.  The columns are found in the schema
 * (the integer primary key, the foreign keys, who made and changed a row) and the few that
 * name a row of a table given beside them are listed here.  What is counted from the rows
 * (the tallies, the search index) is counted again, the display numbers made from a key or the
 * site number follow (S1-2026-000001, V0001, ZM2026-1-000001), and the audit chain, whose
 * entries hold user and row keys, is hashed again and its head signed by the site's own key,
 * after the chain as it stood has been verified.
 *
 * Only a database that never took a sync file: once a file came, other sites hold rows that
 * name its keys.  A file it sent may have been taken somewhere; the administrator has to say
 * that every one was refused (the refusal of a site number already taken is the usual reason
 * to renumber).  Its sync state starts again, so its next file to any site is a whole one.
 *
 * A group (a community's office and its laptops, that exchanged files among themselves) moves
 * one number together: each of its databases runs the same renumber, its own number or another
 * member's (--of), before any of them exchanges another file.  Then the sync state is kept and
 * moved with the number (versions, transactions and the vectors in them, acknowledgements,
 * aliases, pairings, the ids learned for numbers), every audit chain is hashed again (the same
 * entries give the same hashes in every member) and only this site's head is signed anew: the
 * others' heads come again with their next files.  A file made before the renumber names the
 * old number and is refused; the group goes on with files of changes, not whole ones.
 */

/* Columns that refer to a row of a table named elsewhere (a handler kind, a table name). */
static const struct {
	const char *table, *column;
} loose_refs[] = {
	{ "audit_log", "user_id" },         { "audit_log", "row_id" },
	{ "conference_parties", "ref_id" }, { "drafts", "user_id" },
	{ "drafts", "record_id" },          { "notice_recipients", "ref_id" },
	{ "task_events", "actor_id" },      { "task_events", "handler_id" },
	{ "tasks", "handler_id" },
};

/* Tables rebuilt, cleared or holding no row keys: never shifted column by column. */
static const char skipped_sql[] =
	"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
	" AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'resident\\_search\\_%' ESCAPE '\\'"
	" AND name NOT IN ('tallies', 'counters', 'meta', 'site_key', 'site_register', 'peer_keys',"
	" 'audit_anchors', 'sync_cols', 'sync_txns', 'sync_vv', 'sync_acks', 'sync_aliases',"
	" 'sync_state', 'sync_conflicts', 'sync_seal_files', 'sync_seal_rows') ORDER BY name";

/* The columns of table that hold keys of rows. */
static const char columns_sql[] =
	"SELECT p.name FROM pragma_table_info(?1) p WHERE (p.pk = 1 AND upper(p.type) = 'INTEGER')"
	" OR p.name IN ('created_by', 'updated_by', 'paired_by', 'registered_by')"
	" OR p.name IN (SELECT f.\"from\" FROM pragma_foreign_key_list(?1) f)";

struct renumber {
	struct wg_ctx *ctx;
	int from, to;
	int64_t lo, hi, delta;
	struct wg_site_renumber_result *res;
	int group; /* the whole group renumbers from to the same: sync state kept, moved */
	int own;   /* from is this database's own number */
};

static int exec(struct wg_ctx *ctx, const char *sql)
{
	return wg_exec(ctx, sql, _("renumbering the site"));
}

static int64_t scalar(struct wg_ctx *ctx, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Moves column's keys of this site's range to the new one. */
static int shift(struct renumber *r, const char *table, const char *column)
{
	char *sql = sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = \"%w\" + ?1 WHERE \"%w\" >= ?2 AND \"%w\" < ?3",
				    table, column, column, column, column);
	sqlite3_stmt *st = NULL;
	int rc = sql && sqlite3_prepare_v2(r->ctx->db, sql, -1, &st, NULL) == SQLITE_OK ? SQLITE_OK : SQLITE_ERROR;
	sqlite3_free(sql);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, r->delta);
		sqlite3_bind_int64(st, 2, r->lo);
		sqlite3_bind_int64(st, 3, r->hi);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		r->res->keys += sqlite3_changes(r->ctx->db);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? WG_OK
			       : wg_fail(r->ctx, WG_EIO, _("renumbering the site: %s.%s: %s"), table, column,
					 sqlite3_errmsg(r->ctx->db));
}

/* A table's rows that another site made: this database took them from a file or a copy. */
static int foreign_rows(struct renumber *r, const char *table)
{
	char *sql = sqlite3_mprintf("SELECT EXISTS (SELECT 1 FROM \"%w\" WHERE id >= %lld AND (id < %lld"
				    " OR id >= %lld))", table, (long long)(1LL << WG_SITE_SHIFT),
				    (long long)r->lo, (long long)r->hi);
	int64_t v = sql ? scalar(r->ctx, sql) : -1;
	sqlite3_free(sql);
	return (int)v;
}

/* Whether a table of records holds a key of site n's range (1), none (0). */
static int any_rows(struct renumber *r, int n)
{
	sqlite3_stmt *tables = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(r->ctx->db, skipped_sql, -1, &tables, NULL) != SQLITE_OK)
		return -1;
	while (!found && sqlite3_step(tables) == SQLITE_ROW) {
		char *sql = sqlite3_mprintf("SELECT EXISTS (SELECT 1 FROM \"%w\" WHERE id >= %lld AND id < %lld)",
					    (const char *)sqlite3_column_text(tables, 0),
					    (long long)((int64_t)n << WG_SITE_SHIFT),
					    (long long)((int64_t)(n + 1) << WG_SITE_SHIFT));
		found = sql && scalar(r->ctx, sql) == 1;
		sqlite3_free(sql);
	}
	sqlite3_finalize(tables);
	return found;
}

static int each_table(struct renumber *r, int check_only)
{
	sqlite3_stmt *tables = NULL, *cols = NULL;
	int rc = WG_OK;
	if (sqlite3_prepare_v2(r->ctx->db, skipped_sql, -1, &tables, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(r->ctx->db, columns_sql, -1, &cols, NULL) != SQLITE_OK)
		rc = wg_fail(r->ctx, WG_EIO, _("renumbering the site: %s"), sqlite3_errmsg(r->ctx->db));
	while (rc == WG_OK && sqlite3_step(tables) == SQLITE_ROW) {
		char table[128];
		snprintf(table, sizeof table, "%s", (const char *)sqlite3_column_text(tables, 0));
		sqlite3_bind_text(cols, 1, table, -1, SQLITE_TRANSIENT);
		while (rc == WG_OK && sqlite3_step(cols) == SQLITE_ROW) {
			const char *column = (const char *)sqlite3_column_text(cols, 0);
			if (!check_only)
				rc = shift(r, table, column);
			else if (strcmp(column, "id") == 0 && foreign_rows(r, table) != 0)
				rc = wg_fail(r->ctx, WG_EINVAL, _("table %s holds records another site made: "
								  "this database took them from a sync file or "
								  "a copy, and only a database that never did "
								  "can take a new number"), table);
		}
		sqlite3_reset(cols);
	}
	for (size_t i = 0; rc == WG_OK && !check_only && i < sizeof loose_refs / sizeof *loose_refs; i++)
		rc = shift(r, loose_refs[i].table, loose_refs[i].column);
	sqlite3_finalize(tables);
	sqlite3_finalize(cols);
	return rc;
}

/* The audit chains verify, as they stand: a renumber hashes them again and signs. */
static int chains_verify(struct wg_ctx *ctx)
{
	long checked = 0, bad = 0;
	int64_t first_bad = 0;
	if (wg_audit_verify(ctx, &checked, &bad, &first_bad) != WG_OK)
		return WG_EIO;
	if (bad)
		return wg_fail(ctx, WG_EINVAL, _("the audit log does not verify (%ld of %ld entries, the "
						 "first %lld): renumbering would sign it anew; run 'wangge "
						 "check' and restore a good backup first"),
			       bad, checked, (long long)first_bad);
	return WG_OK;
}

/* A group's renumber: the new number's range holds nothing here, and the chains verify. */
static int may_move_group(struct renumber *r)
{
	struct wg_ctx *ctx = r->ctx;
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT EXISTS (SELECT 1 FROM sync_cols WHERE origin = %d) OR EXISTS"
		 " (SELECT 1 FROM sync_vv WHERE origin = %d)", r->to, r->to);
	if (scalar(ctx, sql) != 0 || any_rows(r, r->to) != 0)
		return wg_fail(ctx, WG_EINVAL, _("this database holds records or changes of site %d "
						 "already: give the group a number the street office "
						 "registered and nobody used"), r->to);
	if (!r->own && any_rows(r, r->from) == 0) {
		snprintf(sql, sizeof sql, "SELECT EXISTS (SELECT 1 FROM peer_keys WHERE site_no = %d) OR"
			 " EXISTS (SELECT 1 FROM sync_vv WHERE origin = %d)", r->from, r->from);
		if (scalar(ctx, sql) == 0)
			return wg_fail(ctx, WG_EINVAL, _("this database holds nothing of site %d: nothing "
							 "to renumber"), r->from);
	}
	return chains_verify(ctx);
}

/* Refuses what cannot be renumbered; WG_OK when this database can be. */
static int may_renumber(struct renumber *r, int sent_refused)
{
	struct wg_ctx *ctx = r->ctx;
	char sql[160];
	int rc;
	if (r->to < 1 || r->to > WG_SITE_MAX)
		return wg_fail(ctx, WG_EUSAGE, _("site number %d is out of range: give 1 to %d, the "
						 "number the street office registered for this site"),
			       r->to, WG_SITE_MAX);
	if (r->to == r->from)
		return wg_fail(ctx, WG_EINVAL, _("this database is site %d already"), r->to);
	if (!r->own && (r->from < 1 || r->from > WG_SITE_MAX || r->to == ctx->site_no))
		return wg_fail(ctx, WG_EUSAGE, _("--of takes the number of another site of the group "
						 "(1 to %d, not this database's own)"), WG_SITE_MAX);
	snprintf(sql, sizeof sql, "SELECT EXISTS (SELECT 1 FROM peer_keys WHERE site_no = %d) OR"
		 " EXISTS (SELECT 1 FROM site_register WHERE site_no = %d)", r->to, r->to);
	if (scalar(ctx, sql) != 0)
		return wg_fail(ctx, WG_EINVAL, _("site %d is another site here (paired or registered): "
						 "give the number the street office registered for this "
						 "site"), r->to);
	if (r->group)
		return may_move_group(r);
	int64_t took = scalar(ctx, "SELECT min(peer) FROM sync_acks");
	if (took > 0)
		return wg_fail(ctx, WG_EINVAL, _("this database has taken sync files (from site %lld): the "
						 "sites it exchanged with hold its records under its keys, so "
						 "it keeps its number, or moves it with all of them (--group "
						 "here, --of on each of them); or give the other database the "
						 "new number instead"), (long long)took);
	int64_t sent = scalar(ctx, "SELECT min(peer_site_no) FROM sync_state WHERE last_export_at IS NOT NULL");
	if (sent > 0 && !sent_refused)
		return wg_fail(ctx, WG_EINVAL, _("this database has sent sync files (to site %lld): a site "
						 "that took one holds its records under the old keys. If "
						 "every file sent was refused (as a file from a number "
						 "already taken is), say so with --sent-files-refused"),
			       (long long)sent);
	rc = chains_verify(ctx);
	return rc == WG_OK ? each_table(r, 1) : rc;
}

/* The display numbers made from the site number or a key: case numbers (and their counters),
 * volunteer numbers given from the key, certificate numbers. */
static int renumber_names(struct renumber *r)
{
	int s_len = snprintf(NULL, 0, "S%d-", r->from), n_len = snprintf(NULL, 0, "%d-", r->from);
	char *cases = sqlite3_mprintf("UPDATE tasks SET number = 'S%d' || substr(number, %d)"
				      " WHERE substr(number, 1, %d) = 'S%d-'", r->to, s_len, s_len, r->from);
	char *rest = sqlite3_mprintf(
		"UPDATE counters SET scope = 'S%d' || substr(scope, %d) WHERE name = 'task_number'"
		" AND substr(scope, 1, %d) = 'S%d-';"
		"UPDATE certificates SET number = substr(number, 1, 7) || '%d' || substr(number, %d)"
		" WHERE number GLOB 'ZM[0-9][0-9][0-9][0-9]-*' AND substr(number, 8, %d) = '%d-';",
		r->to, s_len, s_len, r->from, r->to, 7 + n_len, n_len, r->from);
	int rc = cases && rest ? exec(r->ctx, cases) : WG_EIO;
	r->res->cases = sqlite3_changes(r->ctx->db);
	if (rc == WG_OK)
		rc = exec(r->ctx, rest);
	sqlite3_free(cases);
	sqlite3_free(rest);
	/* V0001 (site 1) or V3-0001: the number the key gave, followed to the new key */
	static const char vol_sql[] =
		"UPDATE volunteers SET vol_no = CASE WHEN ?1 <= 1 THEN printf('V%04d', id - ?2)"
		" ELSE printf('V%d-%04d', ?1, id - ?2) END"
		" WHERE id >= ?2 AND id < ?3 AND vol_no = CASE WHEN ?4 <= 1 THEN printf('V%04d', id - ?2)"
		" ELSE printf('V%d-%04d', ?4, id - ?2) END";
	sqlite3_stmt *st = NULL;
	if (rc == WG_OK && sqlite3_prepare_v2(r->ctx->db, vol_sql, -1, &st, NULL) != SQLITE_OK)
		rc = wg_db_fail(r->ctx, _("renumbering the site"));
	if (rc == WG_OK) {
		sqlite3_bind_int(st, 1, r->to);
		sqlite3_bind_int64(st, 2, r->lo + r->delta);
		sqlite3_bind_int64(st, 3, r->hi + r->delta);
		sqlite3_bind_int(st, 4, r->from);
		rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(r->ctx, _("renumbering the site"));
		r->res->volunteers = sqlite3_changes(r->ctx->db);
	}
	sqlite3_finalize(st);
	return rc;
}

/* The site's own settings and row; what sync kept starts again; counts and the search index
 * from the rows; the audit chain hashed again and signed. */
static int settle(struct renumber *r)
{
	struct wg_ctx *ctx = r->ctx;
	char sql[400];
	int was_office = ctx->office_site == r->from;
	snprintf(sql, sizeof sql,
		 "UPDATE meta SET value = '%d' WHERE key = 'site_no';"
		 "UPDATE meta SET value = '%d' WHERE key = 'office_site' AND value = '%d';"
		 "UPDATE sites SET site_no = %d WHERE site_no = %d;"
		 "DELETE FROM audit_anchors WHERE site_no = %d;",
		 r->to, r->to, r->from, r->to, r->from, r->from);
	int rc = exec(ctx, sql);
	if (rc == WG_OK)
		rc = exec(ctx, "DELETE FROM sync_cols; DELETE FROM sync_txns; DELETE FROM sync_vv;"
			       " DELETE FROM sync_aliases; DELETE FROM sync_state; DELETE FROM sync_conflicts;"
			       " DELETE FROM sync_seal_rows; DELETE FROM sync_seal_files;"
			       " DELETE FROM tallies; INSERT INTO tallies(kind, key, n) " WG_TALLY_COUNTED ";"
			       " INSERT INTO resident_search(resident_search) VALUES ('rebuild');");
	ctx->site_no = r->to;
	if (was_office)
		ctx->office_site = r->to;
	if (ctx->user_id >= r->lo && ctx->user_id < r->hi)
		ctx->user_id += r->delta;
	return rc == WG_OK ? audit_rehash(ctx) : rc;
}

/* A pending save's entries ("table key column" lines) name keys: those of the range move. */
static int move_pending(struct renumber *r)
{
	static const char sql[] = "SELECT origin, seq, pending FROM sync_txns WHERE pending IS NOT NULL"
				  " AND pending <> ''";
	static const char set_sql[] = "UPDATE sync_txns SET pending = ?3 WHERE origin = ?1 AND seq = ?2";
	sqlite3_stmt *st = NULL, *set = wg_stmt(r->ctx, set_sql);
	int rc = set && sqlite3_prepare_v2(r->ctx->db, sql, -1, &st, NULL) == SQLITE_OK ? WG_OK : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_str *out = sqlite3_str_new(r->ctx->db);
		const char *p = (const char *)sqlite3_column_text(st, 2);
		while (p && *p) {
			const char *end = p + strcspn(p, "\n");
			char tbl[128], col[128];
			long long rid;
			char line[400];
			snprintf(line, sizeof line, "%.*s", (int)(end - p), p);
			if (sscanf(line, "%127s %lld %127s", tbl, &rid, col) == 3) {
				if (rid >= r->lo && rid < r->hi)
					rid += r->delta;
				sqlite3_str_appendf(out, "%s %lld %s\n", tbl, rid, col);
			}
			p = *end ? end + 1 : end;
		}
		char *text = sqlite3_str_finish(out);
		sqlite3_bind_int64(set, 1, sqlite3_column_int64(st, 0));
		sqlite3_bind_int64(set, 2, sqlite3_column_int64(st, 1));
		sqlite3_bind_text(set, 3, text ? text : "", -1, SQLITE_TRANSIENT);
		rc = text && wg_step_done(set) == SQLITE_DONE ? WG_OK : wg_db_fail(r->ctx, _("renumbering the site"));
		sqlite3_free(text);
	}
	sqlite3_finalize(st);
	return rc;
}

/* A group's renumber keeps what sync knows, under the new number: keys in the local tables,
 * the number where it names a site, the ids learned for it; every chain hashed again. */
static int settle_group(struct renumber *r)
{
	struct wg_ctx *ctx = r->ctx;
	long long d = (long long)r->delta, lo = (long long)r->lo, hi = (long long)r->hi;
	int f = r->from, t = r->to;
	char *sql = sqlite3_mprintf(
		"UPDATE meta SET value = '%d' WHERE key IN ('site_no', 'office_site') AND value = '%d';"
		"UPDATE sites SET site_no = %d WHERE site_no = %d;"
		"UPDATE sync_cols SET rid = rid + %lld WHERE rid >= %lld AND rid < %lld;"
		"UPDATE sync_cols SET origin = %d WHERE origin = %d;"
		"UPDATE sync_txns SET origin = %d WHERE origin = %d;"
		"UPDATE sync_txns SET known = substr(replace(',' || known, ',%d:', ',%d:'), 2)"
		" WHERE instr(',' || known, ',%d:') > 0;"
		"UPDATE sync_vv SET origin = %d WHERE origin = %d;"
		"UPDATE sync_acks SET peer = %d WHERE peer = %d;"
		"UPDATE sync_acks SET origin = %d WHERE origin = %d;"
		"UPDATE sync_aliases SET from_id = from_id + %lld WHERE from_id >= %lld AND from_id < %lld;"
		"UPDATE sync_aliases SET to_id = to_id + %lld WHERE to_id >= %lld AND to_id < %lld;"
		"UPDATE sync_aliases SET origin = %d WHERE origin = %d;"
		"UPDATE sync_state SET id = id + %lld WHERE id >= %lld AND id < %lld;"
		"UPDATE sync_state SET peer_site_no = %d WHERE peer_site_no = %d;"
		"UPDATE sync_state SET created_by = created_by + %lld WHERE created_by >= %lld AND created_by < %lld;"
		"UPDATE sync_state SET updated_by = updated_by + %lld WHERE updated_by >= %lld AND updated_by < %lld;"
		"UPDATE sync_conflicts SET id = id + %lld WHERE id >= %lld AND id < %lld;"
		"UPDATE sync_conflicts SET row_id = row_id + %lld WHERE row_id >= %lld AND row_id < %lld;"
		"UPDATE sync_conflicts SET peer_site = %d WHERE peer_site = %d;"
		"UPDATE peer_keys SET site_no = %d WHERE site_no = %d;"
		"UPDATE peer_keys SET paired_by = paired_by + %lld WHERE paired_by >= %lld AND paired_by < %lld;"
		"UPDATE site_register SET site_no = %d WHERE site_no = %d;"
		"UPDATE site_register SET registered_by = registered_by + %lld"
		" WHERE registered_by >= %lld AND registered_by < %lld;"
		"UPDATE meta SET key = substr(key, 1, instr(key, '.')) || '%d'"
		" WHERE key IN ('origin_uid.%d', 'origin_since.%d', 'origin_old.%d');"
		"DELETE FROM audit_anchors WHERE site_no IN (%d, %d);"
		"DELETE FROM tallies; INSERT INTO tallies(kind, key, n) " WG_TALLY_COUNTED ";"
		"INSERT INTO resident_search(resident_search) VALUES ('rebuild');",
		t, f, t, f, d, lo, hi, t, f, t, f, f, t, f, t, f, t, f, t, f, d, lo, hi, d, lo, hi, t, f,
		d, lo, hi, t, f, d, lo, hi, d, lo, hi, d, lo, hi, d, lo, hi, t, f, t, f, d, lo, hi, t, f,
		d, lo, hi, t, f, f, f, f, t);
	int rc = sql ? exec(ctx, sql) : WG_EIO;
	sqlite3_free(sql);
	if (rc == WG_OK)
		rc = move_pending(r);
	if (ctx->office_site == f)
		ctx->office_site = t;
	if (r->own)
		ctx->site_no = t;
	if (ctx->user_id >= r->lo && ctx->user_id < r->hi)
		ctx->user_id += r->delta;
	/* the seals name the records by their old keys: the group's next files seal them anew */
	if (rc == WG_OK)
		rc = exec(ctx, "DELETE FROM sync_seal_rows; DELETE FROM sync_seal_files;");
	return rc == WG_OK ? audit_rehash_all(ctx) : rc;
}

static int renumber(struct wg_ctx *ctx, int from, int to, int sent_refused, int group,
		    struct wg_site_renumber_result *res)
{
	struct renumber r = { ctx, from, to, 0, 0, 0, res, group, from == ctx->site_no };
	int rc = wg_require_role(ctx, WG_ROLE_ADMIN, _("Renumbering the site"));
	memset(res, 0, sizeof *res);
	res->from = r.from;
	r.lo = (int64_t)r.from << WG_SITE_SHIFT;
	r.hi = (int64_t)(r.from + 1) << WG_SITE_SHIFT;
	r.delta = ((int64_t)to - r.from) * ((int64_t)1 << WG_SITE_SHIFT);
	int triggers = 1, site = ctx->site_no, office = ctx->office_site;
	int64_t user = ctx->user_id;
	/* as a restore: no other process may go on making keys with the old number */
	if (rc != WG_OK || (rc = wg_store_lock(ctx, wg_db_path(ctx), 1)) != WG_OK)
		return rc;
	ctx->sync_applying = 1; /* the keys' move is not a change any site is to be sent */
	/* Enforced, each moved parent key would look for its children, and unindexed ones (a
	 * case's reporter) by a scan per key; the whole file is checked once before the commit. */
	if ((rc = exec(ctx, "PRAGMA foreign_keys = OFF")) != WG_OK || (rc = wg_begin(ctx)) != WG_OK) {
		exec(ctx, "PRAGMA foreign_keys = ON");
		ctx->sync_applying = 0;
		wg_store_lock(ctx, wg_db_path(ctx), 0);
		return rc;
	}
	rc = may_renumber(&r, sent_refused);
	/* the counts and the index are rebuilt whole; a trigger per moved key would only churn */
	if (rc == WG_OK && sqlite3_db_config(ctx->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &triggers) != SQLITE_OK)
		rc = wg_db_fail(ctx, _("renumbering the site"));
	if (rc == WG_OK)
		rc = each_table(&r, 0);
	if (rc == WG_OK)
		rc = renumber_names(&r);
	if (rc == WG_OK)
		rc = group ? settle_group(&r) : settle(&r);
	sqlite3_db_config(ctx->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, &triggers);
	ctx->sync_applying = 0;
	if (rc == WG_OK && scalar(ctx, "SELECT count(*) FROM pragma_foreign_key_check") != 0)
		rc = wg_fail(ctx, WG_EIO, "%s", _("renumbering the site left a reference to a key that "
						  "moved: nothing was changed"));
	char detail[200];
	snprintf(detail, sizeof detail, "site %d -> %d, %lld keys%s", r.from, to, (long long)res->keys,
		 group ? ", with its group" : sent_refused ? ", files sent before said refused" : "");
	/* a group's members take each other's entries as changes: this one must be recorded as
	 * one, so it is written with the recording on, right after the move (a lone renumber's next
	 * file is whole, and carries it anyway) */
	if (rc == WG_OK && !group)
		rc = wg_audit(ctx, "site.renumber", "sites", 0, detail);
	if (rc == WG_OK)
		rc = wg_commit(ctx);
	else
		wg_rollback(ctx);
	int moved = rc == WG_OK;
	if (rc == WG_OK && group && (rc = wg_begin(ctx)) == WG_OK) {
		if ((rc = wg_audit(ctx, "site.renumber", "sites", 0, detail)) == WG_OK)
			rc = wg_commit(ctx);
		else
			wg_rollback(ctx);
	}
	int on = exec(ctx, "PRAGMA foreign_keys = ON");
	wg_store_lock(ctx, wg_db_path(ctx), 0); /* back to shared, as any open database */
	if (!moved)
		ctx->site_no = site, ctx->office_site = office, ctx->user_id = user;
	return rc != WG_OK ? rc : on;
}

int wg_site_renumber(struct wg_ctx *ctx, int to, int sent_refused, struct wg_site_renumber_result *res)
{
	return renumber(ctx, ctx->site_no, to, sent_refused, 0, res);
}

int wg_site_renumber_group(struct wg_ctx *ctx, int from, int to, struct wg_site_renumber_result *res)
{
	return renumber(ctx, from > 0 ? from : ctx->site_no, to, 0, 1, res);
}
