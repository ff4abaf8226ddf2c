/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* One case in full for the detail screen and 'tasks show': fields, deadline light, timeline, attachments. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"
#include "record-priv.h"
#include "task-priv.h"

static const char task_sql[] =
	"SELECT t.id, t.number, t.source, t.reporter_text, coalesce(r.name, ''), coalesce(r.phone, ''),"
	" coalesce(t.cell_id, 0), coalesce(c.code, ''), coalesce(c.name, ''),"
	" coalesce(t.building_id, 0), coalesce(b.name, ''), t.address, coalesce(t.category_id, 0),"
	" coalesce(k.code, ''), coalesce(k.name_zh, ''), coalesce(k.responsible, ''), t.title,"
	" t.description, t.priority, t.state, coalesce(t.resume_state, ''),"
	" coalesce(t.handler_kind, ''), coalesce(t.handler_id, 0), t.handler_name, t.supervision,"
	" t.deadline_at, t.warn_at, t.step_deadline_at, t.step_warn_at, coalesce(t.review_date, ''),"
	" coalesce(t.merged_into, 0), coalesce(m.number, ''), t.rework_count,"
	" t.wrong_dispatch_count, t.closed_at, coalesce(t.rating, ''), t.created_at,"
	" coalesce(u.name, '') FROM tasks t"
	" LEFT JOIN residents r ON r.id = t.reporter_resident_id"
	" LEFT JOIN cells c ON c.id = t.cell_id LEFT JOIN buildings b ON b.id = t.building_id"
	" LEFT JOIN categories k ON k.id = t.category_id LEFT JOIN tasks m ON m.id = t.merged_into"
	" LEFT JOIN users u ON u.id = t.created_by WHERE t.id = ?1";

static void fill_reporter(sqlite3_stmt *st, struct wg_task *t)
{
	char raw[512];
	if (*task_col(st, 4))
		snprintf(raw, sizeof raw, "%s %s", task_col(st, 4), task_col(st, 5));
	else
		snprintf(raw, sizeof raw, "%s", task_col(st, 3));
	task_mask_reporter(raw, t->reporter, sizeof t->reporter);
}

static void fill_places(sqlite3_stmt *st, struct wg_task *t)
{
	t->cell_id = sqlite3_column_int64(st, 6);
	wg_col_copy(st, 7, t->cell_code, sizeof t->cell_code);
	wg_col_copy(st, 8, t->cell_name, sizeof t->cell_name);
	t->building_id = sqlite3_column_int64(st, 9);
	wg_col_copy(st, 10, t->building, sizeof t->building);
	wg_col_copy(st, 11, t->address, sizeof t->address);
	t->category_id = sqlite3_column_int64(st, 12);
	wg_col_copy(st, 13, t->category_code, sizeof t->category_code);
	wg_col_copy(st, 14, t->category_name, sizeof t->category_name);
	wg_col_copy(st, 15, t->responsible, sizeof t->responsible);
}

static void fill_flow(sqlite3_stmt *st, struct wg_task *t)
{
	wg_col_copy(st, 16, t->title, sizeof t->title);
	wg_col_copy(st, 17, t->description, sizeof t->description);
	wg_col_copy(st, 18, t->priority, sizeof t->priority);
	if (wg_task_state_parse(task_col(st, 19), &t->state) != 0)
		t->state = WG_TS_COUNT;
	if (wg_task_state_parse(task_col(st, 20), &t->resume_state) != 0)
		t->resume_state = WG_TS_COUNT;
	if (wg_handler_kind_parse(task_col(st, 21), &t->handler.kind) != 0)
		t->handler.kind = WG_HK_NONE;
	t->handler.id = sqlite3_column_int64(st, 22);
	wg_col_copy(st, 23, t->handler.name, sizeof t->handler.name);
	t->supervision = sqlite3_column_int(st, 24);
	t->deadline_at = task_col_time(st, 25);
	t->warn_at = task_col_time(st, 26);
	t->step_deadline_at = task_col_time(st, 27);
	t->step_warn_at = task_col_time(st, 28);
	wg_col_copy(st, 29, t->review_date, sizeof t->review_date);
	t->merged_into = sqlite3_column_int64(st, 30);
	wg_col_copy(st, 31, t->merged_into_number, sizeof t->merged_into_number);
	t->rework_count = sqlite3_column_int(st, 32);
	t->wrong_dispatch_count = sqlite3_column_int(st, 33);
	t->closed_at = task_col_time(st, 34);
	wg_col_copy(st, 35, t->rating, sizeof t->rating);
	t->created_at = task_col_time(st, 36);
	wg_col_copy(st, 37, t->created_by, sizeof t->created_by);
}

static int load_task(struct wg_ctx *ctx, int64_t id, struct wg_task *t)
{
	sqlite3_stmt *st = wg_stmt(ctx, task_sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t->id = sqlite3_column_int64(st, 0);
		wg_col_copy(st, 1, t->number, sizeof t->number);
		if (wg_task_source_parse(task_col(st, 2), &t->source) != 0)
			t->source = WG_SRC_VISIT;
		fill_reporter(st, t);
		fill_places(st, t);
		fill_flow(st, t);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	return rc == SQLITE_DONE ? wg_fail(ctx, WG_EINVAL, _("there is no case with id %lld"), (long long)id)
				 : wg_db_fail(ctx, _("reading a case"));
}

static int load_path(struct wg_ctx *ctx, struct wg_task *t)
{
	static const char sql[] =
		"WITH RECURSIVE up(parent_id, name, depth) AS ("
		" SELECT parent_id, name_zh, 0 FROM categories WHERE id = ?1"
		" UNION ALL SELECT c.parent_id, c.name_zh, up.depth + 1 FROM categories c"
		" JOIN up ON c.id = up.parent_id) SELECT name FROM up ORDER BY depth DESC";
	size_t used = 0;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, t->category_id);
	while (sqlite3_step(st) == SQLITE_ROW && used < sizeof t->category_path)
		used += (size_t)snprintf(t->category_path + used, sizeof t->category_path - used, "%s%s",
					 used ? " › " : "", task_col(st, 0));
	sqlite3_reset(st);
	return WG_OK;
}

static int add_event(struct wg_task_detail *d, sqlite3_stmt *st)
{
	struct wg_task_event *ev = realloc(d->events, (size_t)(d->nevents + 1) * sizeof *ev);
	if (!ev)
		return WG_EIO;
	d->events = ev;
	ev = &d->events[d->nevents];
	memset(ev, 0, sizeof *ev);
	if (!(ev->note = strdup(task_col(st, 6))))
		return WG_EIO;
	d->nevents++;
	ev->id = sqlite3_column_int64(st, 0);
	ev->at = task_col_time(st, 1);
	wg_col_copy(st, 2, ev->actor, sizeof ev->actor);
	wg_col_copy(st, 3, ev->action_name, sizeof ev->action_name);
	if (wg_task_action_parse(ev->action_name, &ev->action) != 0)
		ev->action = WG_ACT_COUNT;
	if (wg_task_state_parse(task_col(st, 4), &ev->from) != 0)
		ev->from = WG_TS_COUNT;
	if (wg_task_state_parse(task_col(st, 5), &ev->to) != 0)
		ev->to = WG_TS_COUNT;
	if (wg_handler_kind_parse(task_col(st, 7), &ev->handler.kind) != 0)
		ev->handler.kind = WG_HK_NONE;
	ev->handler.id = sqlite3_column_int64(st, 8);
	wg_col_copy(st, 9, ev->handler.name, sizeof ev->handler.name);
	wg_col_copy(st, 10, ev->clock, sizeof ev->clock);
	ev->deadline_at = task_col_time(st, 11);
	wg_col_copy(st, 12, ev->rating, sizeof ev->rating);
	return WG_OK;
}

static int load_events(struct wg_ctx *ctx, struct wg_task_detail *d)
{
	static const char sql[] =
		"SELECT e.id, e.at, coalesce(u.name, ''), e.action, e.from_state, e.to_state, e.note,"
		" coalesce(e.handler_kind, ''), coalesce(e.handler_id, 0), e.handler_name, e.clock,"
		" e.deadline_at, coalesce(e.rating, '') FROM task_events e LEFT JOIN users u ON u.id = e.actor_id"
		" WHERE e.task_id = ?1 ORDER BY e.at, e.id";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc = WG_OK;
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, d->task.id);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW)
		rc = add_event(d, st);
	sqlite3_reset(st);
	return rc == WG_OK ? WG_OK : wg_fail(ctx, WG_EIO, _("out of memory"));
}

static int load_attachments(struct wg_ctx *ctx, struct wg_task_detail *d)
{
	static const char sql[] =
		"SELECT id, path, note, created_at FROM task_attachments WHERE task_id = ?1 ORDER BY id";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, d->task.id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct wg_task_attachment *a = realloc(d->atts, (size_t)(d->natts + 1) * sizeof *a);
		if (!a) {
			sqlite3_reset(st);
			return wg_fail(ctx, WG_EIO, _("out of memory"));
		}
		d->atts = a;
		a = &d->atts[d->natts++];
		a->id = sqlite3_column_int64(st, 0);
		wg_col_copy(st, 1, a->path, sizeof a->path);
		wg_col_copy(st, 2, a->note, sizeof a->note);
		a->created_at = task_col_time(st, 3);
	}
	sqlite3_reset(st);
	return WG_OK;
}

int wg_task_load(struct wg_ctx *ctx, int64_t id, struct wg_task_detail *d)
{
	struct task_row row;
	int rc;
	memset(d, 0, sizeof *d);
	if ((rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading a case"))) != WG_OK ||
	    (rc = load_task(ctx, id, &d->task)) != WG_OK || (rc = load_path(ctx, &d->task)) != WG_OK ||
	    (rc = load_events(ctx, d)) != WG_OK || (rc = load_attachments(ctx, d)) != WG_OK ||
	    (rc = task_row_load(ctx, id, &row)) != WG_OK) {
		wg_task_detail_free(d);
		return rc;
	}
	struct wg_task *t = &d->task;
	snprintf(t->step, sizeof t->step, "%s", task_step_name(t->state));
	t->light = task_light(t->state, wg_now(ctx), t->deadline_at, t->warn_at, t->step_deadline_at,
			      t->step_warn_at);
	d->allowed = task_allowed_actions(ctx, &row);
	return WG_OK;
}

void wg_task_detail_free(struct wg_task_detail *d)
{
	for (int i = 0; i < d->nevents; i++)
		free(d->events[i].note);
	free(d->events);
	free(d->atts);
	d->events = NULL;
	d->atts = NULL;
	d->nevents = d->natts = 0;
}
