/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Applying a sync body: column versions decide, deletions stay, same names merge, nothing aborts.
 * Here the passes and the rows; the other steps are sync-merge-*.c (see sync-merge-priv.h). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "record-priv.h"
#include "changeset-walk.h"
#include "sync-pack.h"
#include "sync-priv.h"
#include "sync-merge-priv.h"
#include "sync-rules.h"

void mg_row_free(struct row *r)
{
	for (int i = 0; i < r->n; i++)
		sqlite3_value_free(r->v[i]);
	r->n = 0;
}

int mg_row_set(struct row *r, int i, sqlite3_value *v)
{
	sqlite3_value *d = v ? sqlite3_value_dup(v) : NULL;
	if (v && !d)
		return -1;
	sqlite3_value_free(r->v[i]);
	r->v[i] = d;
	return 0;
}

/* A value made here (a key rewritten through an alias, a value set aside), as a row value. */
int mg_row_set_int(struct wg_ctx *ctx, struct row *r, int i, int64_t value, int null)
{
	static const char sql[] = "SELECT iif(?2, NULL, ?1)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc = -1;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, value);
	sqlite3_bind_int(st, 2, null);
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = mg_row_set(r, i, sqlite3_column_value(st, 0));
	sqlite3_reset(st);
	return rc;
}

int mg_row_set_text(struct wg_ctx *ctx, struct row *r, int i, const char *text)
{
	static const char sql[] = "SELECT ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc = -1;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = mg_row_set(r, i, sqlite3_column_value(st, 0));
	sqlite3_reset(st);
	return rc;
}

int mg_same_value(sqlite3_value *a, sqlite3_value *b)
{
	if (!a || !b)
		return !a && !b;
	return sync_same_value(a, b);
}

/* ---- Statements per table ---- */

static sqlite3_stmt *table_stmt(struct merge *m, sqlite3_stmt **cache, int ti, char *sql)
{
	if (!cache[ti] && sql)
		sqlite3_prepare_v2(m->ctx->db, sql, -1, &cache[ti], NULL);
	sqlite3_free(sql);
	if (cache[ti])
		sqlite3_reset(cache[ti]), sqlite3_clear_bindings(cache[ti]);
	return cache[ti];
}

static sqlite3_stmt *select_stmt(struct merge *m, int ti)
{
	return table_stmt(m, m->sel, ti, m->sel[ti] ? NULL
				   : sqlite3_mprintf("SELECT * FROM \"%w\" WHERE id = ?1", m->s->t[ti].name));
}

static sqlite3_stmt *insert_stmt(struct merge *m, int ti)
{
	char *sql = NULL;
	if (!m->ins[ti]) {
		sqlite3_str *q = sqlite3_str_new(m->ctx->db);
		sqlite3_str_appendf(q, "INSERT INTO \"%w\" VALUES (?1", m->s->t[ti].name);
		for (int i = 1; i < m->s->t[ti].ncol; i++)
			sqlite3_str_appendf(q, ", ?%d", i + 1);
		sqlite3_str_appendall(q, ")");
		sql = sqlite3_str_finish(q);
	}
	return table_stmt(m, m->ins, ti, sql);
}

/* UPDATE t SET c = iif(?2i, ?2i+1, c), ... WHERE id = ?1: one statement for any set of columns. */
static sqlite3_stmt *update_stmt(struct merge *m, int ti)
{
	char *sql = NULL;
	if (!m->upd[ti]) {
		const struct sync_table *t = &m->s->t[ti];
		sqlite3_str *q = sqlite3_str_new(m->ctx->db);
		sqlite3_str_appendf(q, "UPDATE \"%w\" SET ", t->name);
		for (int i = 1; i < t->ncol; i++)
			sqlite3_str_appendf(q, "%s\"%w\" = iif(?%d, ?%d, \"%w\")", i > 1 ? ", " : "",
					    t->cols[i], 2 * i, 2 * i + 1, t->cols[i]);
		sqlite3_str_appendall(q, " WHERE id = ?1");
		sql = sqlite3_str_finish(q);
	}
	return table_stmt(m, m->upd, ti, sql);
}

/* The row here with key rid into r: 1 found, 0 not, -1 an error. */
int mg_load_row(struct merge *m, int ti, int64_t rid, struct row *r)
{
	sqlite3_stmt *st = select_stmt(m, ti);
	int found = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rid);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		r->n = m->s->t[ti].ncol;
		for (int i = 0; i < r->n && found > 0; i++) {
			r->v[i] = NULL;
			if (mg_row_set(r, i, sqlite3_column_value(st, i)) != 0)
				found = -1;
		}
	}
	sqlite3_reset(st);
	return found;
}

int mg_write_row(struct merge *m, int ti, int64_t rid, const struct row *r, const unsigned char *take)
{
	sqlite3_stmt *st = take ? update_stmt(m, ti) : insert_stmt(m, ti);
	if (!st)
		return SQLITE_ERROR;
	sqlite3_bind_int64(st, 1, rid);
	for (int i = 1; i < r->n; i++) {
		if (!take) {
			sqlite3_bind_value(st, i + 1, r->v[i]);
			continue;
		}
		sqlite3_bind_int(st, 2 * i, take[i]);
		if (take[i])
			sqlite3_bind_value(st, 2 * i + 1, r->v[i]);
	}
	int rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(m->ctx->db);
	sqlite3_reset(st);
	return rc;
}

/* ---- Versions of this import ---- */

const struct sync_ver *mg_own(struct merge *m)
{
	m->own_used = 1;
	return &m->own;
}

static int load_inver(struct merge *m, const char *tbl, int64_t rid, struct inver *iv)
{
	static const char sql[] = "SELECT col, origin, seq, hlc FROM temp.sync_in_ver"
				  " WHERE tbl = ?1 AND rid = ?2";
	sqlite3_stmt *st = wg_stmt(m->ctx, sql);
	iv->n = 0;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, rid);
	while (sqlite3_step(st) == SQLITE_ROW && iv->n < MAXCOL + 2) {
		snprintf(iv->key[iv->n], sizeof iv->key[0], "%s", (const char *)sqlite3_column_text(st, 0));
		iv->v[iv->n].origin = sqlite3_column_int(st, 1);
		iv->v[iv->n].seq = sqlite3_column_int64(st, 2);
		iv->v[iv->n].hlc = sqlite3_column_int64(st, 3);
		iv->n++;
	}
	sqlite3_reset(st);
	return 0;
}

/* The incoming version of key (or of the whole row); NULL when the file gives none. */
static const struct sync_ver *inver_of(const struct inver *iv, const char *key)
{
	const struct sync_ver *star = NULL;
	for (int i = 0; i < iv->n; i++) {
		if (strcmp(iv->key[i], key) == 0)
			return &iv->v[i];
		if (strcmp(iv->key[i], "*") == 0)
			star = &iv->v[i];
	}
	return star;
}

/* ---- Deciding each column ---- */

struct decision {
	unsigned char take[MAXCOL];
	int taken;
};

/* Column i of an existing row: take the incoming value or not, and list a true conflict. */
static void decide_col(struct merge *m, const struct sync_table *t, int64_t rid, int i,
		       const struct sync_ver *vin, const struct row *here, const struct row *there,
		       struct decision *d)
{
	struct sync_ver vloc;
	const char *key = sync_col_key(t, i);
	sync_get_version(m->ctx, t->name, rid, key, &vloc);
	if (vloc.origin == vin->origin && vloc.seq == vin->seq)
		return;
	if (sync_knows(m->ctx, vin, &vloc)) {
		d->take[i] = 1;
		return;
	}
	if (sync_knows(m->ctx, &vloc, vin))
		return; /* written here after the incoming one was seen: old news */
	int theirs = sync_wins(m->ctx, vin, &vloc, m->policy);
	d->take[i] = (unsigned char)theirs;
	if (mg_same_value(here->v[i], there->v[i]) || sync_machine_col(t->cols[i]))
		return;
	unsigned char mask[MAXCOL] = { 0 };
	for (int c = 1; c < t->ncol; c++) /* the whole flow group, or the one column */
		mask[c] = (unsigned char)(strcmp(sync_col_key(t, c), key) == 0 && !sync_machine_col(t->cols[c]) &&
					  !mg_same_value(here->v[c], there->v[c]));
	const struct sync_ver *loser = theirs ? &vloc : vin;
	char once[160];
	snprintf(once, sizeof once, "%s:%lld:%s:%d:%lld", t->name, (long long)rid, key, loser->origin,
		 (long long)loser->seq);
	struct listing l = { "update", "both changed", once, rid, here, there, mask };
	mg_list_conflict(m, t, &l);
}

static void decide(struct merge *m, const struct sync_table *t, int64_t rid, const struct inver *iv,
		   const struct row *here, const struct row *there, struct decision *d)
{
	memset(d, 0, sizeof *d);
	for (int i = 1; i < t->ncol; i++) {
		const struct sync_ver *vin = inver_of(iv, sync_col_key(t, i));
		int first = 1;
		for (int c = 1; c < i && first; c++) /* a group is decided once, at its first column */
			first = strcmp(sync_col_key(t, c), sync_col_key(t, i)) != 0;
		if (vin && first)
			decide_col(m, t, rid, i, vin, here, there, d);
		else if (vin)
			for (int c = 1; c < i; c++)
				if (strcmp(sync_col_key(t, c), sync_col_key(t, i)) == 0) {
					d->take[i] = d->take[c];
					break;
				}
		d->taken += d->take[i];
	}
}

/* The taken columns' versions, after the row is written. */
static int keep_versions(struct merge *m, const struct sync_table *t, int64_t rid, const struct inver *iv,
			 const struct decision *d)
{
	int rc = WG_OK;
	for (int i = 1; rc == WG_OK && i < t->ncol; i++) {
		const struct sync_ver *vin = d->take[i] ? inver_of(iv, sync_col_key(t, i)) : NULL;
		if (vin)
			rc = sync_put_version(m->ctx, t->name, rid, sync_col_key(t, i), vin);
	}
	return rc;
}

static int keep_new_row_versions(struct merge *m, const char *tbl, int64_t rid0, int64_t rid)
{
	static const char sql[] = "INSERT OR REPLACE INTO sync_cols(tbl, rid, col, origin, seq, hlc)"
				  " SELECT tbl, ?3, col, origin, seq, hlc FROM temp.sync_in_ver"
				  " WHERE tbl = ?1 AND rid = ?2 AND col <> '-'";
	static const char clear_sql[] = "DELETE FROM sync_cols WHERE tbl = ?1 AND rid = ?2";
	sqlite3_stmt *st = wg_stmt(m->ctx, clear_sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, rid);
	if (wg_step_done(st) != SQLITE_DONE || !(st = wg_stmt(m->ctx, sql)))
		return wg_db_fail(m->ctx, _("recording the sync"));
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, rid0);
	sqlite3_bind_int64(st, 3, rid);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(m->ctx, _("recording the sync"));
}

/* ---- Rows ---- */

/* Own versions for the columns this site had to change (a value given up). */
static int own_versions(struct merge *m, const struct sync_table *t, int64_t rid, const unsigned char *mine)
{
	int rc = WG_OK;
	for (int i = 1; rc == WG_OK && i < t->ncol; i++)
		if (mine[i])
			rc = sync_put_version(m->ctx, t->name, rid, sync_col_key(t, i), mg_own(m));
	return rc;
}

/* After a write that broke a unique value: merge the same thing, or move the value aside.
 * 1: write again; 0: done (the row went elsewhere); else an error. */
static int after_clash(struct merge *m, int ti, int64_t rid0, int64_t rid, struct row *row,
		       struct row *there, const struct inver *iv, unsigned char *mine)
{
	const struct sync_table *t = &m->s->t[ti];
	const struct sync_unique *u = NULL;
	int64_t other = mg_find_clash(m, t, row, rid, &u);
	struct row probe = { 0 };
	int exists = mg_load_row(m, ti, rid, &probe) == 1;
	mg_row_free(&probe);
	if (!other)
		return wg_fail(m->ctx, WG_EIO, _("applying a sync file: %s: %s"), t->name,
			       sqlite3_errmsg(m->ctx->db));
	if (m->depth >= MAXDEPTH)
		return wg_fail(m->ctx, WG_EIO, _("merging %s: the records refer to each other too deeply"), t->name);
	if (t->natural) {
		int rc;
		m->depth++;
		if (exists)
			rc = mg_merge_two(m, ti, rid, other);
		else if (other < rid)
			rc = sync_alias_add(m->ctx, t->name, rid, other, mg_own(m));
		else
			rc = mg_move_row(m, ti, other, rid);
		if (rc == WG_OK)
			rc = mg_apply_row(m, ti, rid0, sync_alias(m->ctx, t->name, rid), there, iv);
		m->depth--;
		return rc;
	}
	for (int k = 0; k < u->ncol; k++)
		mine[u->cols[k]] = 1;
	if (rid > other)
		return mg_give_up_value(m, t, row, rid, u, other) == WG_OK ? 1 : WG_EIO;
	return mg_local_gives_up(m, ti, other, u, rid) == WG_OK ? 1 : WG_EIO;
}

static int note_new_resident(struct merge *m, int64_t rid)
{
	static const char sql[] = "INSERT OR IGNORE INTO temp.sync_new_residents VALUES (?1)";
	sqlite3_stmt *st = wg_stmt(m->ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, rid);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : WG_EIO;
}

static int insert_new(struct merge *m, int ti, int64_t rid0, int64_t rid, struct row *there,
		      const struct inver *iv)
{
	const struct sync_table *t = &m->s->t[ti];
	unsigned char mine[MAXCOL] = { 0 };
	int rc = mg_row_set_int(m->ctx, there, 0, rid, 0) == 0 ? WG_OK : WG_EIO;
	for (int tries = 0; rc == WG_OK && tries < 8; tries++) {
		int w = mg_write_row(m, ti, rid, there, NULL);
		if (w == SQLITE_OK) {
			m->res->applied++;
			if (strcmp(t->name, "residents") == 0 && note_new_resident(m, rid) != WG_OK)
				return wg_db_fail(m->ctx, _("updating the search index"));
			rc = keep_new_row_versions(m, t->name, rid0, rid);
			return rc == WG_OK ? own_versions(m, t, rid, mine) : rc;
		}
		if ((w & 0xFF) != SQLITE_CONSTRAINT)
			return wg_fail(m->ctx, WG_EIO, _("applying a sync file: %s: %s"), t->name,
				       sqlite3_errmsg(m->ctx->db));
		int again = after_clash(m, ti, rid0, rid, there, there, iv, mine);
		if (again != 1)
			return again;
	}
	return rc == WG_OK ? wg_fail(m->ctx, WG_EIO, _("applying a sync file: %s: too many clashes"), t->name) : rc;
}

int mg_update_existing(struct merge *m, int ti, int64_t rid0, int64_t rid, struct row *here,
			   struct row *there, const struct inver *iv)
{
	const struct sync_table *t = &m->s->t[ti];
	unsigned char mine[MAXCOL] = { 0 };
	struct decision d;
	decide(m, t, rid, iv, here, there, &d);
	if (!d.taken) {
		m->res->already++;
		return WG_OK;
	}
	for (int i = 1; i < t->ncol; i++)
		if (d.take[i] && mg_row_set(here, i, there->v[i]) != 0)
			return WG_EIO;
	for (int tries = 0; tries < 8; tries++) {
		int w = mg_write_row(m, ti, rid, here, d.take);
		if (w == SQLITE_OK) {
			int rc = keep_versions(m, t, rid, iv, &d);
			m->res->applied++;
			/* one of this site's own records, changed at another: said, never silent */
			m->res->changed_own += wg_id_site(rid) == m->ctx->site_no;
			m->res->residents |= strcmp(t->name, "residents") == 0;
			return rc == WG_OK ? own_versions(m, t, rid, mine) : rc;
		}
		if ((w & 0xFF) != SQLITE_CONSTRAINT)
			return wg_fail(m->ctx, WG_EIO, _("applying a sync file: %s: %s"), t->name,
				       sqlite3_errmsg(m->ctx->db));
		int again = after_clash(m, ti, rid0, rid, here, there, iv, mine);
		if (again != 1)
			return again;
		for (int i = 1; i < t->ncol; i++)
			d.take[i] |= mine[i];
	}
	return wg_fail(m->ctx, WG_EIO, _("applying a sync file: %s: too many clashes"), t->name);
}

/* A change to a row deleted here: the deletion stays; an edit it did not know of is listed. */
static void deleted_here(struct merge *m, const struct sync_table *t, int64_t rid, const struct row *there,
			 const struct inver *iv, const struct sync_ver *tomb)
{
	for (int k = 0; k < iv->n; k++) {
		if (strcmp(iv->key[k], "-") == 0 || sync_knows(m->ctx, tomb, &iv->v[k]))
			continue;
		unsigned char mask[MAXCOL] = { 0 };
		struct row none = { 0 };
		char once[160];
		for (int i = 1; i < t->ncol; i++)
			mask[i] = (unsigned char)!sync_machine_col(t->cols[i]) &&
				  (strcmp(iv->key[k], "*") == 0 || strcmp(iv->key[k], sync_col_key(t, i)) == 0);
		snprintf(once, sizeof once, "%s:%lld:deleted:%d:%lld", t->name, (long long)rid,
			 iv->v[k].origin, (long long)iv->v[k].seq);
		struct listing l = { "delete", "changed there, deleted here", once, rid, &none, there, mask };
		mg_list_conflict(m, t, &l);
	}
}

int mg_apply_row(struct merge *m, int ti, int64_t rid0, int64_t rid, struct row *there,
		     const struct inver *iv)
{
	const struct sync_table *t = &m->s->t[ti];
	struct sync_ver tomb;
	struct row here = { 0 };
	if (sync_tombstone(m->ctx, t->name, rid, &tomb) || sync_tombstone(m->ctx, t->name, rid0, &tomb)) {
		deleted_here(m, t, rid, there, iv, &tomb);
		m->res->already++;
		return WG_OK;
	}
	int found = mg_load_row(m, ti, rid, &here), rc;
	if (found < 0)
		return wg_db_fail(m->ctx, _("applying a sync file"));
	if (found && t->insert_only) {
		m->res->already++;
		rc = WG_OK;
	} else {
		rc = found ? mg_update_existing(m, ti, rid0, rid, &here, there, iv)
			   : insert_new(m, ti, rid0, rid, there, iv);
	}
	mg_row_free(&here);
	return rc;
}

/* One incoming row: its key and references through the aliases, then apply_row. */
static int merge_row(struct merge *m, sqlite3_changeset_iter *it, const char *tbl, int ncol)
{
	int ti = sync_table_find(m->s, tbl), rc = WG_OK;
	if (ti < 0 || ncol != m->s->t[ti].ncol || ncol > MAXCOL)
		return WG_OK; /* not a table this schema shares */
	const struct sync_table *t = &m->s->t[ti];
	struct row there = { .n = ncol };
	struct inver iv;
	for (int i = 0; i < ncol && rc == WG_OK; i++) {
		sqlite3_value *v = NULL;
		sqlite3changeset_new(it, i, &v);
		if (mg_row_set(&there, i, v) != 0)
			rc = WG_EIO;
	}
	if (rc != WG_OK || !there.v[0] || sqlite3_value_type(there.v[0]) != SQLITE_INTEGER) {
		mg_row_free(&there);
		return rc;
	}
	int64_t rid0 = sqlite3_value_int64(there.v[0]);
	for (int f = 0; rc == WG_OK && f < t->nfk; f++) {
		sqlite3_value *v = there.v[t->fk[f].col];
		if (!v || sqlite3_value_type(v) != SQLITE_INTEGER)
			continue;
		int64_t to = sync_alias(m->ctx, m->s->t[t->fk[f].parent].name, sqlite3_value_int64(v));
		if (to != sqlite3_value_int64(v) && mg_row_set_int(m->ctx, &there, t->fk[f].col, to, 0) != 0)
			rc = WG_EIO;
	}
	if (rc == WG_OK && load_inver(m, tbl, rid0, &iv) != 0)
		rc = WG_EIO;
	if (rc == WG_OK)
		rc = mg_apply_row(m, ti, rid0, sync_alias(m->ctx, tbl, rid0), &there, &iv);
	mg_row_free(&there);
	return rc;
}

/* ---- The passes ---- */

static const char *const temp_sql =
	"CREATE TEMP TABLE IF NOT EXISTS sync_in_ver (tbl TEXT, rid INTEGER, col TEXT, origin INTEGER,"
	" seq INTEGER, hlc INTEGER, PRIMARY KEY (tbl, rid, col)) WITHOUT ROWID;"
	"CREATE TEMP TABLE IF NOT EXISTS sync_in_alias (tbl TEXT, from_id INTEGER, to_id INTEGER,"
	" origin INTEGER, seq INTEGER, PRIMARY KEY (tbl, from_id)) WITHOUT ROWID;"
	"CREATE TEMP TABLE IF NOT EXISTS sync_in_vv (origin INTEGER PRIMARY KEY, seq INTEGER, hlc INTEGER);"
	"CREATE TEMP TABLE IF NOT EXISTS sync_new_residents (id INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS sync_in_move (tbl TEXT, rid INTEGER, col TEXT, value, origin INTEGER,"
	" seq INTEGER, hlc INTEGER, PRIMARY KEY (tbl, rid)) WITHOUT ROWID;"
	"DELETE FROM temp.sync_in_ver; DELETE FROM temp.sync_in_alias; DELETE FROM temp.sync_in_vv;"
	"CREATE TEMP TABLE IF NOT EXISTS sync_in_origin (origin INTEGER PRIMARY KEY, uid TEXT, since INTEGER);"
	"DELETE FROM temp.sync_new_residents; DELETE FROM temp.sync_in_move; DELETE FROM temp.sync_in_origin;";

/* New residents go into the search index in one statement (FTS5 flushes per statement); the
 * triggers keep it right for changed and deleted ones. */
static int index_new_residents(struct merge *m)
{
	static const char sql[] = "INSERT INTO resident_search(rowid, search_text) SELECT id, search_text"
				  " FROM residents WHERE id IN (SELECT id FROM temp.sync_new_residents)";
	return sqlite3_exec(m->ctx->db, sql, NULL, NULL, NULL) == SQLITE_OK
		       ? WG_OK : wg_db_fail(m->ctx, _("updating the search index"));
}

/* One change of a meta table into its temporary table (or sync_txns, which keeps them). */
static int meta_change(struct merge *m, sqlite3_changeset_iter *it, const char *tbl, int ncol)
{
	static const struct { const char *name; int ncol; const char *sql; } meta[] = {
		{ "_vv", 3, "INSERT OR REPLACE INTO temp.sync_in_vv VALUES (?1, ?2, ?3)" },
		{ "_txn", 4, "INSERT OR IGNORE INTO sync_txns(origin, seq, hlc, known) SELECT ?1, ?2, ?3,"
			     " coalesce(?4, '') WHERE typeof(?1) = 'integer' AND typeof(?2) = 'integer'" },
		{ "_alias", 5, "INSERT OR IGNORE INTO temp.sync_in_alias VALUES (?1, ?2, ?3, ?4, ?5)" },
		{ "_ver", 6, "INSERT OR REPLACE INTO temp.sync_in_ver VALUES (?1, ?2, ?3, ?4, ?5, ?6)" },
		{ "_move", 7, "INSERT OR REPLACE INTO temp.sync_in_move VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" },
		{ "_origin", 3, "INSERT OR REPLACE INTO temp.sync_in_origin VALUES (?1, ?2, ?3)" },
	};
	for (size_t k = 0; k < sizeof meta / sizeof meta[0]; k++) {
		if (strcmp(tbl, meta[k].name) != 0 || ncol != meta[k].ncol)
			continue;
		sqlite3_stmt *st = wg_stmt(m->ctx, meta[k].sql);
		if (!st)
			return WG_EIO;
		for (int i = 0; i < ncol; i++) {
			sqlite3_value *v = NULL;
			sqlite3changeset_new(it, i, &v);
			sqlite3_bind_value(st, i + 1, v);
		}
		return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(m->ctx, _("reading a sync file"));
	}
	return WG_OK;
}

/* Walks the body: meta (0) or rows (1). */
static int walk(struct merge *m, const void *data, size_t n, int rows)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, (int)n, (void *)data) == SQLITE_OK ? WG_OK : WG_EINVAL;
	while (rc == WG_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tbl;
		int ncol, op, ind;
		sqlite3changeset_op(it, &tbl, &ncol, &op, &ind);
		if (op != SQLITE_INSERT || (tbl[0] == '_') == rows) {
			m->rows_in += !rows && tbl[0] != '_';
			continue;
		}
		rc = rows ? merge_row(m, it, tbl, ncol) : meta_change(m, it, tbl, ncol);
	}
	if (it)
		sqlite3changeset_finalize(it);
	return rc;
}

static int each_pending(struct merge *m, int aliases)
{
	static const char alias_sql[] = "SELECT tbl, from_id, to_id, origin, seq FROM temp.sync_in_alias"
					" ORDER BY tbl, to_id, from_id";
	static const char tomb_sql[] = "SELECT tbl, rid, 0, origin, seq, hlc FROM temp.sync_in_ver"
				       " WHERE col = '-' ORDER BY tbl, rid";
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(m->ctx->db, aliases ? alias_sql : tomb_sql, -1, &st, NULL) == SQLITE_OK
			 ? WG_OK : wg_db_fail(m->ctx, _("reading a sync file"));
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		char tbl[64];
		snprintf(tbl, sizeof tbl, "%s", (const char *)sqlite3_column_text(st, 0));
		struct sync_ver v = { sqlite3_column_int(st, 3), sqlite3_column_int64(st, 4),
				      aliases ? 0 : sqlite3_column_int64(st, 5) };
		rc = aliases ? mg_apply_alias(m, tbl, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2), &v)
			     : mg_apply_tombstone(m, tbl, sqlite3_column_int64(st, 1), &v);
	}
	sqlite3_finalize(st);
	return rc;
}

static int start(struct merge *m)
{
	static const char clock_sql[] = "SELECT coalesce(max(hlc), 0), (SELECT seq FROM temp.sync_in_vv"
					" WHERE origin = 0) FROM temp.sync_in_vv";
	sqlite3_stmt *st = NULL;
	int64_t hlc = 0;
	if (sqlite3_prepare_v2(m->ctx->db, clock_sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(m->ctx, _("reading a sync file"));
	if (sqlite3_step(st) == SQLITE_ROW) {
		hlc = sqlite3_column_int64(st, 0);
		if (m->from == m->ctx->office_site && sqlite3_column_type(st, 1) == SQLITE_INTEGER)
			m->res->office_policy = 1 + sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	int rc = sync_vv_raise(m->ctx, 0, 0, hlc);
	return rc == WG_OK ? sync_next_version(m->ctx, &m->own) : rc;
}

/* A new laptop: the rows go in as they come, with their versions. */
static int omit_all(void *arg, int why, sqlite3_changeset_iter *it)
{
	(void)arg, (void)why, (void)it;
	return SQLITE_CHANGESET_OMIT;
}

static int real_table(void *arg, const char *name)
{
	struct merge *m = arg;
	m->res->residents |= strcmp(name, "residents") == 0;
	return name[0] != '_' && sync_shared_table(name);
}

static int adopt_rows(struct merge *m, const void *data, size_t n)
{
	if (sqlite3changeset_apply(m->ctx->db, (int)n, (void *)data, real_table, omit_all, m) != SQLITE_OK)
		return wg_db_fail(m->ctx, _("taking the office's records"));
	return WG_OK;
}

static void set_aside(void *arg, sqlite3_changeset_iter *it, const char *why)
{
	struct merge *m = arg;
	const char *tbl;
	int ncol, op, ind;
	sqlite3changeset_op(it, &tbl, &ncol, &op, &ind);
	int ti = sync_table_find(m->s, tbl);
	if (ti < 0 || ncol != m->s->t[ti].ncol || ncol > MAXCOL)
		return;
	const struct sync_table *t = &m->s->t[ti];
	struct row there = { .n = ncol }, none = { 0 };
	unsigned char mask[MAXCOL] = { 0 };
	char once[600];
	for (int i = 0; i < ncol; i++) {
		sqlite3_value *v = NULL;
		sqlite3changeset_new(it, i, &v);
		mg_row_set(&there, i, v);
		mask[i] = i > 0;
	}
	int64_t rid = there.v[0] ? sqlite3_value_int64(there.v[0]) : 0;
	sync_seal_aside(m->ctx, t->name, rid); /* not here: its seal is not held against what is */
	snprintf(once, sizeof once, "%s:%lld:refused:%s", tbl, (long long)rid, why);
	struct listing l = { "insert", why, once, rid, &none, &there, mask };
	mg_list_conflict(m, t, &l);
	mg_row_free(&there);
}

/* One pass over the body's segments: each checked and filtered by the rules (a refusal is
 * listed once, however many passes), then meta (pass 0), rows (1) or, for a new laptop, the
 * rows applied as they come (2). */
static int pass(struct merge *m, const struct sync_source *src, int what)
{
	const void *seg;
	size_t n;
	int got, rc = src->rewind(src->arg) == 0 ? WG_OK : WG_EINVAL;
	while (rc == WG_OK && (got = src->next(src->arg, &seg, &n)) != 0) {
		struct sync_filtered kept = { 0 };
		if (got < 0 || sync_filter(m->ctx->db, seg, n, m->from, m->ctx->site_no,
						 m->ctx->office_site, m->adopt, set_aside, m, &kept) != 0)
			rc = WG_EINVAL;
		if (rc == WG_OK && what == 0) /* the seal covers every record as sent, set aside or not */
			rc = sync_seal_scan(m->ctx, seg, n);
		if (rc == WG_OK && kept.n)
			rc = what == 2 ? adopt_rows(m, kept.data, kept.n) : walk(m, kept.data, kept.n, what);
		sqlite3_free(kept.data);
	}
	if (rc == WG_EINVAL)
		return wg_fail(m->ctx, WG_EINVAL, _("the file holds changes this wangge cannot read, although "
						    "site %d signed it; ask site %d for a new export"),
			       m->from, m->from);
	return rc;
}

/* A new laptop: the versions and aliases as they came, once every row is in. */
static int adopt_versions(struct merge *m)
{
	if (sqlite3_exec(m->ctx->db, "INSERT OR REPLACE INTO sync_cols SELECT * FROM temp.sync_in_ver;"
				     " INSERT OR IGNORE INTO sync_aliases SELECT * FROM temp.sync_in_alias",
			 NULL, NULL, NULL) != SQLITE_OK)
		return wg_db_fail(m->ctx, _("taking the office's records"));
	m->res->applied += m->rows_in;
	return WG_OK;
}

static int merge_all(struct merge *m, const struct sync_source *src, int adopt)
{
	struct sync_ver own;
	int rc = sync_next_version(m->ctx, &own);
	int64_t own_before = own.seq - 1;
	if (rc == WG_OK)
		rc = sync_seal_begin(m->ctx);
	if (rc == WG_OK)
		rc = pass(m, src, 0);
	if (rc == WG_OK)
		rc = sync_origin_check(m->ctx, m->from);
	if (rc == WG_OK && !adopt)
		rc = mg_own_claims(m, own_before);
	if (rc == WG_OK)
		rc = start(m);
	if (rc == WG_OK && adopt) {
		if ((rc = pass(m, src, 2)) == WG_OK)
			rc = adopt_versions(m);
	} else if (rc == WG_OK) {
		if ((rc = each_pending(m, 1)) == WG_OK && (rc = each_pending(m, 0)) == WG_OK &&
		    (rc = pass(m, src, 1)) == WG_OK)
			rc = mg_apply_moves(m);
	}
	if (rc == WG_OK)
		rc = mg_fix_references(m);
	if (rc == WG_OK && !adopt)
		rc = index_new_residents(m);
	if (rc == WG_OK)
		rc = mg_raise_vectors(m);
	if (rc == WG_OK && m->own_used)
		rc = sync_own_done(m->ctx, &m->own);
	return rc;
}

int sync_merge(struct wg_ctx *ctx, int from_site, const struct sync_source *src, int adopt, int policy,
	       struct sync_merge_result *res)
{
	struct merge m = { .ctx = ctx, .s = sync_schema_get(ctx), .from = from_site, .policy = policy, .res = res,
			   .adopt = adopt };
	memset(res, 0, sizeof *res);
	/* an 8 MiB page cache for the transaction: as fast as 64 MiB (a whole file of 100k
	 * residents 7.1 s either way), at a peak of 25.5 MiB instead of 63.5 */
	sqlite3_exec(ctx->db, "PRAGMA cache_size = -8192", NULL, NULL, NULL);
	if (!m.s || sqlite3_exec(ctx->db, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(ctx->db, temp_sql, NULL, NULL, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("reading a sync file"));
	m.sel = calloc((size_t)m.s->n + 1, sizeof *m.sel);
	m.ins = calloc((size_t)m.s->n + 1, sizeof *m.ins);
	m.upd = calloc((size_t)m.s->n + 1, sizeof *m.upd);
	int rc = m.sel && m.ins && m.upd ? merge_all(&m, src, adopt) : WG_EIO;
	for (int i = 0; i < m.s->n; i++) {
		if (m.sel) sqlite3_finalize(m.sel[i]);
		if (m.ins) sqlite3_finalize(m.ins[i]);
		if (m.upd) sqlite3_finalize(m.upd[i]);
	}
	free(m.sel), free(m.ins), free(m.upd);
	return rc;
}
