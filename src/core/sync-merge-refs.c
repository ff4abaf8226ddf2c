/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Applying a sync body: references left pointing at nothing, mended or listed. */
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

/* ---- References left pointing at nothing ---- */

static int parent_here(struct merge *m, const struct sync_table *p, sqlite3_value *v)
{
	char *sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE id = ?1", p->name);
	sqlite3_stmt *st = NULL;
	int here = 1;
	if (sql && sqlite3_prepare_v2(m->ctx->db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_value(st, 1, v);
		here = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return here;
}

/* Row rid's column col refers to to now; a row that then says what another says is merged. */
static int follow_alias(struct merge *m, int ti, int64_t rid, struct row *r, int col, int64_t to)
{
	const struct sync_table *t = &m->s->t[ti];
	const struct sync_unique *u = NULL;
	if (mg_row_set_int(m->ctx, r, col, to, 0) != 0)
		return WG_EIO;
	int64_t twin = mg_find_clash(m, t, r, rid, &u);
	if (twin && t->natural && mg_merge_two(m, ti, rid, twin) != WG_OK)
		return WG_EIO;
	if (twin && !t->natural) /* cannot be both: the reference goes */
		return mg_exec_ids(m->ctx, sqlite3_mprintf("DELETE FROM \"%w\" WHERE id = ?1", t->name), rid, 0) ==
			       SQLITE_OK ? WG_OK : WG_EIO;
	int64_t keep = twin && twin < rid ? twin : rid;
	return mg_exec_ids(m->ctx, sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = ?2 WHERE id = ?1", t->name,
						t->cols[col]), keep, to) == SQLITE_OK ? WG_OK : WG_EIO;
}

/* A row that refers to a record deleted (or never made) elsewhere: the reference is
 * cleared, or, when the row cannot be without it, the row goes too (listed). */
static int fix_row(struct merge *m, int ti, int64_t rid)
{
	const struct sync_table *t = &m->s->t[ti];
	struct row r = { 0 };
	int rc = WG_OK;
	if (mg_load_row(m, ti, rid, &r) != 1)
		return WG_OK;
	for (int f = 0; rc == WG_OK && f < t->nfk; f++) {
		const struct sync_table *p = &m->s->t[t->fk[f].parent];
		sqlite3_value *v = r.v[t->fk[f].col];
		if (!v || sqlite3_value_type(v) == SQLITE_NULL || parent_here(m, p, v))
			continue;
		int64_t to = sync_alias(m->ctx, p->name, sqlite3_value_int64(v));
		if (to != sqlite3_value_int64(v)) { /* the parent came after and was merged into another */
			rc = follow_alias(m, ti, rid, &r, t->fk[f].col, to);
			break;
		}
		if (!t->fk[f].notnull) {
			rc = mg_exec_ids(m->ctx, sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = NULL WHERE id = ?1",
							      t->name, t->cols[t->fk[f].col]), rid, 0) == SQLITE_OK
				     ? sync_put_version(m->ctx, t->name, rid, sync_col_key(t, t->fk[f].col), mg_own(m))
				     : WG_EIO;
			continue;
		}
		unsigned char mask[MAXCOL] = { 0 };
		struct row none = { 0 };
		char once[160];
		for (int i = 1; i < t->ncol; i++)
			mask[i] = (unsigned char)!sync_machine_col(t->cols[i]);
		snprintf(once, sizeof once, "%s:%lld:missing", t->name, (long long)rid);
		struct listing l = { "delete", "missing", once, rid, &r, &none, mask };
		mg_list_conflict(m, t, &l);
		rc = sync_tombstone(m->ctx, p->name, sqlite3_value_int64(v), NULL)
			     ? sync_put_version(m->ctx, t->name, rid, "-", mg_own(m)) : WG_OK;
		if (rc == WG_OK && mg_exec_ids(m->ctx, sqlite3_mprintf("DELETE FROM \"%w\" WHERE id = ?1", t->name),
					    rid, 0) != SQLITE_OK)
			rc = WG_EIO;
		break;
	}
	mg_row_free(&r);
	return rc;
}

static int fix_table(struct merge *m, int ti)
{
	char *sql = sqlite3_mprintf("SELECT DISTINCT rowid FROM pragma_foreign_key_check(%Q)", m->s->t[ti].name);
	sqlite3_stmt *st = NULL;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc = sql && sqlite3_prepare_v2(m->ctx->db, sql, -1, &st, NULL) == SQLITE_OK ? WG_OK : WG_EIO;
	sqlite3_free(sql);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			int64_t *more = realloc(ids, sizeof *ids * (cap = cap ? cap * 2 : 64));
			if (!more) {
				rc = WG_EIO;
				break;
			}
			ids = more;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; rc == WG_OK && i < n; i++)
		rc = fix_row(m, ti, ids[i]);
	free(ids);
	return rc;
}

int mg_fix_references(struct merge *m)
{
	int rc = WG_OK;
	for (int round = 0; rc == WG_OK && round < 6; round++) {
		int cur = 0, hi = 0;
		sqlite3_db_status(m->ctx->db, SQLITE_DBSTATUS_DEFERRED_FKS, &cur, &hi, 0);
		if (!cur)
			break;
		for (int ti = 0; rc == WG_OK && ti < m->s->n; ti++)
			if (m->s->t[ti].nfk)
				rc = fix_table(m, ti);
	}
	return rc;
}
