/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Reporting a new case: checks, its readable number, the duplicate warning, the first timeline event. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/category.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "core-int.h"
#include "record-priv.h"
#include "task-priv.h"

/* What a new case refers to, checked. */
struct task_refs {
	int64_t cell_id, category_id;
	char category_code[16];
	char priority[8];
	int limit_hours;
};

static int check_texts(struct wg_ctx *ctx, const struct wg_task_new *in)
{
	const char *why = NULL; /* set whenever it is read; said so for -Wmaybe-uninitialized */
	if (!in->title || (why = wg_validate_text(in->title, WG_TASK_TITLE_MAX)) != NULL)
		return wg_fail(ctx, WG_EUSAGE, _("title: %s"),
			       in->title ? why : _("a short title saying what the problem is is needed"));
	if (in->description && (why = task_text_problem(in->description, WG_TASK_TEXT_MAX, 1)) != NULL)
		return wg_fail(ctx, WG_EUSAGE, _("description: %s"), why);
	if (in->address && (why = task_text_problem(in->address, 200, 0)) != NULL)
		return wg_fail(ctx, WG_EUSAGE, _("address: %s"), why);
	if (in->reporter_text && (why = task_text_problem(in->reporter_text, 100, 0)) != NULL)
		return wg_fail(ctx, WG_EUSAGE, _("reporter: %s"), why);
	if (in->source >= WG_SRC_COUNT)
		return wg_fail(ctx, WG_EUSAGE, _("source: unknown source of the report"));
	return WG_OK;
}

static int find_cell(struct wg_ctx *ctx, const struct wg_task_new *in, int64_t *id)
{
	static const char sql[] = "SELECT id FROM cells WHERE id = ?1 OR code = ?2";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, in->cell_id ? in->cell_id : -1);
	sqlite3_bind_text(st, 2, in->cell_id ? "" : (in->cell_code ? in->cell_code : ""), -1,
			  SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (*id)
		return WG_OK;
	if (in->cell_id)
		return wg_fail(ctx, WG_EINVAL, _("cell: there is no grid cell with id %lld"),
			       (long long)in->cell_id);
	return wg_fail(ctx, WG_EINVAL, _("cell: there is no grid cell with code '%s'"),
		       in->cell_code ? in->cell_code : "");
}

static int find_category(struct wg_ctx *ctx, const struct wg_task_new *in, struct task_refs *r)
{
	static const char sql[] =
		"SELECT id, code, priority, active FROM categories WHERE id = ?1 OR code = ?2";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int active = 0;
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, in->category_id ? in->category_id : -1);
	sqlite3_bind_text(st, 2, in->category_id ? "" : (in->category_code ? in->category_code : ""),
			  -1, SQLITE_STATIC);
	r->category_id = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->category_id = sqlite3_column_int64(st, 0);
		wg_col_copy(st, 1, r->category_code, sizeof r->category_code);
		wg_col_copy(st, 2, r->priority, sizeof r->priority);
		active = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	if (!r->category_id)
		return wg_fail(ctx, WG_EINVAL, _("category: there is no category '%s'; search with "
						 "'wangge categories search'"),
			       in->category_code ? in->category_code : "");
	if (!active)
		return wg_fail(ctx, WG_EINVAL, _("category: %s is retired; choose a current category"),
			       r->category_code);
	if (task_category_limit(ctx, r->category_id, &r->limit_hours) != WG_OK)
		return WG_EIO;
	if (r->limit_hours <= 0)
		return wg_fail(ctx, WG_EINVAL, _("category: %s has no time limit; choose one of its "
						 "sub-categories"), r->category_code);
	return WG_OK;
}

static int row_exists(struct wg_ctx *ctx, const char *sql, int64_t id)
{
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static int check_refs(struct wg_ctx *ctx, const struct wg_task_new *in, struct task_refs *r)
{
	static const char resident_sql[] = "SELECT 1 FROM residents WHERE id = ?1";
	static const char building_sql[] = "SELECT 1 FROM buildings WHERE id = ?1";
	int rc;
	if ((rc = find_cell(ctx, in, &r->cell_id)) != WG_OK ||
	    (rc = find_category(ctx, in, r)) != WG_OK)
		return rc;
	if (in->priority) {
		const char *p = wg_priority_normalize(in->priority);
		if (!p)
			return wg_fail(ctx, WG_EUSAGE, _("priority: '%s' is not one of urgent, high, "
							 "normal, low"), in->priority);
		snprintf(r->priority, sizeof r->priority, "%s", p);
	}
	if (in->reporter_resident_id && !row_exists(ctx, resident_sql, in->reporter_resident_id))
		return wg_fail(ctx, WG_EINVAL, _("reporter: there is no resident with id %lld"),
			       (long long)in->reporter_resident_id);
	if (in->building_id && !row_exists(ctx, building_sql, in->building_id))
		return wg_fail(ctx, WG_EINVAL, _("building: there is no building with id %lld"),
			       (long long)in->building_id);
	return WG_OK;
}

int wg_task_find_duplicate(struct wg_ctx *ctx, int64_t cell_id, int64_t category_id,
			   struct wg_task_brief *dup)
{
	static const char sql[] =
		"SELECT id, number, title, state, created_at FROM tasks"
		" WHERE cell_id = ?1 AND category_id = ?2 AND created_at >= ?3 AND " SQL_OPEN
		" ORDER BY created_at DESC LIMIT 1";
	int days = wg_task_policy_of(ctx)->duplicate_days;
	memset(dup, 0, sizeof *dup);
	if (days <= 0)
		return WG_OK;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, cell_id);
	sqlite3_bind_int64(st, 2, category_id);
	sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx) - (int64_t)days * 86400);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		dup->id = sqlite3_column_int64(st, 0);
		wg_col_copy(st, 1, dup->number, sizeof dup->number);
		wg_col_copy(st, 2, dup->title, sizeof dup->title);
		wg_task_state_parse(task_col(st, 3), &dup->state);
		dup->created_at = task_col_time(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("looking for duplicates"));
}

/* The counter's scope of this site's case numbers this year: PREFIX-YEAR (S<site> without one). */
static void number_scope(struct wg_ctx *ctx, char *scope, size_t size)
{
	const char *prefix = wg_task_policy_of(ctx)->prefix;
	char site[16], year[8];
	snprintf(site, sizeof site, "S%d", ctx->site_no);
	wg_format_time(wg_now(ctx), "%Y", year, sizeof year);
	snprintf(scope, size, "%s-%s", *prefix ? prefix : site, year);
}

/* PREFIX-YEAR-SEQUENCE; the sequence comes from the counters table, per prefix and year, past
 * any number a case here holds already (one this site gave before a restore, back from the
 * others' files). */
static int next_number(struct wg_ctx *ctx, char out[WG_TASK_NUMBER_SIZE])
{
	/* no RETURNING (SQLite 3.35): the count is read back inside the same transaction */
	static const char bump[] =
		"INSERT INTO counters(name, scope, value) VALUES ('task_number', ?1, 1)"
		" ON CONFLICT(name, scope) DO UPDATE SET value = value + 1";
	static const char sql[] = "SELECT value, EXISTS (SELECT 1 FROM tasks WHERE number = printf('%s-%06d',"
				  " ?1, value)) FROM counters WHERE name = 'task_number' AND scope = ?1";
	char scope[40];
	number_scope(ctx, scope, sizeof scope);
	long long n = 0;
	for (int taken = 1; taken;) {
		sqlite3_stmt *up = wg_stmt(ctx, bump), *st = up ? wg_stmt(ctx, sql) : NULL;
		if (!st)
			return WG_EIO;
		sqlite3_bind_text(up, 1, scope, -1, SQLITE_STATIC);
		int rc = sqlite3_step(up);
		sqlite3_reset(up);
		if (rc != SQLITE_DONE)
			return wg_db_fail(ctx, _("numbering the case"));
		sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		taken = rc == SQLITE_ROW && sqlite3_column_int(st, 1);
		sqlite3_reset(st);
		if (!n)
			return wg_db_fail(ctx, _("numbering the case"));
	}
	snprintf(out, WG_TASK_NUMBER_SIZE, "%s-%06lld", scope, n);
	return WG_OK;
}

int task_numbers_restored(struct wg_ctx *ctx, struct wg_ctx *live)
{
	static const char sql[] =
		"INSERT INTO counters(name, scope, value) VALUES ('task_number', ?1, ?2)"
		" ON CONFLICT(name, scope) DO UPDATE SET value = max(value, excluded.value)";
	static const char live_sql[] = "SELECT scope, value FROM counters WHERE name = 'task_number'";
	char scope[40];
	number_scope(ctx, scope, sizeof scope);
	sqlite3_stmt *st = wg_stmt(ctx, sql), *q = NULL;
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, 0);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	/* the numbers the database it replaces reached (after an earlier restore of this backup,
	 * they went on past the backup's); one that cannot be read tells nothing */
	if (rc == SQLITE_DONE && live &&
	    sqlite3_prepare_v2(live->db, live_sql, -1, &q, NULL) == SQLITE_OK) {
		while (rc == SQLITE_DONE && sqlite3_step(q) == SQLITE_ROW) {
			sqlite3_bind_text(st, 1, (const char *)sqlite3_column_text(q, 0), -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(st, 2, sqlite3_column_int64(q, 1));
			rc = sqlite3_step(st);
			sqlite3_reset(st);
		}
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE ||
	    sqlite3_exec(ctx->db, "UPDATE counters SET value = (value / 1000 + 2) * 1000"
				  " WHERE name = 'task_number'", NULL, NULL, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("numbering the case"));
	return WG_OK;
}

static int insert_task(struct wg_ctx *ctx, const struct wg_task_new *in, const struct task_refs *r,
		       int64_t id, const char *number)
{
	static const char sql[] =
		"INSERT INTO tasks(id, number, source, reporter_resident_id, reporter_text, cell_id,"
		" building_id, address, category_id, title, description, priority, state, created_at,"
		" created_by, updated_at, updated_by, step_deadline_at, step_warn_at) VALUES (?1, ?2, ?3,"
		" ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'reported', ?13, ?14, ?13, ?14, ?15, ?16)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, wg_task_source_name(in->source), -1, SQLITE_STATIC);
	if (in->reporter_resident_id)
		sqlite3_bind_int64(st, 4, in->reporter_resident_id);
	sqlite3_bind_text(st, 5, in->reporter_text ? in->reporter_text : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, r->cell_id);
	if (in->building_id)
		sqlite3_bind_int64(st, 7, in->building_id);
	sqlite3_bind_text(st, 8, in->address ? in->address : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, r->category_id);
	sqlite3_bind_text(st, 10, in->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, in->description ? in->description : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, r->priority, -1, SQLITE_STATIC);
	time_t now = wg_now(ctx);
	long file_secs = (long)wg_task_policy_of(ctx)->file_hours * 3600; /* the intake clock */
	sqlite3_bind_int64(st, 13, (int64_t)now);
	sqlite3_bind_int64(st, 14, ctx->user_id);
	sqlite3_bind_int64(st, 15, (int64_t)wg_calendar_add(wg_calendar_of(ctx), now, file_secs));
	sqlite3_bind_int64(st, 16, (int64_t)wg_calendar_warn_at(wg_calendar_of(ctx), now, file_secs));
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("saving the case"));
}

static int refuse_duplicate(struct wg_ctx *ctx, const struct wg_task_brief *d)
{
	char when[32];
	task_format_time(d->created_at, when, sizeof when);
	return wg_fail(ctx, WG_EINVAL, _("possible duplicate: case %s \"%s\" in the same cell and "
					 "category was reported on %s and is still %s; merge the new "
					 "report into it, or confirm that it is a different problem"),
		       d->number, d->title, when, wg_task_state_label(d->state));
}

int wg_task_may_report(struct wg_ctx *ctx)
{
	return wg_require_role(ctx, WG_ROLE_GRIDWORKER, _("Reporting a case"));
}

int wg_task_add(struct wg_ctx *ctx, const struct wg_task_new *in, unsigned flags, int64_t *id,
		char number[WG_TASK_NUMBER_SIZE], struct wg_task_brief *dup)
{
	struct task_refs r;
	struct wg_task_brief found;
	int rc;
	if (dup)
		memset(dup, 0, sizeof *dup);
	if ((rc = wg_task_may_report(ctx)) != WG_OK ||
	    (rc = check_texts(ctx, in)) != WG_OK || (rc = check_refs(ctx, in, &r)) != WG_OK)
		return rc;
	/* Checked before the transaction, so a refusal leaves a caller's transaction alone. */
	if (!(flags & WG_TASK_ALLOW_DUPLICATE)) {
		if ((rc = wg_task_find_duplicate(ctx, r.cell_id, r.category_id, &found)) != WG_OK)
			return rc;
		if (found.id) {
			if (dup)
				*dup = found;
			return refuse_duplicate(ctx, &found);
		}
	}
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = next_number(ctx, number)) == WG_OK &&
	    (rc = wg_store_new_id(ctx, "tasks", id)) == WG_OK &&
	    (rc = insert_task(ctx, in, &r, *id, number)) == WG_OK)
		rc = task_event_add(ctx, *id, &(struct task_event_new){ .action = "report",
								   .to = "reported" });
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}
