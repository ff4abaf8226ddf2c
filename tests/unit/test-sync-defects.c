/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Each defect an outside three-site week found in the old sync, as its own test: the same name
 * made on two sites, an ID clash on a tagged resident, a deletion against an edit, overlapping
 * files, the office's echo, equal clocks, an older file after a newer one, a second whole file,
 * and echoes listed as conflicts.  None may wedge sync, lose an edit silently, or diverge. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/category.h>
#include <wangge/resident.h>
#include <wangge/site.h>
#include <wangge/site-key.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include <wangge/task.h>
#include <wangge/validate.h>
#include "core/core-int.h"

#include "resident-fixture.h"
#include "sync-fixture.h"

static struct wg_ctx *office, *laptop;
static char dir[64];


static const char *path(const char *name)
{
	static char p[4][128];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s.wgs", dir, name);
	return p[k];
}

/* The office's [sync] conflict, as it last imported: what its exports declare. */
static const char *policy_now = "ask";

static void send(struct wg_ctx *from, int to, const char *name)
{
	long changes = 0;
	cr_assert_eq(wg_sync_export(from, to, path(name), policy_now, &changes), WG_OK, "%s", wg_error(from));
}

static struct wg_sync_import_result take(struct wg_ctx *ctx, const char *name, const char *policy)
{
	if (ctx == office)
		policy_now = policy;
	struct wg_sync_import_result res;
	cr_assert_eq(wg_sync_import(ctx, path(name), policy, &res), WG_OK, "%s: %s", name, wg_error(ctx));
	wg_set_user(ctx, 1, "tester", WG_ROLE_ADMIN);
	return res;
}


static void text(struct wg_ctx *ctx, const char *sql, char *out, size_t outsz)
{
	sqlite3_stmt *st = NULL;
	out[0] = '\0';
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* The same answer on both sites. */
static void same(const char *sql)
{
	char a[4096], b[4096];
	text(office, sql, a, sizeof a);
	text(laptop, sql, b, sizeof b);
	cr_assert_str_eq(a, b, "%s", sql);
}

static const char category_csv[] =
	"sector_code,sector_name,large_code,large_name,category_code,category_name,sub_code,sub_name,"
	"time_limit_hours\n99,测试门类,9901,测试大类,990101,测试小类,99010101,测试子类,24\n";

static void at(struct wg_ctx *ctx, const char *when)
{
	time_t t;
	cr_assert_null(wg_validate_time(when, &t));
	wg_clock_pin(ctx, t);
}

static void setup(void)
{
	char lap[128];
	struct wg_category_import_result res;
	office = rf_open(WG_ROLE_ADMIN, 1);
	cr_assert_eq(wg_category_import_mem(office, "t.csv", category_csv, strlen(category_csv), WG_ENC_AUTO,
					    NULL, 0, NULL, &res), WG_OK, "%s", wg_error(office));
	snprintf(dir, sizeof dir, "/tmp/wg-syncd-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(lap, sizeof lap, "%s/laptop.db", dir);
	laptop = sfx_site(lap, 2, "外勤");
	sfx_pair(office, laptop);
	sfx_pair(laptop, office);
	rf_add(office, "办公室甲", NULL, "13800000001", RF_G1, "1号楼", "101", NULL);
	send(office, 2, "first");
	take(laptop, "first", "ask");
	send(laptop, 1, "back");
	take(office, "back", "ask");
}

static void teardown(void)
{
	sfx_close(office, laptop, dir);
}

TestSuite(defects, .init = setup, .fini = teardown);

static int64_t id_of(struct wg_ctx *ctx, const char *name)
{
	char sql[160], v[32];
	snprintf(sql, sizeof sql, "SELECT id FROM residents WHERE name = '%s'", name);
	text(ctx, sql, v, sizeof v);
	return atoll(v);
}

static void set(struct wg_ctx *ctx, const char *name, enum wg_resident_field f, const char *value)
{
	struct wg_resident r;
	cr_assert_eq(wg_resident_load(ctx, id_of(ctx, name), &r), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_resident_set(ctx, &r, f, value), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_resident_save(ctx, &r), WG_OK, "%s", wg_error(ctx));
}

static void exchange(const char *policy)
{
	send(laptop, 1, "x1");
	take(office, "x1", policy);
	send(office, 2, "x2");
	take(laptop, "x2", policy);
}

Test(defects, the_same_building_made_on_two_sites_is_one_and_sync_goes_on)
{
	rf_add(office, "办公室九", NULL, NULL, RF_G1, "9号楼", "301", NULL);
	rf_add(laptop, "外勤九", NULL, NULL, RF_G1, "9号楼", "302", NULL); /* made on both */
	exchange("ask");
	rf_add(laptop, "外勤九后", NULL, NULL, RF_G1, "9号楼", "303", NULL); /* refers to it later */
	rf_add(office, "办公室九后", NULL, NULL, RF_G1, "9号楼", "304", NULL);
	exchange("ask");
	exchange("ask");
	const char *nine = "SELECT count(*) FROM buildings WHERE name = '9号楼'";
	cr_assert_eq(sfx_count(office, nine), 1, "one 9号楼");
	cr_assert_eq(sfx_count(laptop, nine), 1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM residents r JOIN buildings b ON b.id = r.building_id"
				   " WHERE b.name = '9号楼'"), 4, "all four live in it, on the office");
	same("SELECT group_concat(name || ':' || building_id, ',') FROM (SELECT * FROM residents ORDER BY id)");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE why LIKE 'constraint%'"), 0,
		     "the same name is not a conflict");
}

Test(defects, an_id_clash_on_a_tagged_resident_does_not_stop_sync)
{
	char a[19];
	rf_add(office, "同号甲", rf_id("19700101", 11, a), NULL, RF_G1, NULL, NULL, NULL);
	rf_add(laptop, "同号乙", a, NULL, RF_G1, NULL, NULL, "独居老人");
	exchange("ask");
	set(laptop, "同号乙", WG_RF_NOTES, "之后的备注");
	exchange("ask");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM residents WHERE name = '同号乙' AND notes = '之后的备注'"
				   " AND id_number IS NULL"), 1, "later changes to the record still arrive");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM resident_tags t JOIN residents r ON r.id ="
				   " t.resident_id WHERE r.name = '同号乙'"), 1, "with its tag");
	same("SELECT group_concat(name || ':' || coalesce(id_number, '-'), ',') FROM (SELECT * FROM residents"
	     " ORDER BY id)");
	char held[512];
	text(office, "SELECT why || ' ' || local || ' / ' || incoming FROM sync_conflicts", held, sizeof held);
	cr_assert(strstr(held, "constraint") && strstr(held, a), "listed with the number: %s", held);
}

Test(defects, a_deletion_at_the_office_while_the_laptop_edits_wins_and_the_edit_is_listed)
{
	cr_assert_eq(wg_resident_delete(office, id_of(office, "办公室甲")), WG_OK, "%s", wg_error(office));
	set(laptop, "办公室甲", WG_RF_NOTES, "外勤在删除前改的");
	exchange("ask");
	exchange("ask");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM residents WHERE name = '办公室甲'"), 0);
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM residents WHERE name = '办公室甲'"), 0);
	char o[1024], l[1024];
	text(office, "SELECT group_concat(why || ' [' || local || '] [' || incoming || ']', ' || ') FROM sync_conflicts", o, sizeof o);
	text(laptop, "SELECT group_concat(why || ' [' || local || '] [' || incoming || ']', ' || ') FROM sync_conflicts", l, sizeof l);
	/* each site met the other's: the office the edit after its deletion, the laptop the
	 * deletion after its edit; each lists it once, with the edit's column only */
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE incoming = 'notes=外勤在删除前改的'"),
		     1, "office: %s", o);
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM sync_conflicts WHERE local = 'notes=外勤在删除前改的'"),
		     1, "laptop: %s", l);
}

static int64_t new_case(struct wg_ctx *ctx)
{
	struct wg_task_new in = { .cell_id = rf_cell(ctx, RF_G1), .category_code = "99010101",
				  .title = "测试案件", .source = WG_SRC_PATROL };
	char number[WG_TASK_NUMBER_SIZE];
	int64_t id = 0;
	cr_assert_eq(wg_task_add(ctx, &in, WG_TASK_ALLOW_DUPLICATE, &id, number, NULL), WG_OK, "%s",
		     wg_error(ctx));
	return id;
}

static void move(struct wg_ctx *ctx, int64_t id, enum wg_task_action a)
{
	struct wg_move m = { .action = a, .note = "测试" };
	m.to.kind = WG_HK_DEPT;
	snprintf(m.to.name, sizeof m.to.name, "测试城管");
	cr_assert_eq(wg_task_move(ctx, id, &m), WG_OK, "%s", wg_error(ctx));
}

#define CASE_STATE "SELECT state || ':' || coalesce(handler_name, '') FROM tasks"

Test(defects, overlapping_files_carry_a_case_moved_by_one_site_to_its_last_state)
{
	int64_t id = new_case(laptop);
	move(laptop, id, WG_ACT_FILE);
	send(laptop, 1, "filed");
	at(laptop, "2026-11-25T10:05");
	move(laptop, id, WG_ACT_DISPATCH);
	send(laptop, 1, "dispatched"); /* carries the filing again: nothing acknowledged yet */
	take(office, "dispatched", "ask");
	take(office, "filed", "ask"); /* the older file last */
	char s[128];
	text(office, CASE_STATE, s, sizeof s);
	cr_assert_str_eq(s, "dispatched:测试城管");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts"), 0, "one site moved it: no conflict");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM task_events e JOIN tasks t ON t.id = e.task_id"), 3,
		     "reported, filed, dispatched: every event once");
}

Test(defects, an_older_office_file_after_a_newer_one_leaves_no_hybrid_case)
{
	int64_t id = new_case(office);
	move(office, id, WG_ACT_FILE);
	send(office, 2, "older");
	at(office, "2026-11-25T10:05");
	move(office, id, WG_ACT_DISPATCH);
	send(office, 2, "newer");
	take(laptop, "newer", "ask");
	take(laptop, "older", "ask");
	same(CASE_STATE);
	char s[128];
	text(laptop, CASE_STATE, s, sizeof s);
	cr_assert_str_eq(s, "dispatched:测试城管");
}

Test(defects, under_conflict_office_the_offices_echo_does_not_undo_a_later_laptop_edit)
{
	exchange("office");
	set(laptop, "办公室甲", WG_RF_NOTES, "外勤第一次");
	send(laptop, 1, "l1");
	take(office, "l1", "office");
	send(office, 2, "echo"); /* the office's file carries the laptop's own change back */
	at(laptop, "2026-11-25T10:10");
	set(laptop, "办公室甲", WG_RF_NOTES, "外勤第二次");
	take(laptop, "echo", "office");
	exchange("office");
	same("SELECT notes FROM residents WHERE name = '办公室甲'");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM residents WHERE notes = '外勤第二次'"), 1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts") +
		     sfx_count(laptop, "SELECT count(*) FROM sync_conflicts"), 0, "an echo is not a conflict");
}

Test(defects, equal_clocks_on_both_sites_still_end_alike)
{
	at(office, "2026-11-25T11:00");
	at(laptop, "2026-11-25T11:00");
	set(office, "办公室甲", WG_RF_NOTES, "办公室同一时刻");
	set(laptop, "办公室甲", WG_RF_NOTES, "外勤同一时刻");
	exchange("newest");
	exchange("newest");
	same("SELECT notes FROM residents WHERE name = '办公室甲'");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts") +
		     sfx_count(laptop, "SELECT count(*) FROM sync_conflicts"), 1, "the other one is listed once");
}

Test(defects, a_second_whole_file_to_a_laptop_that_has_not_sent_applies_deletions)
{
	char p[128];
	snprintf(p, sizeof p, "%s/third.db", dir);
	struct wg_ctx *fresh = sfx_site(p, 3, "外勤三");
	sfx_pair(office, fresh);
	sfx_pair(fresh, office);
	rf_add(office, "办公室乙", NULL, NULL, RF_G2, NULL, NULL, NULL);
	send(office, 3, "whole1");
	take(fresh, "whole1", "ask");
	cr_assert_eq(wg_resident_delete(office, id_of(office, "办公室乙")), WG_OK, "%s", wg_error(office));
	set(office, "办公室甲", WG_RF_NOTES, "之间改的");
	send(office, 3, "whole2"); /* site 3 has not sent: the whole database again */
	struct wg_sync_import_result r = take(fresh, "whole2", "ask");
	cr_assert(r.full);
	cr_assert_eq(r.conflicts, 0, "no false conflicts");
	cr_assert_eq(sfx_count(fresh, "SELECT count(*) FROM residents WHERE name = '办公室乙'"), 0,
		     "the deletion made in between applies");
	cr_assert_eq(sfx_count(fresh, "SELECT count(*) FROM residents WHERE notes = '之间改的'"), 1);
	wg_ctx_free(fresh);
}

Test(defects, echoes_of_a_sites_own_changes_are_not_listed)
{
	set(laptop, "办公室甲", WG_RF_PHONE, "13900000002");
	send(laptop, 1, "own");
	take(office, "own", "ask");
	send(office, 2, "echo");
	struct wg_sync_import_result r = take(laptop, "echo", "ask");
	cr_assert_eq(r.conflicts, 0);
	take(laptop, "echo", "ask");
	take(office, "own", "ask");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts") +
		     sfx_count(laptop, "SELECT count(*) FROM sync_conflicts"), 0);
}
