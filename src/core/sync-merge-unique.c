/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Applying a sync body: a unique value held twice, by one thing or by two. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "record-priv.h"
#include "sync-merge-priv.h"

/* ---- Unique values held twice ---- */

static int64_t one_id(struct wg_ctx *ctx, const char *sql_text, const struct row *r,
		      const struct sync_unique *u, int64_t rid)
{
	sqlite3_stmt *st = NULL;
	int64_t id = 0;
	if (sqlite3_prepare_v2(ctx->db, sql_text, -1, &st, NULL) != SQLITE_OK)
		return 0;
	for (int k = 0; k < u->ncol; k++)
		sqlite3_bind_value(st, k + 1, r->v[u->cols[k]]);
	sqlite3_bind_int64(st, u->ncol + 1, rid);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* Another row here that holds one of r's unique values: its key, and which set; 0 when none. */
int64_t mg_find_clash(struct merge *m, const struct sync_table *t, const struct row *r, int64_t rid,
			  const struct sync_unique **which)
{
	for (int u = 0; u < t->nuniq; u++) {
		const struct sync_unique *un = &t->uniq[u];
		int has_null = 0;
		for (int k = 0; k < un->ncol; k++)
			has_null |= !r->v[un->cols[k]] || sqlite3_value_type(r->v[un->cols[k]]) == SQLITE_NULL;
		if (has_null)
			continue;
		sqlite3_str *q = sqlite3_str_new(m->ctx->db);
		sqlite3_str_appendf(q, "SELECT id FROM \"%w\" WHERE ", t->name);
		for (int k = 0; k < un->ncol; k++)
			sqlite3_str_appendf(q, "\"%w\" = ?%d AND ", t->cols[un->cols[k]], k + 1);
		sqlite3_str_appendf(q, "id <> ?%d LIMIT 1", un->ncol + 1);
		char *sql = sqlite3_str_finish(q);
		int64_t other = sql ? one_id(m->ctx, sql, r, un, rid) : 0;
		sqlite3_free(sql);
		if (other) {
			*which = un;
			return other;
		}
	}
	return 0;
}

/* Runs sql (made with sqlite3_mprintf, freed here) with ?1 = x and ?2 = y. */
int mg_exec_ids(struct wg_ctx *ctx, char *sql, int64_t x, int64_t y)
{
	sqlite3_stmt *st = NULL;
	int rc = sql ? sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc == SQLITE_OK) {
		if (sqlite3_bind_parameter_count(st) >= 1)
			sqlite3_bind_int64(st, 1, x);
		if (sqlite3_bind_parameter_count(st) >= 2)
			sqlite3_bind_int64(st, 2, y);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(ctx->db);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Every row that refers to from refers to to; two that then say the same are merged. */
static int repoint(struct merge *m, int ti, int64_t from, int64_t to)
{
	int rc = SQLITE_OK;
	for (int ci = 0; rc == SQLITE_OK && ci < m->s->n; ci++) {
		const struct sync_table *c = &m->s->t[ci];
		for (int f = 0; rc == SQLITE_OK && f < c->nfk; f++) {
			if (c->fk[f].parent != ti)
				continue;
			const char *col = c->cols[c->fk[f].col];
			rc = mg_exec_ids(m->ctx, sqlite3_mprintf("UPDATE OR IGNORE \"%w\" SET \"%w\" = ?2 WHERE \"%w\" = ?1",
							      c->name, col, col), from, to);
			/* what is left clashed with a row that already refers to to: the same thing */
			for (int guard = 0; rc == SQLITE_OK && guard < 1000; guard++) {
				char *sql = sqlite3_mprintf("SELECT id FROM \"%w\" WHERE \"%w\" = ?1 LIMIT 1", c->name, col);
				sqlite3_stmt *st = NULL;
				int64_t left = 0, twin = 0;
				if (sql && sqlite3_prepare_v2(m->ctx->db, sql, -1, &st, NULL) == SQLITE_OK) {
					sqlite3_bind_int64(st, 1, from);
					if (sqlite3_step(st) == SQLITE_ROW)
						left = sqlite3_column_int64(st, 0);
				}
				sqlite3_finalize(st);
				sqlite3_free(sql);
				if (!left)
					break;
				struct row r = { 0 };
				const struct sync_unique *u = NULL;
				if (mg_load_row(m, ci, left, &r) == 1 && mg_row_set_int(m->ctx, &r, c->fk[f].col, to, 0) == 0)
					twin = mg_find_clash(m, c, &r, left, &u);
				mg_row_free(&r);
				if (!twin || !c->natural) { /* cannot be put right: let go of the reference */
					rc = mg_exec_ids(m->ctx, c->fk[f].notnull
								? sqlite3_mprintf("DELETE FROM \"%w\" WHERE id = ?1", c->name)
								: sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = NULL WHERE id = ?1",
										  c->name, col), left, 0);
					continue;
				}
				rc = mg_merge_two(m, ci, left, twin) == WG_OK ? SQLITE_OK : SQLITE_ERROR;
				if (rc == SQLITE_OK)
					rc = mg_exec_ids(m->ctx, sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = ?2 WHERE id = ?1",
									      c->name, col), left < twin ? left : twin, to);
			}
		}
	}
	return rc;
}

/* Folds b's newer columns into a, as if b's writes had been made to a. */
static int fold(struct merge *m, int ti, int64_t keep, int64_t gone)
{
	const struct sync_table *t = &m->s->t[ti];
	int rc = SQLITE_OK;
	for (int i = 1; rc == SQLITE_OK && i < t->ncol; i++) {
		struct sync_ver vk, vg;
		const char *key = sync_col_key(t, i);
		sync_get_version(m->ctx, t->name, keep, key, &vk);
		if (!sync_get_version(m->ctx, t->name, gone, key, &vg) ||
		    (vk.origin == vg.origin && vk.seq == vg.seq))
			continue;
		if (!sync_knows(m->ctx, &vg, &vk) &&
		    (sync_knows(m->ctx, &vk, &vg) || !sync_wins(m->ctx, &vg, &vk, m->policy)))
			continue;
		char *sql = sqlite3_mprintf("UPDATE OR IGNORE \"%w\" SET \"%w\" = (SELECT \"%w\" FROM \"%w\""
					    " WHERE id = ?2) WHERE id = ?1", t->name, t->cols[i], t->cols[i], t->name);
		sqlite3_stmt *st = NULL;
		rc = sql ? sqlite3_prepare_v2(m->ctx->db, sql, -1, &st, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, keep);
			sqlite3_bind_int64(st, 2, gone);
			rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		}
		sqlite3_finalize(st);
		if (rc == SQLITE_OK)
			rc = sync_put_version(m->ctx, t->name, keep, key, &vg) == WG_OK ? SQLITE_OK : SQLITE_ERROR;
	}
	return rc;
}

static int forget_versions(struct merge *m, const char *tbl, int64_t rid)
{
	return mg_exec_ids(m->ctx, sqlite3_mprintf("DELETE FROM sync_cols WHERE tbl = %Q AND rid = ?1", tbl), rid,
			0) == SQLITE_OK ? WG_OK : WG_EIO;
}

/* Two rows of a table whose rows are their unique value: the larger key becomes the smaller. */
int mg_merge_two(struct merge *m, int ti, int64_t a, int64_t b)
{
	const struct sync_table *t = &m->s->t[ti];
	int64_t keep = a < b ? a : b, gone = a < b ? b : a;
	int rc;
	if (m->depth >= MAXDEPTH)
		return wg_fail(m->ctx, WG_EIO, _("merging %s: the records refer to each other too deeply"), t->name);
	m->depth++;
	rc = fold(m, ti, keep, gone) == SQLITE_OK ? WG_OK : WG_EIO;
	if (rc == WG_OK)
		rc = repoint(m, ti, gone, keep) == SQLITE_OK ? WG_OK : WG_EIO;
	if (rc == WG_OK)
		rc = mg_exec_ids(m->ctx, sqlite3_mprintf("DELETE FROM \"%w\" WHERE id = ?1", t->name), gone, 0) ==
				     SQLITE_OK ? WG_OK : WG_EIO;
	if (rc == WG_OK)
		rc = forget_versions(m, t->name, gone);
	if (rc == WG_OK)
		rc = sync_alias_add(m->ctx, t->name, gone, keep, mg_own(m));
	m->depth--;
	return rc == WG_OK ? WG_OK : wg_db_fail(m->ctx, _("merging records made on two sites"));
}

/* A row here takes another key (one that is not here): its references and versions follow. */
int mg_move_row(struct merge *m, int ti, int64_t from, int64_t to)
{
	const struct sync_table *t = &m->s->t[ti];
	int rc = mg_exec_ids(m->ctx, sqlite3_mprintf("UPDATE \"%w\" SET id = ?2 WHERE id = ?1", t->name), from, to);
	if (rc == SQLITE_OK)
		rc = repoint(m, ti, from, to);
	if (rc == SQLITE_OK)
		rc = mg_exec_ids(m->ctx, sqlite3_mprintf("UPDATE OR REPLACE sync_cols SET rid = ?2 WHERE tbl = %Q"
						      " AND rid = ?1", t->name), from, to);
	if (rc != SQLITE_OK)
		return wg_db_fail(m->ctx, _("merging records made on two sites"));
	return sync_alias_add(m->ctx, t->name, from, to, mg_own(m));
}

/* A value two records hold that only one may: the lower key keeps it, the other loses it. */
int mg_give_up_value(struct merge *m, const struct sync_table *t, struct row *r, int64_t rid,
			 const struct sync_unique *u, int64_t holder)
{
	unsigned char mask[MAXCOL] = { 0 };
	struct row before = { 0 };
	char once[160], text[256];
	before.n = r->n;
	for (int i = 0; i < r->n; i++)
		before.v[i] = NULL, mg_row_set(&before, i, r->v[i]);
	for (int k = 0; k < u->ncol; k++) {
		int c = u->cols[k];
		mask[c] = 1;
		if (!t->notnull[c]) {
			mg_row_set_int(m->ctx, r, c, 0, 1);
			continue;
		}
		snprintf(text, sizeof text, "%s#%lld", r->v[c] ? (const char *)sqlite3_value_text(r->v[c]) : "",
			 (long long)(rid & 0xFFFFF));
		mg_row_set_text(m->ctx, r, c, text);
	}
	snprintf(once, sizeof once, "%s:%lld:unique:%lld", t->name, (long long)rid, (long long)holder);
	char why[256], who[160] = "";
	if (sync_col_find(t, "name") >= 0) { /* say who holds it: the clerk opens that record */
		char *sql = sqlite3_mprintf("SELECT name FROM \"%w\" WHERE id = ?1", t->name);
		sqlite3_stmt *st = NULL;
		if (sql && sqlite3_prepare_v2(m->ctx->db, sql, -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, holder);
			if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
				snprintf(who, sizeof who, "%s, ", (const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
		sqlite3_free(sql);
	}
	snprintf(why, sizeof why, "constraint: held by %s%s %lld", who, t->name, (long long)holder);
	struct listing l = { "update", why, once, rid, r, &before, mask };
	mg_list_conflict(m, t, &l);
	mg_row_free(&before);
	return WG_OK;
}

/* The local row other lets go of what r needs (the lower key keeps a value). */
int mg_local_gives_up(struct merge *m, int ti, int64_t other, const struct sync_unique *u,
			  int64_t holder)
{
	const struct sync_table *t = &m->s->t[ti];
	struct row r = { 0 };
	unsigned char take[MAXCOL] = { 0 };
	int rc = mg_load_row(m, ti, other, &r) == 1 ? WG_OK : WG_EIO;
	if (rc == WG_OK)
		rc = mg_give_up_value(m, t, &r, other, u, holder);
	for (int k = 0; k < u->ncol; k++)
		take[u->cols[k]] = 1;
	if (rc == WG_OK && mg_write_row(m, ti, other, &r, take) != SQLITE_OK)
		rc = wg_db_fail(m->ctx, _("applying a sync file"));
	for (int k = 0; rc == WG_OK && k < u->ncol; k++)
		rc = sync_put_version(m->ctx, t->name, other, sync_col_key(t, u->cols[k]), mg_own(m));
	mg_row_free(&r);
	return rc;
}
