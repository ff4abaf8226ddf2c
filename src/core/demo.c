/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The fictional demo community that 'wangge init --demo' builds for a first look. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/task.h>
#include <wangge/user.h>
#include <wangge/validate.h>
#include "core-int.h"
#include "resident-priv.h"

/*
 * Inserts one row.  cols lists the columns; types has one letter per column:
 * t text, i integer, n null.  Table and column names are constants of this
 * file, never user input; values are bound.
 */
static int64_t ins(struct wg_ctx *ctx, const char *table, const char *cols, const char *types, ...)
{
	char sql[1024];
	int64_t id = 0;
	int n = snprintf(sql, sizeof sql, "INSERT INTO %s(id, %s, created_at, created_by, updated_at,"
			 " updated_by) VALUES (?", table, cols);
	for (size_t i = 0; types[i]; i++)
		n += snprintf(sql + n, sizeof sql - (size_t)n, ", ?");
	snprintf(sql + n, sizeof sql - (size_t)n, ", ?, ?, ?, ?)");
	sqlite3_stmt *st = NULL;
	if (wg_store_new_id(ctx, table, &id) != WG_OK ||
	    sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	va_list ap;
	va_start(ap, types);
	int k = 1;
	sqlite3_bind_int64(st, k++, id);
	for (size_t i = 0; types[i]; i++, k++) {
		if (types[i] == 't')
			sqlite3_bind_text(st, k, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
		else if (types[i] == 'i')
			sqlite3_bind_int64(st, k, va_arg(ap, int64_t));
		else
			sqlite3_bind_null(st, k);
	}
	va_end(ap);
	int64_t now = (int64_t)wg_now(ctx);
	sqlite3_bind_int64(st, k++, now);
	sqlite3_bind_int64(st, k++, ctx->user_id);
	sqlite3_bind_int64(st, k++, now);
	sqlite3_bind_int64(st, k, ctx->user_id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		wg_db_fail(ctx, table);
		return 0;
	}
	return id;
}

struct demo_cells {
	int64_t grid[3];
	int64_t bld[3][2];
};

static int demo_cells(struct wg_ctx *ctx, struct demo_cells *dc)
{
	static const char *const grids[] = { "示范网格一", "示范网格二", "示范网格三" };
	static const char *const bounds[] = { "东至虚构路，西至演示河，南至样板街，北至第一巷",
					      "东至样板街，西至虚构路，南至第二巷，北至演示河",
					      "东至演示公园，西至样板街，南至第三巷，北至第二巷" };
	int64_t street = ins(ctx, "cells", "code, name, kind", "ttt", "110105900", "演示街道", "street");
	int64_t comm = ins(ctx, "cells", "code, name, kind, parent_id", "ttti", "110105900001",
			   WG_DEMO_COMMUNITY, "community", street);
	if (!street || !comm)
		return WG_EIO;
	for (int g = 0; g < 3; g++) {
		char code[16], name[32];
		snprintf(code, sizeof code, "110105900001%03d", g + 1);
		dc->grid[g] = ins(ctx, "cells", "code, name, kind, parent_id, boundary, area", "tttiti",
				  code, grids[g], "grid", comm, bounds[g], (int64_t)(12 + g * 3));
		for (int b = 0; b < 2; b++) {
			snprintf(name, sizeof name, "%d号楼", g * 2 + b + 1);
			dc->bld[g][b] = ins(ctx, "buildings", "cell_id, name, floors, units", "itii",
					    dc->grid[g], name, (int64_t)6, (int64_t)3);
			if (!dc->bld[g][b])
				return WG_EIO;
		}
	}
	return WG_OK;
}

static int demo_workers(struct wg_ctx *ctx, const struct demo_cells *dc)
{
	static const char *const names[] = { "网格员甲", "网格员乙", "网格员丙" };
	for (int g = 0; g < 3; g++) {
		char phone[16];
		snprintf(phone, sizeof phone, "1380000010%d", g);
		int64_t w = ins(ctx, "grid_workers", "name, phone", "tt", names[g], phone);
		if (!w || !ins(ctx, "cell_workers", "cell_id, worker_id, employment", "iit", dc->grid[g], w,
			       g == 2 ? "part" : "full"))
			return WG_EIO;
	}
	return WG_OK;
}

/* Demo ID numbers: region 110105, real dates, correct check characters. */
static void demo_id(char out[19], const char *birth8, int seq)
{
	char body[18];
	snprintf(body, sizeof body, "110105%s%03d", birth8, seq);
	snprintf(out, 19, "%s%c", body, wg_id_check_char(body));
}

/* Residents go through the same insert as every other writer, so the search finds them. */
static int demo_residents(struct wg_ctx *ctx, const struct demo_cells *dc)
{
	static const struct {
		const char *name, *birth;
		int tag; /* builtin tag id (migration 2), 0 for none */
		int seq, g, b;
	} people[] = {
		{ "演示甲", "19400312", WG_TAG_ALONE, 21, 0, 0 }, { "演示乙", "19781105", 0, 32, 0, 0 },
		{ "演示丙", "19850620", WG_TAG_FLOATING, 44, 0, 1 },
		{ "演示丁", "19521130", WG_TAG_DISABLED, 11, 1, 0 },
		{ "演示戊", "19690218", WG_TAG_LOW_INCOME, 62, 1, 1 },
		{ "演示己", "19580909", WG_TAG_VETERAN, 13, 2, 0 }, { "演示庚", "19930415", 0, 24, 2, 1 },
		{ "演示辛", "19370701", WG_TAG_ALONE, 15, 2, 1 },
	};
	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
		struct wg_resident r;
		int64_t id, dup;
		int rc;
		wg_resident_init(&r);
		snprintf(r.name, sizeof r.name, "%s", people[i].name);
		demo_id(r.id_number, people[i].birth, people[i].seq);
		snprintf(r.birth_date, sizeof r.birth_date, "%.4s-%.2s-%.2s", people[i].birth,
			 people[i].birth + 4, people[i].birth + 6);
		r.gender = (r.id_number[16] - '0') % 2 ? 'M' : 'F';
		snprintf(r.phone, sizeof r.phone, "139000020%02zu", i);
		r.cell_id = dc->grid[people[i].g];
		r.building_id = dc->bld[people[i].g][people[i].b];
		snprintf(r.unit, sizeof r.unit, "1");
		snprintf(r.room, sizeof r.room, "%zu01", i % 6 + 1);
		if (people[i].tag)
			r.tags[r.ntags++].id = people[i].tag;
		int64_t household;
		/* each demo resident heads a household of their own room */
		if ((rc = wg_store_new_id(ctx, "residents", &id)) != WG_OK ||
		    (rc = wg_resident_insert(ctx, &r, id, &dup)) != WG_OK ||
		    (rc = wg_household_add(ctx, r.cell_id, r.building_id, r.unit, r.room, &household)) != WG_OK ||
		    (rc = wg_household_join(ctx, household, id, "户主")) != WG_OK)
			return rc;
	}
	return WG_OK;
}

static int demo_forces(struct wg_ctx *ctx, const struct demo_cells *dc)
{
	int64_t org = ins(ctx, "social_orgs", "name, kind, contact", "ttt", "演示社工事务所",
			  "社工机构", "演示联系人");
	int64_t sw = ins(ctx, "social_workers", "name, org_id, certificate", "tit", "社工演示", org,
			 "助理社会工作师");
	int64_t team = ins(ctx, "teams", "name, leader_id, cell_id", "tii", "演示志愿服务队", sw, dc->grid[0]);
	int64_t skill = ins(ctx, "skills", "name", "t", "助老服务");
	ins(ctx, "service_projects", "name, org_id, funder, budget_cents, start_date, end_date",
	    "tititt", "演示助老服务项目", org, "演示街道", (int64_t)5000000, "2026-01-01", "2026-12-31");
	if (!org || !sw || !team || !skill)
		return WG_EIO;
	static const char *const vols[] = { "志愿者甲", "志愿者乙", "志愿者丙", "志愿者丁" };
	for (int v = 0; v < 4; v++) {
		char no[16], phone[16];
		snprintf(no, sizeof no, "V%04d", v + 1);
		snprintf(phone, sizeof phone, "137000030%02d", v);
		int64_t vid = ins(ctx, "volunteers", "vol_no, name, phone, cell_id", "ttti", no, vols[v],
				  phone, dc->grid[v % 3]);
		if (!vid || !ins(ctx, "team_members", "team_id, volunteer_id", "ii", team, vid) ||
		    !ins(ctx, "volunteer_skills", "volunteer_id, skill_id", "ii", vid, skill) ||
		    !ins(ctx, "availability", "volunteer_id, weekday, start_min, end_min", "iiii", vid,
			 (int64_t)(v % 5 + 1), (int64_t)(9 * 60), (int64_t)(17 * 60)))
			return WG_EIO;
	}
	return WG_OK;
}

/* The demo accounts 'grid' and 'social' are the first grid worker and the social worker,
 * so their "my cases" queues have something in them. */
static int demo_link_handlers(struct wg_ctx *ctx)
{
	static const char sql[] =
		"UPDATE grid_workers SET user_id = (SELECT id FROM users WHERE name = 'grid')"
		" WHERE name = '网格员甲';"
		"UPDATE social_workers SET user_id = (SELECT id FROM users WHERE name = 'social')"
		" WHERE name = '社工演示';";
	if (sqlite3_exec(ctx->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("linking the demo accounts"));
	return WG_OK;
}

/* One demo case, reported through the task API and moved along the given steps. */
struct demo_case {
	int grid;
	const char *category, *title, *reporter;
	enum wg_task_source source;
	const char *handler; /* KIND:NAME for the dispatch */
	const char *const *steps;
};

static int demo_case(struct wg_ctx *ctx, const struct demo_cells *dc, const struct demo_case *c)
{
	struct wg_task_new in = { .cell_id = dc->grid[c->grid], .category_code = c->category,
				  .title = c->title, .reporter_text = c->reporter, .source = c->source };
	char number[WG_TASK_NUMBER_SIZE];
	int64_t id;
	int rc = wg_task_add(ctx, &in, WG_TASK_ALLOW_DUPLICATE, &id, number, NULL);
	for (const char *const *step = c->steps; rc == WG_OK && step && *step; step++) {
		struct wg_move m = { .to_spec = c->handler, .note = "", .rating = "satisfied" };
		wg_task_action_parse(*step, &m.action);
		if (m.action == WG_ACT_HANDLE)
			m.note = "已上门处理完毕";
		else if (m.action == WG_ACT_FEEDBACK)
			m.note = "回访：居民表示满意";
		rc = wg_task_move(ctx, id, &m);
	}
	return rc;
}

static int demo_tasks(struct wg_ctx *ctx, const struct demo_cells *dc)
{
	static const char *const dispatched[] = { "file", "dispatch", NULL };
	static const char *const handled[] = { "file", "dispatch", "accept", "handle", NULL };
	static const char *const closed[] = { "file", "dispatch", "accept", "handle", "verify",
					      "close", "feedback", NULL };
	static const struct demo_case cases[] = {
		{ 0, "02180101", "楼道堆放杂物影响通行", "演示丙", WG_SRC_VISIT, NULL, NULL },
		{ 0, "04010303", "电动车停放楼道", "", WG_SRC_PATROL, "worker:网格员甲", dispatched },
		{ 2, "07060204", "独居老人需要夜间陪护", "演示辛", WG_SRC_PHONE, "team:演示志愿服务队",
		  handled },
		{ 1, "02090101", "路灯不亮", "", WG_SRC_HOTLINE, "dept:演示供电所", closed },
	};
	int rc = demo_link_handlers(ctx);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0] && rc == WG_OK; i++)
		rc = demo_case(ctx, dc, &cases[i]);
	return rc;
}

static int demo_users(struct wg_ctx *ctx, const char *password)
{
	static const struct {
		const char *name;
		enum wg_role role;
	} users[] = { { "clerk", WG_ROLE_CLERK }, { "grid", WG_ROLE_GRIDWORKER },
		      { "social", WG_ROLE_SOCIALWORKER }, { "viewer", WG_ROLE_VIEWER } };
	int64_t id;
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
		int rc = wg_user_add(ctx, users[i].name, "", users[i].role, password, &id);
		if (rc != WG_OK)
			return rc;
	}
	return WG_OK;
}

int wg_demo_build(struct wg_ctx *ctx, const char *password)
{
	struct demo_cells dc;
	int rc;
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = demo_cells(ctx, &dc)) == WG_OK && (rc = demo_workers(ctx, &dc)) == WG_OK &&
	    (rc = demo_residents(ctx, &dc)) == WG_OK && (rc = demo_forces(ctx, &dc)) == WG_OK &&
	    (rc = demo_users(ctx, password)) == WG_OK && (rc = demo_tasks(ctx, &dc)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}
