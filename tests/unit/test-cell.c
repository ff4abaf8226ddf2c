/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for grid cells (import, export, tree counts, detail, buildings) and patrol logs. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/cell.h>
#include <wangge/patrol.h>
#include <wangge/user.h>
#include <wangge/resident.h>
#include "core/core-int.h"

#include "resident-fixture.h"

static struct wg_ctx *ctx;

static void setup(void)
{
	ctx = rf_open(WG_ROLE_CLERK, 0);
}

static void teardown(void)
{
	rf_close(ctx);
}

TestSuite(cell, .init = setup, .fini = teardown);

/* Children before their parents, Chinese kinds, workers with employment. */
static const char cells_csv[] =
	"编码,名称,上级编码,类型,网格员,面积,四至\n"
	"110105001001001,甲网格,110105001001,网格,王网格;李网格(兼职),0.35,东至甲路，西至乙路\n"
	"110105001001002,乙网格,110105001001,grid,王网格,,\n"
	"110105001001,西社区,110105001,社区,,,\n"
	"110105001,测试街道,,街道,,,\n";

static int import(const char *name, const char *text, struct wg_problems *p,
		  struct wg_cell_import_result *res)
{
	wg_problems_init(p);
	return wg_cell_import_mem(ctx, name, text, strlen(text), WG_ENC_AUTO, p, res);
}

static char *export(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cr_assert_eq(wg_cell_export(ctx, f), WG_OK, "%s", wg_error(ctx));
	fclose(f);
	return buf;
}

Test(cell, kinds_in_both_languages)
{
	cr_assert_eq(wg_cell_kind_parse("Street"), WG_CELL_STREET);
	cr_assert_eq(wg_cell_kind_parse("社区"), WG_CELL_COMMUNITY);
	cr_assert_eq(wg_cell_kind_parse("网格"), WG_CELL_GRID);
	cr_assert_eq(wg_cell_kind_parse("district"), WG_CELL_NONE);
	cr_assert_str_eq(wg_cell_kind_name(WG_CELL_GRID), "grid");
	cr_assert_null(wg_cell_parent_problem(WG_CELL_GRID, WG_CELL_COMMUNITY));
	cr_assert_null(wg_cell_parent_problem(WG_CELL_GRID, WG_CELL_NONE), "a grid may stand at the top");
	cr_assert_not_null(wg_cell_parent_problem(WG_CELL_GRID, WG_CELL_STREET));
	cr_assert_not_null(wg_cell_parent_problem(WG_CELL_STREET, WG_CELL_STREET));
}

Test(cell, import_with_parents_after_children)
{
	struct wg_problems p;
	struct wg_cell_import_result res;
	cr_assert_eq(import("cells.csv", cells_csv, &p, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_problems_count(&p), 0, "%s", wg_problems_get(&p, 0));
	cr_assert_eq(res.added, 4);
	cr_assert_eq(res.workers_added, 2);
	cr_assert_eq(res.assignments, 3);
	struct wg_cell c;
	cr_assert_eq(wg_cell_get(ctx, rf_cell(ctx, "110105001001001"), &c), WG_OK);
	cr_assert_str_eq(c.parent_code, "110105001001");
	cr_assert(c.has_area);
	cr_assert_float_eq(c.area, 0.35, 1e-9);
	cr_assert_str_eq(c.boundary, "东至甲路，西至乙路");
	wg_problems_free(&p);
	/* The same file again changes nothing; a changed name is an update. */
	cr_assert_eq(import("cells.csv", cells_csv, &p, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(res.added + res.updated, 0);
	cr_assert_eq(res.unchanged, 4);
	cr_assert_eq(res.assignments, 0);
	wg_problems_free(&p);
}

Test(cell, export_round_trip)
{
	struct wg_problems p;
	struct wg_cell_import_result res;
	cr_assert_eq(import("cells.csv", cells_csv, &p, &res), WG_OK, "%s", wg_error(ctx));
	wg_problems_free(&p);
	char *first = export();
	cr_assert_eq(strncmp(first, "code,name,parent_code,kind,grid_worker,area,boundary,notes\n"
				    "110105001,测试街道,,street,", 80), 0, "%s", first);
	cr_assert(strstr(first, "110105001001001,甲网格,110105001001,grid,李网格(part);王网格,0.35,"),
		  "%s", first);
	rf_close(ctx);
	ctx = rf_open(WG_ROLE_CLERK, 0);
	cr_assert_eq(import("again.csv", first, &p, &res), WG_OK, "%s", wg_error(ctx));
	char *second = export();
	cr_assert_str_eq(second, first);
	free(first);
	free(second);
	wg_problems_free(&p);
}

Test(cell, import_problems_are_all_listed)
{
	static const char bad[] =
		"code,name,parent_code,kind\n"
		"S1,街道一,,street\n"
		"C1,社区一,S1,community\n"
		"G1,网格一,S1,grid\n"           /* a grid under a street */
		"G2,网格二,C9,grid\n"           /* unknown parent */
		"C1,社区重复,S1,community\n"    /* code used twice */
		"G/3,网格三,C1,grid\n"          /* a slash in the code */
		"G4,,C1,区\n";                  /* no name, unknown kind */
	struct wg_problems p;
	struct wg_cell_import_result res;
	cr_assert_eq(import("bad.csv", bad, &p, &res), WG_EINVAL);
	const char *want[] = {
		"bad.csv:6: code: code C1 is also on line 3",
		"bad.csv:7: code: may hold only letters, digits, '-', '_' and '.'",
		"bad.csv:8: name: is blank; fill it in",
		"bad.csv:8: kind: '区' is not a kind: use street, community or grid (街道, 社区, 网格)",
		"bad.csv:4: parent_code: S1 is a street: the parent of a grid cell must be a community",
		"bad.csv:5: parent_code: parent C9 is neither in the file nor in the database; add it or "
		"fix the code",
	};
	cr_assert_eq(wg_problems_count(&p), 6, "%zu: %s", wg_problems_count(&p), wg_problems_get(&p, 0));
	for (size_t i = 0; i < 6; i++)
		cr_assert_str_eq(wg_problems_get(&p, i), want[i]);
	int64_t id;
	cr_assert_eq(wg_cell_find(ctx, "S1", &id), WG_EINVAL, "nothing was written");
	wg_problems_free(&p);
}

Test(cell, kind_change_must_fit_the_cells_below)
{
	struct wg_problems p;
	struct wg_cell_import_result res;
	cr_assert_eq(import("cells.csv", cells_csv, &p, &res), WG_OK, "%s", wg_error(ctx));
	wg_problems_free(&p);
	cr_assert_eq(import("k.csv", "code,name,kind\n110105001001,西社区,grid\n", &p, &res), WG_EINVAL);
	cr_assert_eq(wg_problems_count(&p), 2, "%s", wg_problems_get(&p, 0));
	cr_assert(strstr(wg_problems_get(&p, 0), "k.csv:2: kind: cell 110105001001001 under "
				  "110105001001 in the database is a grid cell"),
		  "%s", wg_problems_get(&p, 0));
	wg_problems_free(&p);
}

Test(cell, viewers_cannot_import)
{
	struct wg_problems p;
	struct wg_cell_import_result res;
	wg_set_user(ctx, 1, "tester", WG_ROLE_GRIDWORKER);
	cr_assert_eq(import("cells.csv", cells_csv, &p, &res), WG_EPERM);
	wg_problems_free(&p);
}

static void add_task(const char *cell, const char *state)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO tasks(id, number, cell_id, title, state) VALUES"
		 " ((SELECT coalesce(max(id), 0) + 1 FROM tasks), 'T' || (SELECT count(*) FROM tasks),"
		 " %lld, 'x', '%s')", (long long)rf_cell(ctx, cell), state);
	cr_assert_eq(sqlite3_exec(wg_db(ctx), sql, NULL, NULL, NULL), SQLITE_OK);
}

Test(cell, tree_counts_roll_up)
{
	struct wg_celltree t;
	int64_t wid;
	rf_cells(ctx);
	rf_add(ctx, "甲一", NULL, NULL, RF_G1, "1号楼", "101", "独居老人;低保");
	rf_add(ctx, "甲二", NULL, NULL, RF_G1, "2号楼", "201", "退役军人");
	rf_add(ctx, "乙一", NULL, NULL, RF_G2, "1号楼", "101", "残疾人");
	rf_add(ctx, "丙一", NULL, NULL, RF_G3, NULL, NULL, NULL);
	add_task(RF_G1, "dispatched");
	add_task(RF_G1, "closed");
	add_task(RF_G3, "reported");
	cr_assert_eq(wg_gridworker_add(ctx, "王网格", "13800001111", 0, &wid), WG_OK);
	cr_assert_eq(wg_cell_assign_worker(ctx, rf_cell(ctx, RF_G1), wid, WG_EMPLOY_PART), WG_OK);
	cr_assert_eq(wg_celltree_load(ctx, &t), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(t.n, 6);
	cr_assert_eq(t.nroots, 1);
	const struct wg_cellnode *s = &t.nodes[t.roots[0]];
	cr_assert_str_eq(s->code, RF_STREET);
	cr_assert_eq(s->nchildren, 2);
	cr_assert_eq(s->counts.residents, 4);
	cr_assert_eq(s->counts.key_care, 2);
	cr_assert_eq(s->counts.open_tasks, 2);
	cr_assert_eq(s->counts.buildings, 3);
	const struct wg_cellnode *g1 = &t.nodes[wg_celltree_find_code(&t, RF_G1)];
	cr_assert_eq(g1->depth, 2);
	cr_assert_eq(g1->counts.residents, 2);
	cr_assert_eq(g1->counts.key_care, 1, "one resident with two key-care tags counts once");
	cr_assert_eq(g1->counts.open_tasks, 1);
	cr_assert_eq(g1->counts.workers, 1);
	const struct wg_cellnode *c1 = &t.nodes[g1->parent];
	cr_assert_str_eq(c1->code, RF_C1);
	cr_assert_eq(c1->counts.residents, 3);
	cr_assert_eq(t.nodes[c1->first_child].id, g1->id, "children in code order");
	wg_celltree_free(&t);
}

static int collect_room(void *arg, const struct wg_room *r)
{
	char *out = arg;
	snprintf(out + strlen(out), 256 - strlen(out), "%s/%s:%d ", r->unit, r->room, r->residents);
	return WG_OK;
}

Test(cell, detail_buildings_and_rooms)
{
	struct wg_cell_detail d;
	int64_t wid;
	char rooms[256] = "";
	rf_cells(ctx);
	rf_add(ctx, "甲一", NULL, NULL, RF_G1, "10号楼", "1201", "独居老人");
	rf_add(ctx, "甲二", NULL, NULL, RF_G1, "2号楼", "201", NULL);
	rf_add(ctx, "甲三", NULL, NULL, RF_G1, "2号楼", "201", NULL);
	rf_add(ctx, "甲四", NULL, NULL, RF_G1, "2号楼", "1101", NULL);
	cr_assert_eq(wg_gridworker_add(ctx, "王网格", "13800001111", 0, &wid), WG_OK);
	cr_assert_eq(wg_cell_assign_worker(ctx, rf_cell(ctx, RF_G1), wid, WG_EMPLOY_FULL), WG_OK);
	struct wg_celltree t;
	cr_assert_eq(wg_celltree_load(ctx, &t), WG_OK, "%s", wg_error(ctx));
	int g1 = wg_celltree_find(&t, rf_cell(ctx, RF_G1));
	int street = wg_celltree_find(&t, rf_cell(ctx, RF_STREET));
	cr_assert(g1 >= 0 && street >= 0);
	cr_assert_eq(wg_cell_detail_load(ctx, &t, g1, &d), WG_OK, "%s", wg_error(ctx));
	cr_assert_str_eq(d.path, "测试街道 › 西社区 › 甲网格");
	cr_assert_eq(d.counts.residents, 4);
	cr_assert_eq(d.counts.key_care, 1);
	cr_assert_eq(d.nworkers, 1);
	cr_assert_str_eq(d.workers[0].phone, "138****1111");
	cr_assert_eq(d.nbuildings, 2);
	cr_assert_str_eq(d.buildings[0].name, "2号楼", "2号楼 before 10号楼");
	cr_assert_eq(d.buildings[0].residents, 3);
	cr_assert_eq(wg_building_rooms(ctx, d.buildings[0].id, collect_room, rooms), WG_OK);
	cr_assert_str_eq(rooms, "/201:2 /1101:1 ");
	wg_cell_detail_free(&d);
	cr_assert_eq(wg_cell_detail_load(ctx, &t, street, &d), WG_OK);
	cr_assert_str_eq(d.path, "测试街道");
	cr_assert_eq(d.counts.residents, 4, "the street's counts hold everything under it");
	cr_assert_eq(d.counts.key_care, 1);
	cr_assert_eq(d.counts.workers, 1);
	cr_assert_eq(d.counts.buildings, 2);
	cr_assert_eq(d.nbuildings, 0, "but its own buildings only");
	wg_cell_detail_free(&d);
	wg_celltree_free(&t);
}

Test(cell, save_checks_parent_kind_and_code)
{
	struct wg_cell c = { .kind = WG_CELL_GRID };
	rf_cells(ctx);
	snprintf(c.code, sizeof c.code, "G9");
	snprintf(c.name, sizeof c.name, "新网格");
	snprintf(c.parent_code, sizeof c.parent_code, "%s", RF_STREET);
	cr_assert_eq(wg_cell_save(ctx, &c), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "community"), "%s", wg_error(ctx));
	snprintf(c.parent_code, sizeof c.parent_code, "%s", RF_C2);
	cr_assert_eq(wg_cell_save(ctx, &c), WG_OK, "%s", wg_error(ctx));
	struct wg_cell dup = c;
	dup.id = 0;
	cr_assert_eq(wg_cell_save(ctx, &dup), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "already used"), "%s", wg_error(ctx));
}

/* ---- Patrols ---- */

static int64_t add_patrol(const char *date, const char *cell, const char *findings)
{
	struct wg_patrol p = { .cell_id = 0 };
	snprintf(p.date, sizeof p.date, "%s", date);
	snprintf(p.cell_code, sizeof p.cell_code, "%s", cell);
	snprintf(p.route, sizeof p.route, "北门—南门");
	snprintf(p.findings, sizeof p.findings, "%s", findings);
	cr_assert_eq(wg_patrol_save(ctx, &p), WG_OK, "%s", wg_error(ctx));
	return p.id;
}

Test(cell, patrols_are_checked_and_listed_newest_first)
{
	struct wg_patrol p = { .cell_id = 0 };
	rf_cells(ctx);
	wg_set_user(ctx, 1, "tester", WG_ROLE_GRIDWORKER);
	snprintf(p.cell_code, sizeof p.cell_code, "%s", RF_G1);
	snprintf(p.date, sizeof p.date, "2026-11-26");
	snprintf(p.route, sizeof p.route, "x");
	cr_assert_eq(wg_patrol_save(ctx, &p), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "future"), "%s", wg_error(ctx));
	p.date[0] = '\0';
	p.route[0] = '\0';
	cr_assert_eq(wg_patrol_save(ctx, &p), WG_EINVAL, "a round with no route and no findings");
	add_patrol("2026-11-20", RF_G1, "楼道堆物");
	add_patrol("", RF_G3, "路灯不亮\n第二行");
	add_patrol("2026-11-20", RF_G2, "");
	add_patrol("2026-11-01", RF_G1, "井盖松动");
	struct wg_patrol_query q = { 0 };
	char *all = rf_names(ctx, wg_patrol_source(&q), 2);
	cr_assert_str_eq(all, "2026-11-25,2026-11-20,2026-11-20,2026-11-01");
	free(all);
	q.cell_id = rf_cell(ctx, RF_C1);
	struct wg_rows rows;
	wg_rows_init(&rows);
	struct wg_list_source src = wg_patrol_source(&q);
	cr_assert_eq(src.fetch(ctx, src.arg, WG_PAGE_FIRST, NULL, 10, &rows), WG_OK);
	cr_assert_eq(rows.n, 3);
	cr_assert_str_eq(rows.rows[0].cols[WG_PCOL_CELL], "乙网格", "same date: newer entry first");
	cr_assert_str_eq(rows.rows[1].cols[WG_PCOL_FINDINGS], "楼道堆物");
	cr_assert_str_eq(rows.rows[0].cols[WG_PCOL_FINDINGS], "北门—南门", "no findings: the route");
	cr_assert_eq(src.fetch(ctx, src.arg, WG_PAGE_LAST, NULL, 2, &rows), WG_OK);
	cr_assert_eq(rows.n, 2);
	cr_assert_str_eq(rows.rows[1].cols[WG_PCOL_DATE], "2026-11-01");
	wg_rows_free(&rows);
	wg_set_user(ctx, 1, "tester", WG_ROLE_VIEWER);
	cr_assert_eq(wg_patrol_save(ctx, &p), WG_EPERM);
}

static int make_task(struct wg_ctx *c, const struct wg_task_prefill *pre, void *arg, int64_t *id)
{
	char sql[512];
	(void)arg;
	*id = 77;
	snprintf(sql, sizeof sql, "INSERT INTO tasks(id, number, cell_id, title, source) VALUES"
		 " (77, 'T-77', %lld, '%s', '%s')", (long long)pre->cell_id, pre->title, pre->source);
	return sqlite3_exec(wg_db(c), sql, NULL, NULL, NULL) == SQLITE_OK ? WG_OK : WG_EIO;
}

Test(cell, a_finding_becomes_a_task)
{
	struct wg_task_prefill pre;
	struct wg_patrol p;
	int64_t task;
	rf_cells(ctx);
	wg_set_user(ctx, 1, "tester", WG_ROLE_GRIDWORKER);
	int64_t empty = add_patrol("2026-11-20", RF_G2, "");
	int64_t pid = add_patrol("2026-11-20", RF_G1, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
						       "一二三四五六七八九十一二三四五\n细节");
	cr_assert_eq(wg_patrol_task_prefill(ctx, empty, &pre), WG_EINVAL);
	cr_assert_eq(wg_patrol_task_prefill(ctx, pid, &pre), WG_OK, "%s", wg_error(ctx));
	cr_assert_str_eq(pre.cell_code, RF_G1);
	cr_assert_str_eq(pre.source, "patrol");
	cr_assert_str_eq(pre.title, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
				    "一二三四五六七八九十", "the first line, cut to 40 characters");
	cr_assert(strstr(pre.description, "细节") && strstr(pre.description, "2026-11-20"));
	cr_assert_eq(wg_patrol_link_task(ctx, pid, 999), WG_EINVAL, "no such task");
	cr_assert_eq(wg_patrol_create_task(ctx, pid, make_task, NULL, &task), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(task, 77);
	cr_assert_eq(wg_patrol_load(ctx, pid, &p), WG_OK);
	cr_assert_eq(p.task_id, 77);
	cr_assert_eq(wg_patrol_task_prefill(ctx, pid, &pre), WG_EINVAL, "already has a task");
	cr_assert_eq(wg_patrol_link_task(ctx, pid, 77), WG_EINVAL);
}

Test(cell, codes_a_spreadsheet_turned_into_numbers)
{
	const char *why = wg_cell_code_problem("1.10105E+14");
	cr_assert_not_null(why);
	cr_expect(strstr(why, "spreadsheet") != NULL, "%s", why);
	cr_expect_null(wg_cell_code_problem("110105001001001"));
}

/* Issue 14: a clerk typing in a paper round names the grid worker who walked it; a grid
 * worker's own round is theirs without naming anyone. */
Test(cell, a_patrol_records_the_grid_worker_who_walked_it)
{
	int64_t wang, li, mine, uid;
	rf_cells(ctx);
	wg_set_user(ctx, 1, "tester", WG_ROLE_ADMIN);
	cr_assert_eq(wg_user_add(ctx, "li", "李网格", WG_ROLE_GRIDWORKER, "secret123", &uid), WG_OK, "%s",
		     wg_error(ctx));
	cr_assert_eq(wg_gridworker_add(ctx, "王网格", "", 0, &wang), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_gridworker_add(ctx, "李网格", "", uid, &li), WG_OK, "%s", wg_error(ctx));
	wg_set_user(ctx, uid, "li", WG_ROLE_GRIDWORKER);
	struct wg_patrol p = { .cell_id = 0 }, back;
	snprintf(p.cell_code, sizeof p.cell_code, "%s", RF_G1);
	snprintf(p.route, sizeof p.route, "北门—南门");
	snprintf(p.worker_name, sizeof p.worker_name, "王网格");
	cr_assert_eq(wg_patrol_save(ctx, &p), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_patrol_load(ctx, p.id, &back), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(back.worker_id, wang, "the worker named in the form walked it");
	cr_expect_str_eq(back.worker_name, "王网格");
	struct wg_patrol bad = { .cell_id = 0 };
	snprintf(bad.cell_code, sizeof bad.cell_code, "%s", RF_G1);
	snprintf(bad.route, sizeof bad.route, "x");
	snprintf(bad.worker_name, sizeof bad.worker_name, "无此人");
	cr_assert_eq(wg_patrol_save(ctx, &bad), WG_EINVAL);
	cr_expect(strstr(wg_error(ctx), "grid worker") && strstr(wg_error(ctx), "无此人"), "%s", wg_error(ctx));
	cr_expect_eq(bad.id, 0, "nothing written");
	bad.worker_name[0] = '\0'; /* no name: the acting user's own worker */
	cr_assert_eq(wg_patrol_save(ctx, &bad), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_patrol_load(ctx, bad.id, &back), WG_OK);
	cr_expect_eq(back.worker_id, li);
	cr_assert_eq(wg_gridworker_of_user(ctx, &mine), WG_OK);
	cr_expect_eq(mine, li);
}
