/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Synthetic cases and timelines for benchmarks ('wangge gen --tasks N'): bulk inserts, fictional. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/gen.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/task.h>
#include "core-int.h"
#include "task-priv.h"

#define BATCH 10000
#define SPAN (2L * 365 * 86400) /* cases are spread over the two years before now */
#define RECENT (30L * 86400)    /* younger cases are still being worked on */
/* Working hours stretched to calendar time: 35 working hours in a 168-hour week. */
#define STRETCH(h) ((time_t)((h) * 3600L * 24 / 5))

struct gen {
	struct wg_ctx *ctx;
	uint64_t rng;
	time_t now;
	int64_t *cats;
	int *hours, ncats;
	int64_t *cells, *workers;
	int ncells;
	int64_t task_id, event_id, last_task;
	long left; /* cases still to make */
	char prefix[24];
	char scope[40];
	int year;
	long seq;
	struct wg_gen_result *res;
};

static uint64_t rnd(struct gen *g)
{
	/* xorshift64*: reproducible from the seed, no libc state */
	g->rng ^= g->rng >> 12;
	g->rng ^= g->rng << 25;
	g->rng ^= g->rng >> 27;
	return g->rng * UINT64_C(2685821657736338717);
}

static int pick(struct gen *g, int n)
{
	return (int)(rnd(g) % (uint64_t)n);
}

static int exec(struct wg_ctx *ctx, const char *sql)
{
	return sqlite3_exec(ctx->db, sql, NULL, NULL, NULL) == SQLITE_OK ? WG_OK
		: wg_db_fail(ctx, _("making synthetic data"));
}

static int load_categories(struct gen *g)
{
	static const char sql[] = "SELECT id, time_limit_hours FROM categories WHERE level = 4"
				  " AND active = 1 AND time_limit_hours IS NOT NULL ORDER BY code";
	sqlite3_stmt *st = wg_stmt(g->ctx, sql);
	if (!st)
		return WG_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t *c = realloc(g->cats, (size_t)(g->ncats + 1) * sizeof *c);
		int *h = realloc(g->hours, (size_t)(g->ncats + 1) * sizeof *h);
		if (c)
			g->cats = c;
		if (h)
			g->hours = h;
		if (!c || !h)
			break;
		g->cats[g->ncats] = sqlite3_column_int64(st, 0);
		g->hours[g->ncats++] = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return g->ncats ? WG_OK : wg_fail(g->ctx, WG_EINVAL, _("there are no categories with time "
							       "limits; import the category table first"));
}

/* Each grid cell with one of its workers (or any worker). */
static int load_cells(struct gen *g)
{
	static const char sql[] =
		"SELECT c.id, coalesce((SELECT worker_id FROM cell_workers w WHERE w.cell_id = c.id"
		" LIMIT 1), (SELECT id FROM grid_workers LIMIT 1), 0) FROM cells c WHERE c.kind = 'grid'";
	sqlite3_stmt *st = wg_stmt(g->ctx, sql);
	if (!st)
		return WG_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t *c = realloc(g->cells, (size_t)(g->ncells + 1) * sizeof *c);
		int64_t *w = realloc(g->workers, (size_t)(g->ncells + 1) * sizeof *w);
		if (c)
			g->cells = c;
		if (w)
			g->workers = w;
		if (!c || !w)
			break;
		g->cells[g->ncells] = sqlite3_column_int64(st, 0);
		g->workers[g->ncells++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return g->ncells ? WG_OK : wg_fail(g->ctx, WG_EINVAL, _("there are no grid cells; give --cells N "
								"or import cells first"));
}

static int insert_row(struct wg_ctx *ctx, const char *sql, const char *types, const int64_t *nums,
		      const char *const *texts)
{
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	for (int i = 0, n = 0, t = 0; types[i]; i++) {
		if (types[i] == 'i')
			sqlite3_bind_int64(st, i + 1, nums[n++]);
		else if (types[i] == 't')
			sqlite3_bind_text(st, i + 1, texts[t++], -1, SQLITE_STATIC);
	}
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("making synthetic data"));
}

static int add_cells(struct gen *g, int n)
{
	static const char cell_sql[] =
		"INSERT INTO cells(id, code, name, kind, parent_id, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, 'grid', (SELECT id FROM cells WHERE kind = 'community' LIMIT 1),"
		" ?4, ?4)";
	static const char worker_sql[] =
		"INSERT INTO grid_workers(id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)";
	static const char link_sql[] =
		"INSERT INTO cell_workers(id, cell_id, worker_id, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?4)";
	for (int i = 0; i < n; i++) {
		char code[32], name[64], worker[64];
		int64_t cell, w, link;
		snprintf(code, sizeof code, "GEN%05d", i + 1);
		snprintf(name, sizeof name, "合成网格%d", i + 1);
		snprintf(worker, sizeof worker, "合成网格员%d", i + 1);
		const char *t1[] = { code, name }, *t2[] = { worker };
		if (wg_store_new_id(g->ctx, "cells", &cell) != WG_OK ||
		    insert_row(g->ctx, cell_sql, "itti", (int64_t[]){ cell, g->now }, t1) != WG_OK ||
		    wg_store_new_id(g->ctx, "grid_workers", &w) != WG_OK ||
		    insert_row(g->ctx, worker_sql, "iti", (int64_t[]){ w, g->now }, t2) != WG_OK ||
		    wg_store_new_id(g->ctx, "cell_workers", &link) != WG_OK ||
		    insert_row(g->ctx, link_sql, "iiii", (int64_t[]){ link, cell, w, g->now }, NULL) != WG_OK)
			return WG_EIO;
		g->res->cells++;
	}
	return WG_OK;
}

/* ---- One case ---- */

struct gcase {
	int64_t id, cell, worker, category;
	int hours, feedback;
	enum wg_task_state state;
	time_t created, closed;
	int nsteps;
	enum wg_task_action steps[8];
};

static const enum wg_task_action path_closed[] = { WG_ACT_FILE, WG_ACT_DISPATCH, WG_ACT_ACCEPT,
						   WG_ACT_HANDLE, WG_ACT_VERIFY, WG_ACT_CLOSE };

/* The state a case of this age is in, and the moves that brought it there. */
static void choose_path(struct gen *g, struct gcase *c)
{
	static const enum wg_task_state recent[] = {
		WG_TS_REPORTED, WG_TS_FILED, WG_TS_FILED, WG_TS_DISPATCHED, WG_TS_DISPATCHED, WG_TS_ACCEPTED,
		WG_TS_ACCEPTED, WG_TS_ACCEPTED, WG_TS_HANDLED, WG_TS_HANDLED, WG_TS_VERIFIED, WG_TS_CLOSED,
		WG_TS_CLOSED, WG_TS_CLOSED, WG_TS_SUSPENDED, WG_TS_ESCALATED,
	};
	int r = pick(g, 1000);
	if (g->now - c->created < RECENT)
		c->state = recent[pick(g, (int)(sizeof recent / sizeof recent[0]))];
	else /* old cases: mostly closed, a few parked for good */
		c->state = r < 680 ? WG_TS_CLOSED : r < 880 ? WG_TS_REJECTED : r < 980 ? WG_TS_MERGED
			 : r < 995 ? WG_TS_SUSPENDED : WG_TS_ESCALATED;
	if (c->state == WG_TS_MERGED && !g->last_task)
		c->state = WG_TS_REJECTED;
	c->nsteps = 0;
	if (c->state == WG_TS_REJECTED || c->state == WG_TS_MERGED) {
		c->steps[c->nsteps++] = c->state == WG_TS_REJECTED ? WG_ACT_REJECT : WG_ACT_MERGE;
		return;
	}
	int upto = c->state == WG_TS_REPORTED ? 0 : c->state == WG_TS_FILED ? 1
		 : c->state == WG_TS_DISPATCHED ? 2 : c->state == WG_TS_ACCEPTED ? 3
		 : c->state == WG_TS_HANDLED ? 4 : c->state == WG_TS_VERIFIED ? 5
		 : c->state == WG_TS_CLOSED ? 6 : 1;
	for (int i = 0; i < upto; i++)
		c->steps[c->nsteps++] = path_closed[i];
	if (c->state == WG_TS_SUSPENDED)
		c->steps[c->nsteps++] = WG_ACT_SUSPEND;
	if (c->state == WG_TS_ESCALATED)
		c->steps[c->nsteps++] = WG_ACT_ESCALATE;
	c->feedback = c->state == WG_TS_CLOSED && pick(g, 2) == 0;
	if (c->feedback)
		c->steps[c->nsteps++] = WG_ACT_FEEDBACK;
}

/* Moments of the steps: evenly within a working week after the report, never after now. */
static time_t step_at(const struct gcase *c, int k, time_t now)
{
	time_t span = now - c->created < STRETCH(35) ? now - c->created : STRETCH(35);
	return c->created + span * (k + 1) / (c->nsteps + 1);
}

/* Case numbers continue the counters; the counter row is written when the year turns and per batch. */
static int save_counter(struct gen *g)
{
	static const char sql[] =
		"INSERT INTO counters(name, scope, value) VALUES ('task_number', ?1, ?2)"
		" ON CONFLICT(name, scope) DO UPDATE SET value = excluded.value";
	const char *texts[] = { g->scope };
	return g->year ? insert_row(g->ctx, sql, "ti", (int64_t[]){ g->seq }, texts) : WG_OK;
}

static int number_of(struct gen *g, time_t t, char out[WG_TASK_NUMBER_SIZE])
{
	static const char sql[] = "SELECT value FROM counters WHERE name = 'task_number' AND scope = ?1";
	char year[8];
	wg_format_time(t, "%Y", year, sizeof year);
	if (atoi(year) != g->year) {
		if (save_counter(g) != WG_OK)
			return WG_EIO;
		snprintf(g->scope, sizeof g->scope, "%s-%s", g->prefix, year);
		sqlite3_stmt *st = wg_stmt(g->ctx, sql);
		if (!st)
			return WG_EIO;
		sqlite3_bind_text(st, 1, g->scope, -1, SQLITE_STATIC);
		g->seq = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		g->year = atoi(year);
	}
	snprintf(out, WG_TASK_NUMBER_SIZE, "%s-%06ld", g->scope, ++g->seq);
	return WG_OK;
}

/* The handler: the cell's grid worker, or now and then an outside department. */
static void handler_of(struct gen *g, const struct gcase *c, struct wg_handler *h)
{
	static const char *const depts[] = { "合成物业公司", "合成供电所", "合成城管队", "合成水务所" };
	memset(h, 0, sizeof *h);
	if (c->state == WG_TS_REPORTED || c->state == WG_TS_FILED || c->state == WG_TS_REJECTED ||
	    c->state == WG_TS_MERGED || c->nsteps < 2 || c->steps[1] != WG_ACT_DISPATCH)
		return;
	if (c->worker && pick(g, 10) < 7) {
		h->kind = WG_HK_WORKER;
		h->id = c->worker;
		snprintf(h->name, sizeof h->name, "%s", "合成网格员");
	} else {
		h->kind = WG_HK_DEPT;
		snprintf(h->name, sizeof h->name, "%s", depts[pick(g, 4)]);
	}
}

struct gdates {
	time_t deadline, warn, step, step_warn;
};

/* Approximate clocks for the case's state (see STRETCH); the step clock runs from the last step. */
static void dates_of(const struct gcase *c, time_t last_step, struct gdates *d)
{
	memset(d, 0, sizeof *d);
	if (c->state == WG_TS_REPORTED || c->state == WG_TS_REJECTED || c->state == WG_TS_MERGED)
		return;
	d->deadline = c->created + STRETCH(c->hours);
	d->warn = c->created + STRETCH(c->hours) * 8 / 10;
	int step_hours = c->state == WG_TS_FILED || c->state == WG_TS_DISPATCHED ? 4
		       : c->state == WG_TS_HANDLED ? 8 : 0;
	if (c->state == WG_TS_ACCEPTED) {
		d->step = d->deadline;
		d->step_warn = d->warn;
	} else if (step_hours) {
		d->step = last_step + STRETCH(step_hours);
		d->step_warn = last_step + STRETCH(step_hours) * 8 / 10;
	}
}

static int insert_case(struct gen *g, const struct gcase *c, const struct wg_handler *h,
		       const struct gdates *d)
{
	static const char sql[] =
		"INSERT INTO tasks(id, number, source, cell_id, category_id, title, priority, state,"
		" resume_state, handler_kind, handler_id, handler_name, deadline_at, warn_at,"
		" step_deadline_at, step_warn_at, review_date, merged_into, closed_at, rating,"
		" created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, 'patrol', ?3, ?4, ?5,"
		" 'normal', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?19, ?20)";
	char number[WG_TASK_NUMBER_SIZE], title[64];
	sqlite3_stmt *st;
	if (number_of(g, c->created, number) != WG_OK || !(st = wg_stmt(g->ctx, sql)))
		return WG_EIO;
	snprintf(title, sizeof title, "合成案件 %ld", g->res->tasks + 1);
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_text(st, 2, number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, c->cell);
	sqlite3_bind_int64(st, 4, c->category);
	sqlite3_bind_text(st, 5, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, wg_task_state_name(c->state), -1, SQLITE_STATIC);
	if (c->state == WG_TS_SUSPENDED) {
		sqlite3_bind_text(st, 7, "filed", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 15, "2030-01-01", -1, SQLITE_STATIC);
	}
	if (h->kind != WG_HK_NONE)
		sqlite3_bind_text(st, 8, wg_handler_kind_name(h->kind), -1, SQLITE_STATIC);
	if (h->id)
		sqlite3_bind_int64(st, 9, h->id);
	sqlite3_bind_text(st, 10, h->name, -1, SQLITE_STATIC);
	task_bind_time(st, 11, d->deadline);
	task_bind_time(st, 12, d->warn);
	task_bind_time(st, 13, d->step);
	task_bind_time(st, 14, d->step_warn);
	if (c->state == WG_TS_MERGED)
		sqlite3_bind_int64(st, 16, g->last_task);
	task_bind_time(st, 17, c->closed);
	if (c->feedback)
		sqlite3_bind_text(st, 18, pick(g, 10) ? "satisfied" : "basic", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 19, (int64_t)c->created);
	sqlite3_bind_int64(st, 20, g->ctx->user_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(g->ctx, _("making synthetic data"));
}

/* The state each step leads to, for the events' from/to columns. */
static enum wg_task_state after_step(enum wg_task_action a)
{
	static const enum wg_task_state to[WG_ACT_COUNT] = {
		[WG_ACT_FILE] = WG_TS_FILED, [WG_ACT_REJECT] = WG_TS_REJECTED,
		[WG_ACT_DISPATCH] = WG_TS_DISPATCHED, [WG_ACT_ACCEPT] = WG_TS_ACCEPTED,
		[WG_ACT_HANDLE] = WG_TS_HANDLED, [WG_ACT_VERIFY] = WG_TS_VERIFIED,
		[WG_ACT_CLOSE] = WG_TS_CLOSED, [WG_ACT_SUSPEND] = WG_TS_SUSPENDED,
		[WG_ACT_ESCALATE] = WG_TS_ESCALATED, [WG_ACT_FEEDBACK] = WG_TS_CLOSED,
		[WG_ACT_MERGE] = WG_TS_MERGED,
	};
	return to[a];
}

static int insert_events(struct gen *g, const struct gcase *c, const struct wg_handler *h)
{
	enum wg_task_state from = WG_TS_COUNT;
	struct task_event_new e = { .action = "report", .to = "reported" };
	int rc = WG_OK;
	for (int k = -1; k < c->nsteps && rc == WG_OK; k++) {
		if (k >= 0) {
			enum wg_task_state to = after_step(c->steps[k]);
			e = (struct task_event_new){ .action = wg_task_action_name(c->steps[k]),
						     .from = wg_task_state_name(from),
						     .to = wg_task_state_name(to), .handler = k >= 1 ? h : NULL };
			if (c->steps[k] == WG_ACT_FEEDBACK)
				e.rating = "satisfied";
			from = to;
		} else {
			from = WG_TS_REPORTED;
		}
		wg_clock_pin(g->ctx, k < 0 ? c->created : step_at(c, k, g->now));
		rc = task_event_write(g->ctx, g->event_id++, c->id, &e);
		g->res->events++;
	}
	wg_clock_pin(g->ctx, g->now);
	return rc;
}

static int one_case(struct gen *g)
{
	struct gcase c = { 0 };
	struct wg_handler h;
	struct gdates d;
	int cat = pick(g, g->ncats), cell = pick(g, g->ncells);
	c.id = g->task_id++;
	c.cell = g->cells[cell];
	c.worker = g->workers[cell];
	c.category = g->cats[cat];
	c.hours = g->hours[cat];
	/* Reports arrive in order over the span, so row keys follow time as in real use. */
	c.created = g->now - SPAN + (time_t)(SPAN * (g->res->tasks + 1) / (g->res->tasks + 1 + g->left));
	choose_path(g, &c);
	time_t last = c.nsteps ? step_at(&c, c.nsteps - 1, g->now) : c.created;
	if (c.state == WG_TS_CLOSED)
		c.closed = step_at(&c, 5, g->now);
	handler_of(g, &c, &h);
	dates_of(&c, last, &d);
	int rc = insert_case(g, &c, &h, &d);
	if (rc == WG_OK)
		rc = insert_events(g, &c, &h);
	g->last_task = c.id;
	g->res->tasks++;
	g->left--;
	return rc;
}

static int run(struct gen *g, const struct wg_gen_tasks *opt)
{
	int rc = WG_OK;
	if ((rc = wg_begin(g->ctx)) == WG_OK && (rc = add_cells(g, opt->cells)) == WG_OK)
		rc = wg_commit(g->ctx);
	if (rc == WG_OK && (rc = load_categories(g)) == WG_OK && (rc = load_cells(g)) == WG_OK &&
	    (rc = wg_store_new_id(g->ctx, "tasks", &g->task_id)) == WG_OK)
		rc = wg_store_new_id(g->ctx, "task_events", &g->event_id);
	while (rc == WG_OK && g->left > 0) {
		if ((rc = wg_begin(g->ctx)) != WG_OK)
			break;
		for (int i = 0; i < BATCH && g->left > 0 && rc == WG_OK; i++)
			rc = one_case(g);
		if (rc == WG_OK && (rc = save_counter(g)) == WG_OK)
			rc = wg_commit(g->ctx);
	}
	if (rc != WG_OK)
		wg_rollback(g->ctx);
	return rc;
}

int wg_gen_tasks(struct wg_ctx *ctx, const struct wg_gen_tasks *opt, struct wg_gen_result *res)
{
	struct gen g = { .ctx = ctx, .rng = opt->seed * 2654435761u + 88172645463325252u, .res = res,
			 .left = opt->tasks };
	int pinned = wg_clock_pinned(ctx);
	int rc = wg_require_role(ctx, WG_ROLE_ADMIN, _("Making synthetic data"));
	memset(res, 0, sizeof *res);
	if (rc != WG_OK)
		return rc;
	g.now = wg_now(ctx);
	snprintf(g.prefix, sizeof g.prefix, "%s", wg_task_policy_of(ctx)->prefix);
	if (!g.prefix[0])
		snprintf(g.prefix, sizeof g.prefix, "S%d", ctx->site_no);
	/* A big page cache while filling, so the random index inserts stay in memory. */
	if ((rc = exec(ctx, "PRAGMA cache_size = -262144")) == WG_OK)
		rc = run(&g, opt);
	exec(ctx, "PRAGMA cache_size = -2000");
	if (!pinned)
		wg_clock_unpin(ctx);
	free(g.cats);
	free(g.hours);
	free(g.cells);
	free(g.workers);
	return rc;
}
