/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The organizations register: a credit code checked by GB 32100, kinds, sectors by code or name,
 * all or nothing, an organization of the same name updated, phones masked on export. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/category.h>
#include <wangge/forces.h>
#include <wangge/volunteer.h>
#include "core/core-int.h"

#include "resident-fixture.h"
#include "sync-fixture.h"

static struct wg_ctx *ctx;

static const char sectors[] =
	"sector_code,sector_name,sector_name_en,large_code,large_name,category_code,category_name,"
	"sub_code,sub_name,time_limit_hours\n"
	"01,应急管理,Emergency management,0101,防汛,010101,积水,01010101,道路积水,24\n"
	"02,城市环境,Urban environment,0201,环卫,020101,垃圾,02010101,垃圾满溢,24\n";

static void setup(void)
{
	struct wg_category_import_result res;
	ctx = rf_open(WG_ROLE_CLERK, 1);
	cr_assert_eq(wg_category_import_mem(ctx, "s.csv", sectors, strlen(sectors), WG_ENC_AUTO, NULL, 0,
					    NULL, &res), WG_OK, "%s", wg_error(ctx));
}

static void teardown(void)
{
	rf_close(ctx);
}

TestSuite(orgs, .init = setup, .fini = teardown);

static int import(const char *csv, struct wg_problems *probs, struct wg_org_import_result *res)
{
	return wg_org_import_mem(ctx, "orgs.csv", csv, strlen(csv), WG_ENC_AUTO, probs, res);
}

static int problem_has(const struct wg_problems *probs, const char *text)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	wg_problems_print(probs, f, 0);
	fclose(f);
	int has = buf && strstr(buf, text) != NULL;
	free(buf);
	return has;
}

Test(orgs, a_register_is_taken_with_sectors_by_code_or_name)
{
	struct wg_org_import_result res;
	const char *csv = "名称,统一社会信用代码,类型,联系人,联系电话,服务领域,状态\n"
			  "演示阳光社工站,91350100m000100y43,社会工作服务机构,张演示,13900001111,"
			  "01;应急管理;Urban environment,在用\n"
			  "演示物业,,物业公司,李演示,010-12345678,,停用\n";
	cr_assert_eq(import(csv, NULL, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(res.rows, 2);
	cr_assert_eq(res.added, 2);
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM social_orgs WHERE credit_code = '91350100M000100Y43'"
				    " AND kind = '社工机构' AND domains = '01;02' AND status = 'active'"), 1,
		     "code in capitals, kind as stored, a sector named twice counted once");
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM social_orgs WHERE name = '演示物业'"
				    " AND kind = '物业服务企业' AND status = 'inactive'"), 1);
	/* the same file again: updated, nothing new */
	cr_assert_eq(import(csv, NULL, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(res.added, 0);
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM social_orgs"), 2);
}

Test(orgs, a_bad_file_names_every_line_and_writes_nothing)
{
	struct wg_problems probs = { 0 };
	struct wg_org_import_result res;
	const char *csv = "name,credit_code,kind,phone,domains,status\n"
			  "甲社工站,91350100M000100Y44,社工机构,,,\n"
			  "乙组织,110108000000016,不存在的类型,12-34,99,乱写\n"
			  "甲社工站,,社工机构,,,\n";
	cr_assert_eq(import(csv, &probs, &res), WG_EINVAL);
	cr_assert(problem_has(&probs, "orgs.csv:2: credit_code: ends in 4, but the check character for "
				      "these 17 characters is 3"));
	cr_assert(problem_has(&probs, "orgs.csv:3: credit_code: is an old 15-digit registration number"));
	cr_assert(problem_has(&probs, "orgs.csv:3: kind: '不存在的类型' is not a kind"));
	cr_assert(problem_has(&probs, "orgs.csv:3: phone:"));
	cr_assert(problem_has(&probs, "orgs.csv:3: domains: '99' is not a sector"));
	cr_assert(problem_has(&probs, "orgs.csv:3: status: '乱写' is not a status"));
	cr_assert(problem_has(&probs, "orgs.csv:4: name: 甲社工站 is also on line 2"));
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM social_orgs"), 0, "nothing written");
	wg_problems_free(&probs);
}

Test(orgs, a_code_held_by_another_organization_is_refused)
{
	struct wg_org_import_result res;
	struct wg_problems probs = { 0 };
	cr_assert_eq(import("name,credit_code\n甲社工站,91350100M000100Y43\n", NULL, &res), WG_OK);
	cr_assert_eq(import("name,credit_code\n乙社工站,91350100M000100Y43\n", &probs, &res), WG_EINVAL);
	cr_assert(problem_has(&probs, "is the code of 甲社工站 already registered"));
	wg_problems_free(&probs);
}

Test(orgs, the_export_masks_phones_and_a_viewer_cannot_import)
{
	struct wg_org_import_result res;
	cr_assert_eq(import("name,phone\n甲社工站,13900001111\n", NULL, &res), WG_OK);
	char *buf = NULL;
	size_t n = 0;
	long rows = 0;
	FILE *f = open_memstream(&buf, &n);
	cr_assert_eq(wg_org_export(ctx, f, 0, &rows), WG_OK, "%s", wg_error(ctx));
	fclose(f);
	cr_assert_eq(rows, 1);
	cr_assert(strstr(buf, "139****1111") && !strstr(buf, "13900001111"), "%s", buf);
	free(buf);
	wg_set_user(ctx, 1, "tester", WG_ROLE_VIEWER);
	int rc = import("name,phone\n乙社工站,13900002222\n", NULL, &res);
	cr_assert_eq(rc, WG_EPERM, "%d %s", rc, wg_error(ctx));
}

Test(orgs, social_workers_belong_to_registered_organizations)
{
	struct wg_org_import_result res;
	struct wg_problems probs = { 0 };
	cr_assert_eq(import("name,kind\n演示阳光社工站,社工机构\n", NULL, &res), WG_OK);
	const char *bad = "姓名,所属机构,职业资格,联系电话,状态\n社工丙,不存在的机构,会计师,123,休假\n";
	cr_assert_eq(wg_socialworker_import_mem(ctx, "sw.csv", bad, strlen(bad), WG_ENC_AUTO, &probs, &res),
		     WG_EINVAL);
	cr_assert(problem_has(&probs, "there is no organization 不存在的机构"));
	cr_assert(problem_has(&probs, "'会计师' is not a qualification"));
	cr_assert(problem_has(&probs, "'休假' is not a status"));
	wg_problems_free(&probs);
	const char *good = "name,org,qualification,phone,status\n社工乙,演示阳光社工站,社会工作师,13900003333,在职\n";
	cr_assert_eq(wg_socialworker_import_mem(ctx, "sw.csv", good, strlen(good), WG_ENC_AUTO, NULL, &res),
		     WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(res.added, 1);
	cr_assert_eq(wg_socialworker_import_mem(ctx, "sw.csv", good, strlen(good), WG_ENC_AUTO, NULL, &res),
		     WG_OK);
	cr_assert_eq(res.added, 0, "the same person of the same organization is updated");
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM social_workers w JOIN social_orgs o ON o.id = w.org_id"
				    " WHERE w.name = '社工乙' AND o.name = '演示阳光社工站' AND w.certificate = '社会工作师'"), 1);
}

Test(orgs, teams_are_led_by_social_workers_and_gain_members)
{
	struct wg_org_import_result res;
	struct wg_problems probs = { 0 };
	const char *sw = "name,qualification\n社工乙,社会工作师\n社工丁,\n";
	cr_assert_eq(wg_socialworker_import_mem(ctx, "sw.csv", sw, strlen(sw), WG_ENC_AUTO, NULL, &res), WG_OK,
		     "%s", wg_error(ctx));
	const char *bad = "队伍名称,队长,网格编码,成员\n坏队,不存在的社工,999,V9999\n";
	cr_assert_eq(wg_team_import_mem(ctx, "t.csv", bad, strlen(bad), WG_ENC_AUTO, &probs, &res), WG_EINVAL);
	cr_assert(problem_has(&probs, "there is no social worker 不存在的社工"));
	cr_assert(problem_has(&probs, "there is no volunteer V9999"));
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM teams"), 0);
	wg_problems_free(&probs);
	const char *good = "name,leader,cell_code\n助老队," "社工乙," RF_G1 "\n";
	cr_assert_eq(wg_team_import_mem(ctx, "t.csv", good, strlen(good), WG_ENC_AUTO, NULL, &res), WG_OK,
		     "%s", wg_error(ctx));
	cr_assert_eq(res.added, 1);
	const char *again = "name,leader\n助老队,社工丁\n";
	cr_assert_eq(wg_team_import_mem(ctx, "t.csv", again, strlen(again), WG_ENC_AUTO, NULL, &res), WG_OK);
	cr_assert_eq(res.added, 0);
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM teams t JOIN social_workers w ON w.id = t.leader_id"
				    " WHERE t.name = '助老队' AND w.name = '社工丁' AND t.cell_id IS NOT NULL"), 1,
		     "the new leader, the cell kept");
}

static int first_project(void *arg, const struct wg_project *p)
{
	*(struct wg_project *)arg = *p;
	return WG_OK;
}

Test(orgs, projects_are_checked_and_report_their_period)
{
	struct wg_org_import_result res;
	struct wg_problems probs = { 0 };
	cr_assert_eq(import("name,kind\n演示阳光社工站,社工机构\n", NULL, &res), WG_OK);
	const char *bad = "项目名称,承接机构,预算,开始日期,结束日期,目标服务时长,状态\n"
			  "坏项目,不存在,12元,2026-03-01,2026-01-01,很多,乱写\n";
	cr_assert_eq(wg_project_import_mem(ctx, "p.csv", bad, strlen(bad), WG_ENC_AUTO, &probs, &res), WG_EINVAL);
	cr_assert(problem_has(&probs, "there is no organization 不存在"));
	cr_assert(problem_has(&probs, "'12元' is not a sum of money"));
	cr_assert(problem_has(&probs, "ends (2026-01-01) before it starts (2026-03-01)"));
	cr_assert(problem_has(&probs, "'乱写' is not a status"));
	wg_problems_free(&probs);
	const char *good = "name,org,purchaser,budget,start_date,end_date,target_hours\n"
			   "助餐项目,演示阳光社工站,演示街道,\"120,000.5\",2026-11-01,2026-12-30,400\n";
	cr_assert_eq(wg_project_import_mem(ctx, "p.csv", good, strlen(good), WG_ENC_AUTO, NULL, &res), WG_OK,
		     "%s", wg_error(ctx));
	struct wg_project p;
	cr_assert_eq(wg_project_each(ctx, 0, first_project, &p), WG_OK);
	cr_assert_eq(p.budget_cents, 12000050);
	cr_assert_eq(p.targets[0], 400);
	/* the fixture's clock stands at 2026-11-25 10:00: 24 days and 10 hours of 60 days */
	cr_assert(p.elapsed_pct >= 40 && p.elapsed_pct <= 41, "%d", p.elapsed_pct);
	cr_assert_eq(wg_project_elapsed(ctx, "2027-01-01", "2027-12-31"), 0);
	cr_assert_eq(wg_project_elapsed(ctx, "2025-01-01", "2025-12-31"), 100);
	cr_assert_eq(wg_project_elapsed(ctx, "", ""), -1);
}

/* The form's save goes through the register's checks and writer: the field at fault is named,
 * a rename keeps the record, a phone left masked keeps the number, and it is audited. */
Test(orgs, a_form_saves_through_the_registers_checks)
{
	enum wg_org_field bad;
	char v[WG_OF_COUNT][WG_ORG_TEXT_SIZE];
	const char *in[WG_OF_COUNT] = { "丙社工站", "91350100M000100Y44", "社工站", "王演示",
					"13900002222", "应急管理", "在用", "" };
	cr_assert_eq(wg_org_save(ctx, NULL, in, &bad), WG_EINVAL);
	cr_assert_eq(bad, WG_OF_CODE);
	cr_assert(strstr(wg_error(ctx), "check character for these 17 characters is 3"), "%s",
		  wg_error(ctx));
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM social_orgs"), 0, "nothing written");
	in[WG_OF_CODE] = "91350100M000100Y43";
	cr_assert_eq(wg_org_save(ctx, NULL, in, &bad), WG_OK, "%s", wg_error(ctx));
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), "SELECT id FROM social_orgs WHERE name = '丙社工站'"
				       " AND kind = '社工机构' AND domains = '01'", -1, &st, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "saved, the kind as stored, the sector by name");
	int64_t id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	cr_assert_eq(wg_org_load(ctx, id, v), WG_OK, "%s", wg_error(ctx));
	cr_assert_str_eq(v[WG_OF_PHONE], "139****2222", "a clerk sees the phone masked");
	cr_assert_str_eq(v[WG_OF_STATUS], "在用");
	const char *edit[WG_OF_COUNT] = { "丙社会工作服务站", v[1], v[2], v[3], v[4], "01;城市环境",
					  "停用", "改名" };
	cr_assert_eq(wg_org_save(ctx, "丙社工站", edit, &bad), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM social_orgs"), 1, "renamed, not added");
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM social_orgs WHERE name = '丙社会工作服务站'"
				    " AND phone = '13900002222' AND domains = '01;02' AND status = 'inactive'"),
		     1, "the masked phone kept the number");
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM audit_log WHERE action = 'orgs.save'"), 2);
	const char *other[WG_OF_COUNT] = { "丁组织", "", "", "", "", "", "", "" };
	cr_assert_eq(wg_org_save(ctx, NULL, other, &bad), WG_OK, "%s", wg_error(ctx));
	other[WG_OF_NAME] = "丙社会工作服务站";
	cr_assert_eq(wg_org_save(ctx, "丁组织", other, &bad), WG_EINVAL, "a rename onto another's name");
	cr_assert_eq(bad, WG_OF_NAME);
	cr_assert_eq(wg_org_save(ctx, NULL, other, &bad), WG_EINVAL, "a new one of a registered name");
	cr_assert(strstr(wg_error(ctx), "is already registered"), "%s", wg_error(ctx));
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM social_orgs WHERE name = '丙社会工作服务站'"
				    " AND phone = '13900002222'"), 1, "and the registered one untouched");
	wg_set_user(ctx, 1, "tester", WG_ROLE_VIEWER);
	cr_assert_eq(wg_org_save(ctx, NULL, in, &bad), WG_EPERM);
}

/* A team typed in a form: the leader a registered social worker, the members listed are all
 * its members (one left out leaves), a rename keeps the record, a taken name is refused. */
Test(orgs, a_team_form_lists_every_member)
{
	struct wg_org_import_result res;
	struct wg_volunteer_import_result vres;
	enum wg_team_field bad;
	const char *sw = "name\n社工乙\n";
	const char *vol = "name\n队员甲\n队员乙\n";
	cr_assert_eq(wg_socialworker_import_mem(ctx, "sw.csv", sw, strlen(sw), WG_ENC_AUTO, NULL, &res),
		     WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_volunteer_import_mem(ctx, "v.csv", vol, strlen(vol), WG_ENC_AUTO, NULL, &vres),
		     WG_OK, "%s", wg_error(ctx));
	const char *v[WG_TF_COUNT] = { "青松队", "没有的社工", "", "队员甲；队员乙", "" };
	cr_assert_eq(wg_team_save(ctx, NULL, v, &bad), WG_EINVAL);
	cr_assert_eq(bad, WG_TF_LEADER);
	cr_assert(strstr(wg_error(ctx), "there is no social worker 没有的社工"), "%s", wg_error(ctx));
	v[WG_TF_LEADER] = "社工乙";
	cr_assert_eq(wg_team_save(ctx, NULL, v, &bad), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM team_members"), 2);
	const char *edit[WG_TF_COUNT] = { "青松助老队", "社工乙", "", "队员乙", "" };
	cr_assert_eq(wg_team_save(ctx, "青松队", edit, &bad), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM teams"), 1, "renamed, not added");
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM team_members m JOIN volunteers v ON"
				    " v.id = m.volunteer_id JOIN teams t ON t.id = m.team_id"
				    " WHERE t.name = '青松助老队' AND v.name = '队员乙'"), 1);
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM team_members"), 1, "队员甲 left the team");
	cr_assert_eq(wg_team_save(ctx, NULL, edit, &bad), WG_EINVAL, "a second team of that name");
	cr_assert_eq(bad, WG_TF_NAME);
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM audit_log WHERE action = 'teams.save'"), 2);
}

/* A project typed in a form: the field at fault named, a new name at the same organization
 * refused, a rename and a move to another organization keep the record. */
Test(orgs, a_project_form_keeps_its_record)
{
	struct wg_org_import_result res;
	enum wg_project_field bad;
	cr_assert_eq(import("name\n甲社工站\n乙社工站\n", NULL, &res), WG_OK, "%s", wg_error(ctx));
	const char *v[WG_PF_COUNT] = { "助餐项目", "甲社工站", "演示街道", "50000", "2026-03-01",
				       "2026-01-01", "400", "", "", "执行中", "" };
	cr_assert_eq(wg_project_save(ctx, 0, v, &bad), WG_EINVAL);
	cr_assert_eq(bad, WG_PF_END);
	cr_assert(strstr(wg_error(ctx), "ends (2026-01-01) before it starts"), "%s", wg_error(ctx));
	v[WG_PF_END] = "2026-12-31";
	cr_assert_eq(wg_project_save(ctx, 0, v, &bad), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_project_save(ctx, 0, v, &bad), WG_EINVAL, "the same name at the same org");
	cr_assert_eq(bad, WG_PF_NAME);
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), "SELECT id FROM service_projects", -1, &st, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	const char *edit[WG_PF_COUNT] = { "老人助餐项目", "乙社工站", "演示街道", "60000", "2026-03-01",
					  "2026-12-31", "500", "80", "", "结项", "改到乙站" };
	cr_assert_eq(wg_project_save(ctx, id, edit, &bad), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM service_projects"), 1, "the same record");
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM service_projects p JOIN social_orgs o ON"
				    " o.id = p.org_id WHERE p.name = '老人助餐项目' AND o.name = '乙社工站'"
				    " AND p.budget_cents = 6000000 AND p.status = 'closed'"
				    " AND p.target_people = 80"), 1);
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM audit_log WHERE action = 'projects.save'"), 2);
}

/* A social worker typed in a form: checked as the import checks; one already there refused. */
Test(orgs, a_social_worker_form_adds_one)
{
	struct wg_org_import_result res;
	enum wg_worker_field bad;
	cr_assert_eq(import("name\n甲社工站\n", NULL, &res), WG_OK, "%s", wg_error(ctx));
	const char *v[WG_WF_COUNT] = { "社工丙", "甲社工站", "社工", "", "在职" };
	cr_assert_eq(wg_socialworker_add(ctx, v, &bad), WG_EINVAL);
	cr_assert_eq(bad, WG_WF_QUAL);
	cr_assert(strstr(wg_error(ctx), "'社工' is not a qualification"), "%s", wg_error(ctx));
	v[WG_WF_QUAL] = "社会工作师";
	cr_assert_eq(wg_socialworker_add(ctx, v, &bad), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_socialworker_add(ctx, v, &bad), WG_EINVAL, "the same person twice");
	cr_assert_eq(bad, WG_WF_NAME);
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM social_workers w JOIN social_orgs o ON"
				    " o.id = w.org_id WHERE w.name = '社工丙' AND o.name = '甲社工站'"
				    " AND w.certificate = '社会工作师'"), 1);
	cr_assert_eq(sfx_count(ctx, "SELECT count(*) FROM audit_log WHERE action = 'socialworkers.save'"), 1);
}
