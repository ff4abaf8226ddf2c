/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Applying a sync body: deletions, which stay, and two rows found to be one elsewhere. */
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

/* ---- Deletions and aliases ---- */

/* A local edit the deletion did not know of is listed with what it was: the columns it wrote. */
static void changed_here(struct merge *m, const struct sync_table *t, int64_t rid, const struct row *here,
			 const struct sync_ver *tomb)
{
	unsigned char mask[MAXCOL] = { 0 };
	struct sync_ver v, lost = { 0 };
	int unknown = 0;
	for (int i = 1; i < t->ncol; i++) {
		if (sync_machine_col(t->cols[i]) || !sync_get_version(m->ctx, t->name, rid, sync_col_key(t, i), &v) ||
		    v.origin == 0 || sync_knows(m->ctx, tomb, &v))
			continue;
		mask[i] = 1;
		unknown = 1;
		if (v.seq > lost.seq || v.origin != lost.origin)
			lost = v;
	}
	if (!unknown)
		return;
	struct row none = { 0 };
	char once[160];
	snprintf(once, sizeof once, "%s:%lld:deleted:%d:%lld", t->name, (long long)rid, lost.origin,
		 (long long)lost.seq);
	struct listing l = { "delete", "deleted there, changed here", once, rid, here, &none, mask };
	mg_list_conflict(m, t, &l);
}

/* A deletion a rule refuses is listed with the reason, like a refused row. */
static void refuse_deletion(struct merge *m, const struct sync_table *t, int64_t rid, const char *why)
{
	unsigned char mask[MAXCOL] = { 0 };
	struct row here = { 0 }, none = { 0 };
	char once[600];
	for (int i = 1; i < t->ncol; i++)
		mask[i] = 1;
	mg_load_row(m, sync_table_find(m->s, t->name), rid, &here);
	snprintf(once, sizeof once, "%s:%lld:refused:%s", t->name, (long long)rid, why);
	struct listing l = { "delete", why, once, rid, &here, &none, mask };
	mg_list_conflict(m, t, &l);
	mg_row_free(&here);
}

int mg_apply_tombstone(struct merge *m, const char *tbl, int64_t rid0, const struct sync_ver *v)
{
	int ti = sync_table_find(m->s, tbl);
	if (ti < 0)
		return WG_OK;
	const struct sync_table *t = &m->s->t[ti];
	if (t->insert_only) {
		refuse_deletion(m, t, rid0, _("the audit log only grows: sync never changes or removes an entry"));
		return WG_OK;
	}
	if ((strcmp(tbl, "users") == 0 || strcmp(tbl, "sites") == 0) && m->from != m->ctx->office_site) {
		char why[160];
		snprintf(why, sizeof why, _("accounts and sites are changed only at the office (site %d)"),
			 m->ctx->office_site);
		refuse_deletion(m, t, rid0, why);
		return WG_OK;
	}
	int64_t rid = sync_alias(m->ctx, tbl, rid0);
	/* a deletion of a row merged into another deletes what they became, whichever came first */
	int rc = rid != rid0 && !sync_tombstone(m->ctx, tbl, rid0, NULL) ? sync_put_version(m->ctx, tbl, rid0, "-", v)
									  : WG_OK;
	return rc == WG_OK ? mg_delete_row(m, ti, rid, v) : rc;
}

/* The row goes, and its deletion stays. */
int mg_delete_row(struct merge *m, int ti, int64_t rid, const struct sync_ver *v)
{
	const struct sync_table *t = &m->s->t[ti];
	if (sync_tombstone(m->ctx, t->name, rid, NULL)) {
		m->res->already++;
		return WG_OK;
	}
	struct row here = { 0 };
	int found = mg_load_row(m, ti, rid, &here), rc;
	if (found == 1)
		changed_here(m, t, rid, &here, v);
	mg_row_free(&here);
	rc = sync_put_version(m->ctx, t->name, rid, "-", v);
	if (rc == WG_OK && found == 1 &&
	    mg_exec_ids(m->ctx, sqlite3_mprintf("DELETE FROM \"%w\" WHERE id = ?1", t->name), rid, 0) != SQLITE_OK)
		rc = wg_db_fail(m->ctx, _("applying a sync file"));
	m->res->applied++;
	m->res->residents |= strcmp(t->name, "residents") == 0;
	return rc;
}

/* Another site found two rows to be one: so are they here. */
int mg_apply_alias(struct merge *m, const char *tbl, int64_t from, int64_t to, const struct sync_ver *v)
{
	int ti = sync_table_find(m->s, tbl);
	if (ti < 0 || !m->s->t[ti].natural || to >= from || sync_alias(m->ctx, tbl, from) != from)
		return WG_OK;
	int rc = sync_alias_add(m->ctx, tbl, from, to, v);
	struct sync_ver gone;
	struct row r = { 0 };
	to = sync_alias(m->ctx, tbl, to);
	if (rc == WG_OK && sync_tombstone(m->ctx, tbl, from, &gone)) /* deleted there: so is the one */
		return mg_delete_row(m, ti, to, &gone);
	if (rc == WG_OK && sync_tombstone(m->ctx, tbl, to, &gone)) {
		int from_here = mg_load_row(m, ti, from, &r);
		mg_row_free(&r);
		return from_here == 1 ? mg_delete_row(m, ti, from, &gone) : WG_OK;
	}
	int from_here = rc == WG_OK ? mg_load_row(m, ti, from, &r) : 0;
	mg_row_free(&r);
	if (from_here != 1)
		return rc;
	int to_here = mg_load_row(m, ti, to, &r);
	mg_row_free(&r);
	return to_here == 1 ? mg_merge_two(m, ti, from, to) : mg_move_row(m, ti, from, to);
}
