/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Reading the audit log for an administrator: entries by account, record, table, action and day. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"

/*
 * Reading the log is not itself written to the log: only administrators may read it, they
 * may see every record in full anyway, and the details it shows are masked already.  An
 * entry per reading would make the log mostly about itself.
 */

/* The account's key, 0 for no filter; WG_EINVAL when no account has that name. */
static int account(struct wg_ctx *ctx, const char *name, int64_t *id)
{
	static const char sql[] = "SELECT id FROM users WHERE name = ?1";
	*id = 0;
	if (!name || !*name)
		return WG_OK;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return *id ? WG_OK : wg_fail(ctx, WG_EINVAL, _("there is no account named %s; "
						      "see 'wangge user list'"), name);
}

static const char *text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? s : "";
}

int wg_audit_list(struct wg_ctx *ctx, const struct wg_audit_query *q,
		  int (*each)(void *arg, const struct wg_audit_entry *e), void *arg)
{
	/* Unset filters are NULL parameters, so one statement serves every combination; one
	 * record's entries come through the (tbl, row_id) index, the rest by time. */
#define AUDIT_SELECT \
	"SELECT a.id, a.at, coalesce(a.user_id, 0), coalesce(u.name, ''), a.action, a.tbl," \
	" coalesce(a.row_id, 0), a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.user_id" \
	" WHERE (?1 IS NULL OR a.user_id = ?1) AND (?4 IS NULL OR a.action = ?4)" \
	" AND a.at >= ?5 AND a.at < ?6 AND "
	static const char by_time[] =
		AUDIT_SELECT "(?2 IS NULL OR a.tbl = ?2) AND (?3 IS NULL OR a.row_id = ?3)"
			     " ORDER BY a.at, a.id";
	static const char by_record[] = AUDIT_SELECT "a.tbl = ?2 AND a.row_id = ?3 ORDER BY a.at, a.id";
#undef AUDIT_SELECT
	int64_t user;
	time_t lo, hi;
	int rc = wg_require_role(ctx, WG_ROLE_ADMIN, _("Reading the audit log"));
	if (rc != WG_OK || (rc = wg_day_range(ctx, q->from, q->to, &lo, &hi)) != WG_OK ||
	    (rc = account(ctx, q->user, &user)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, q->record && q->table && *q->table ? by_record : by_time);
	if (!st)
		return WG_EIO;
	if (user)
		sqlite3_bind_int64(st, 1, user);
	if (q->table && *q->table)
		sqlite3_bind_text(st, 2, q->table, -1, SQLITE_STATIC);
	if (q->record)
		sqlite3_bind_int64(st, 3, q->record);
	if (q->action && *q->action)
		sqlite3_bind_text(st, 4, q->action, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (int64_t)lo);
	sqlite3_bind_int64(st, 6, (int64_t)hi);
	int step = SQLITE_DONE;
	while (rc == WG_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct wg_audit_entry e = { sqlite3_column_int64(st, 0), (time_t)sqlite3_column_int64(st, 1),
					    sqlite3_column_int64(st, 2), text(st, 3), text(st, 4),
					    text(st, 5), sqlite3_column_int64(st, 6), text(st, 7) };
		rc = each(arg, &e);
	}
	sqlite3_reset(st);
	if (rc == WG_OK && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = wg_db_fail(ctx, _("reading the audit log"));
	return rc;
}
