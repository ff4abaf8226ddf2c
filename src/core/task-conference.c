/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Joint conferences (联席会议) for escalated cases: linking a case, recording the decision. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"
#include "task-priv.h"

/* The undecided conference of a date, made when there is none yet. */
static int conference_of(struct wg_ctx *ctx, const char *date, int64_t *id)
{
	static const char find_sql[] =
		"SELECT id FROM conferences WHERE date = ?1 AND decision = '' ORDER BY id LIMIT 1";
	static const char add_sql[] =
		"INSERT INTO conferences(id, date, topic, created_at, created_by, updated_at, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)";
	sqlite3_stmt *st = wg_stmt(ctx, find_sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (*id)
		return WG_OK;
	if (wg_store_new_id(ctx, "conferences", id) != WG_OK || !(st = wg_stmt(ctx, add_sql)))
		return WG_EIO;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, _("joint conference on escalated cases"), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, (int64_t)wg_now(ctx));
	sqlite3_bind_int64(st, 5, ctx->user_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording a joint conference"));
}

int task_conference_escalate(struct wg_ctx *ctx, const struct task_row *r, const char *date)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO conference_tasks(id, conference_id, task_id, created_at,"
		" created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)";
	int64_t conf, id;
	sqlite3_stmt *st;
	if (conference_of(ctx, date, &conf) != WG_OK ||
	    wg_store_new_id(ctx, "conference_tasks", &id) != WG_OK || !(st = wg_stmt(ctx, sql)))
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, conf);
	sqlite3_bind_int64(st, 3, r->id);
	sqlite3_bind_int64(st, 4, (int64_t)wg_now(ctx));
	sqlite3_bind_int64(st, 5, ctx->user_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording a joint conference"));
}

/* The decision also stays with the case's line of the conference. */
static int decided(struct wg_ctx *ctx, const struct task_row *r, const char *decision)
{
	static const char sql[] =
		"UPDATE conference_tasks SET decision = ?2, decided_at = ?3, updated_at = ?3,"
		" updated_by = ?4 WHERE id = (SELECT ct.id FROM conference_tasks ct"
		" JOIN conferences c ON c.id = ct.conference_id WHERE ct.task_id = ?1"
		" ORDER BY c.date DESC, c.id DESC LIMIT 1)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, decision ? decision : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx));
	sqlite3_bind_int64(st, 4, ctx->user_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording the conference's decision"));
}

int task_conference_decide(struct wg_ctx *ctx, const struct task_row *r, const char *decision)
{
	static const char sql[] =
		"UPDATE conferences SET decision = decision || ?2, updated_at = ?3, updated_by = ?4"
		" WHERE id = (SELECT ct.conference_id FROM conference_tasks ct"
		" JOIN conferences c ON c.id = ct.conference_id WHERE ct.task_id = ?1"
		" ORDER BY c.date DESC, c.id DESC LIMIT 1)";
	char line[4 * WG_TASK_TEXT_MAX + 64];
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	snprintf(line, sizeof line, "%s: %s\n", r->number, decision ? decision : "");
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, line, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx));
	sqlite3_bind_int64(st, 4, ctx->user_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return wg_db_fail(ctx, _("recording the conference's decision"));
	return decided(ctx, r, decision);
}
