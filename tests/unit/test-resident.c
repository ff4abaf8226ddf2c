/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for the resident record: field checks, derived fields, duplicates, masking, unmasking. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/resident.h>
#include "core/core-int.h"

#include "resident-fixture.h"

static struct wg_ctx *ctx;

static void setup(void)
{
	ctx = rf_open(WG_ROLE_CLERK, 1);
}

static void teardown(void)
{
	rf_close(ctx);
}

TestSuite(resident, .init = setup, .fini = teardown);

static int set(struct wg_resident *r, enum wg_resident_field f, const char *v)
{
	return wg_resident_set(ctx, r, f, v);
}

Test(resident, valid_id_number_fills_gender_and_birth_date)
{
	struct wg_resident r;
	char id[19];
	wg_resident_init(&r);
	cr_assert_eq(set(&r, WG_RF_ID_NUMBER, rf_id("19800214", 123, id)), WG_OK, "%s", wg_error(ctx));
	cr_assert_str_eq(r.id_number, id);
	cr_assert_eq(r.gender, 'M');
	cr_assert_str_eq(r.birth_date, "1980-02-14");
	cr_assert_eq(set(&r, WG_RF_ID_NUMBER, rf_id("19800214", 122, id)), WG_OK);
	cr_assert_eq(r.gender, 'F', "a derived gender follows a new number");
}

Test(resident, wrong_check_character_is_refused)
{
	struct wg_resident r;
	char id[19];
	wg_resident_init(&r);
	rf_id("19800214", 123, id);
	id[17] = id[17] == '0' ? '1' : '0';
	cr_assert_eq(set(&r, WG_RF_ID_NUMBER, id), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "check character"), "%s", wg_error(ctx));
	cr_assert_str_eq(r.id_number, "", "a refused value leaves the record unchanged");
}

Test(resident, lower_case_x_is_stored_upper_case)
{
	struct wg_resident r;
	wg_resident_init(&r);
	/* 11010519690218062X is the demo's number ending in X */
	cr_assert_eq(set(&r, WG_RF_ID_NUMBER, "11010519690218062x"), WG_OK, "%s", wg_error(ctx));
	cr_assert_str_eq(r.id_number, "11010519690218062X");
}

Test(resident, impossible_birth_date_and_old_numbers_are_refused)
{
	struct wg_resident r;
	char body[18], id[19];
	wg_resident_init(&r);
	snprintf(body, sizeof body, "11010519800230123");
	snprintf(id, sizeof id, "%s%c", body, wg_id_check_char(body));
	cr_assert_eq(set(&r, WG_RF_ID_NUMBER, id), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "1980-02-30"), "%s", wg_error(ctx));
	cr_assert_eq(set(&r, WG_RF_ID_NUMBER, "110105800214123"), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "15-digit"), "%s", wg_error(ctx));
	cr_assert_eq(set(&r, WG_RF_ID_NUMBER, rf_id("20270101", 1, id)), WG_EINVAL,
		     "born after today (the pinned clock)");
}

Test(resident, typed_gender_and_birth_date_must_agree_with_the_id)
{
	struct wg_resident r;
	char id[19];
	wg_resident_init(&r);
	cr_assert_eq(set(&r, WG_RF_GENDER, "女"), WG_OK);
	cr_assert_eq(set(&r, WG_RF_ID_NUMBER, rf_id("19800214", 123, id)), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "gender"), "%s", wg_error(ctx));
	cr_assert_eq(set(&r, WG_RF_GENDER, "M"), WG_OK);
	cr_assert_eq(set(&r, WG_RF_ID_NUMBER, id), WG_OK);
	cr_assert_eq(set(&r, WG_RF_GENDER, "F"), WG_EINVAL);
	cr_assert_eq(set(&r, WG_RF_BIRTH_DATE, "1980-2-15"), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "1980-02-14"), "%s", wg_error(ctx));
	cr_assert_eq(set(&r, WG_RF_BIRTH_DATE, "1980年2月14日"), WG_OK);
	cr_assert_str_eq(r.birth_date, "1980-02-14");
	cr_assert_eq(set(&r, WG_RF_GENDER, ""), WG_OK);
	cr_assert_eq(r.gender, 'M', "an emptied gender comes back from the ID number");
}

Test(resident, phones_are_normalised_and_checked)
{
	struct wg_resident r;
	wg_resident_init(&r);
	cr_assert_eq(set(&r, WG_RF_PHONE, "138 0013 8000"), WG_OK);
	cr_assert_str_eq(r.phone, "13800138000");
	cr_assert_eq(set(&r, WG_RF_PHONE, "1380013800"), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "11"), "%s", wg_error(ctx));
	cr_assert_eq(set(&r, WG_RF_PHONE, "12800138000"), WG_EINVAL);
	cr_assert_eq(set(&r, WG_RF_PHONE, "010-12345678"), WG_OK);
	cr_assert_eq(set(&r, WG_RF_PHONE, ""), WG_OK);
	cr_assert_str_eq(r.phone, "");
}

Test(resident, cell_tags_and_required_fields)
{
	struct wg_resident r;
	enum wg_resident_field bad;
	char text[128];
	wg_resident_init(&r);
	cr_assert_eq(set(&r, WG_RF_CELL, "999"), WG_EINVAL);
	cr_assert_eq(wg_resident_check(ctx, &r, &bad), WG_EINVAL);
	cr_assert_eq(bad, WG_RF_NAME);
	cr_assert_eq(set(&r, WG_RF_NAME, "　测试甲 "), WG_OK);
	cr_assert_str_eq(r.name, "测试甲", "blanks and U+3000 trimmed");
	cr_assert_eq(wg_resident_check(ctx, &r, &bad), WG_EINVAL);
	cr_assert_eq(bad, WG_RF_CELL);
	cr_assert_eq(set(&r, WG_RF_CELL, RF_G1), WG_OK);
	cr_assert_str_eq(r.cell_name, "甲网格");
	cr_assert_eq(set(&r, WG_RF_TAGS, "独居老人；veteran、低保"), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(r.ntags, 3);
	cr_assert(r.key_care);
	wg_resident_text(&r, WG_RF_TAGS, text, sizeof text);
	cr_assert_str_eq(text, "独居老人；退役军人；低保");
	cr_assert_eq(set(&r, WG_RF_TAGS, "独居老人;党员"), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "党员") && strstr(wg_error(ctx), "流动人口"), "%s",
		  wg_error(ctx));
	cr_assert_eq(r.ntags, 3, "a refused tag list keeps the old tags");
	cr_assert_eq(wg_resident_check(ctx, &r, &bad), WG_OK);
}

Test(resident, duplicate_id_number_is_refused_naming_the_record)
{
	struct wg_resident r;
	char id[19];
	rf_add(ctx, "测试甲", rf_id("19800214", 123, id), "13800138000", RF_G1, "1号楼", "101", NULL);
	wg_resident_init(&r);
	set(&r, WG_RF_NAME, "测试乙");
	set(&r, WG_RF_CELL, RF_G2);
	cr_assert_eq(set(&r, WG_RF_ID_NUMBER, id), WG_OK);
	cr_assert_eq(wg_resident_save(ctx, &r), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "测试甲 (甲网格)"), "%s", wg_error(ctx));
	cr_assert_eq(r.id, 0);
}

Test(resident, loaded_records_are_masked_and_keep_their_numbers)
{
	struct wg_resident r;
	char id[19];
	int64_t rid = rf_add(ctx, "测试甲", rf_id("19800214", 123, id), "13812345678", RF_G1, "1号楼",
			     "101", "低保");
	cr_assert_eq(wg_resident_load(ctx, rid, &r), WG_OK, "%s", wg_error(ctx));
	cr_assert(r.masked);
	cr_assert_str_eq(r.phone, "138****5678");
	cr_assert_eq(strncmp(r.id_number, "110105********", 14), 0, "%s", r.id_number);
	cr_assert_str_eq(r.birth_date, "1980-**-**");
	cr_assert_str_eq(r.building, "1号楼");
	cr_assert_eq(r.ntags, 1);
	cr_assert_eq(set(&r, WG_RF_ROOM, "102"), WG_OK);
	cr_assert_eq(wg_resident_save(ctx, &r), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_resident_unmask(ctx, &r), WG_OK);
	cr_assert_str_eq(r.id_number, id, "the masked number was not written back");
	cr_assert_str_eq(r.phone, "13812345678");
	cr_assert_str_eq(r.birth_date, "1980-02-14");
	cr_assert_str_eq(r.room, "102");
}

Test(resident, typed_gender_over_a_masked_record_still_meets_the_number)
{
	struct wg_resident r;
	char id[19];
	int64_t rid = rf_add(ctx, "测试甲", rf_id("19800214", 123, id), NULL, RF_G1, NULL, NULL, NULL);
	cr_assert_eq(wg_resident_load(ctx, rid, &r), WG_OK);
	cr_assert_eq(set(&r, WG_RF_GENDER, "女"), WG_OK);
	cr_assert_eq(wg_resident_save(ctx, &r), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "gender"), "%s", wg_error(ctx));
}

Test(resident, unmask_needs_a_clerk_and_is_audited)
{
	struct wg_resident r;
	char id[19];
	int64_t rid = rf_add(ctx, "测试甲", rf_id("19800214", 123, id), "13812345678", RF_G1, NULL,
			     NULL, NULL);
	wg_set_user(ctx, 1, "tester", WG_ROLE_VIEWER);
	cr_assert_eq(wg_resident_load(ctx, rid, &r), WG_OK);
	cr_assert_eq(wg_resident_unmask(ctx, &r), WG_EPERM);
	cr_assert(r.masked);
	cr_assert_eq(rf_audit_count(ctx, "resident.unmask"), 0);
	wg_set_user(ctx, 1, "tester", WG_ROLE_GRIDWORKER);
	cr_assert_eq(wg_resident_unmask(ctx, &r), WG_EPERM);
	wg_set_user(ctx, 1, "tester", WG_ROLE_CLERK);
	cr_assert_eq(wg_resident_unmask(ctx, &r), WG_OK);
	cr_assert_str_eq(r.id_number, id);
	cr_assert_eq(rf_audit_count(ctx, "resident.unmask"), 1);
}

Test(resident, viewers_may_read_but_not_write)
{
	struct wg_resident r;
	wg_set_user(ctx, 1, "tester", WG_ROLE_VIEWER);
	wg_resident_init(&r);
	set(&r, WG_RF_NAME, "测试甲");
	set(&r, WG_RF_CELL, RF_G1);
	cr_assert_eq(wg_resident_save(ctx, &r), WG_EPERM);
	cr_assert(strstr(wg_error(ctx), "clerk"), "%s", wg_error(ctx));
}

Test(resident, save_and_new_keeps_the_address)
{
	struct wg_resident r;
	wg_resident_init(&r);
	set(&r, WG_RF_NAME, "测试甲");
	set(&r, WG_RF_CELL, RF_G1);
	set(&r, WG_RF_BUILDING, "3号楼");
	set(&r, WG_RF_UNIT, "2");
	cr_assert_eq(wg_resident_save(ctx, &r), WG_OK, "%s", wg_error(ctx));
	int64_t bid = r.building_id;
	cr_assert_neq(bid, 0, "the building was created");
	wg_resident_next(&r);
	cr_assert_eq(r.id, 0);
	cr_assert_str_eq(r.name, "");
	cr_assert_str_eq(r.unit, "2");
	set(&r, WG_RF_NAME, "测试乙");
	cr_assert_eq(wg_resident_save(ctx, &r), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(r.building_id, bid, "the same building, not a second one");
}

Test(resident, delete_is_audited)
{
	struct wg_resident r;
	int64_t rid = rf_add(ctx, "测试甲", NULL, NULL, RF_G1, NULL, NULL, "低保");
	cr_assert_eq(wg_resident_delete(ctx, rid), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_resident_load(ctx, rid, &r), WG_EINVAL);
	cr_assert_eq(rf_audit_count(ctx, "delete"), 1, "the audit trail records the row removed");
}

static int first_member(void *arg, int64_t id, const char *name, const char *rel)
{
	int64_t *first = arg;
	(void)name, (void)rel;
	if (!*first)
		*first = id;
	return WG_OK;
}

Test(resident, households_list_the_head_first)
{
	int64_t hh, first = 0, a = rf_add(ctx, "测试甲", NULL, NULL, RF_G1, NULL, NULL, NULL);
	int64_t b = rf_add(ctx, "测试乙", NULL, NULL, RF_G1, NULL, NULL, NULL);
	cr_assert_eq(wg_household_add(ctx, rf_cell(ctx, RF_G1), 0, "1", "101", &hh), WG_OK);
	cr_assert_eq(wg_household_join(ctx, hh, a, "配偶"), WG_OK);
	cr_assert_eq(wg_household_join(ctx, hh, b, "户主"), WG_OK);
	cr_assert_eq(wg_household_members(ctx, hh, first_member, &first), WG_OK);
	cr_assert_eq(first, b);
}

Test(resident, builtin_tags_exist_with_fixed_ids)
{
	struct wg_tag t;
	cr_assert_eq(wg_tag_find(ctx, "独居老人", &t), WG_OK);
	cr_assert_eq(t.id, WG_TAG_ALONE);
	cr_assert(t.builtin && t.key_care);
	cr_assert_eq(wg_tag_find(ctx, "Floating Population", &t), WG_OK);
	cr_assert_eq(t.id, WG_TAG_FLOATING);
	cr_assert_not(t.key_care);
	int64_t id;
	cr_assert_eq(wg_tag_add(ctx, "党员", 0, &id), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_tag_add(ctx, "党员", 0, &id), WG_EINVAL);
}

/* A resident at an address through the form's path (set, save), with a relation. */
static int64_t lodge(const char *name, const char *building, const char *room, const char *relation)
{
	struct wg_resident r;
	const struct {
		enum wg_resident_field f;
		const char *v;
	} fields[] = { { WG_RF_NAME, name }, { WG_RF_CELL, RF_G1 }, { WG_RF_BUILDING, building },
		       { WG_RF_UNIT, "1" }, { WG_RF_ROOM, room }, { WG_RF_RELATION, relation } };
	wg_resident_init(&r);
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (fields[i].v)
			cr_assert_eq(set(&r, fields[i].f, fields[i].v), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_resident_save(ctx, &r), WG_OK, "%s", wg_error(ctx));
	return r.household_id;
}

static int count(const char *sql)
{
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	return n;
}

Test(resident, households_follow_the_address_and_the_head)
{
	int64_t h1 = lodge("测试甲", "1号楼", "101", "户主");
	cr_assert_neq(h1, 0, "a head at an address heads a household");
	cr_assert_eq(lodge("测试乙", "1", "101", "配偶"), h1, "the family joins it");
	cr_assert_eq(lodge("测试丙", "1号楼", "101", NULL), h1);
	int64_t h2 = lodge("测试丁", "1号楼", "101", "户主");
	cr_assert(h2 != 0 && h2 != h1, "a second head at the address starts a second household");
	cr_assert_eq(lodge("测试戊", "1号楼", "101", "子女"), h2, "and the next member joins the newest");
	int64_t h3 = lodge("测试己", "1号楼", "102", "子女");
	cr_assert(h3 != 0 && h3 != h2, "a member before the head starts the household");
	cr_assert_eq(lodge("测试庚", "1号楼", "102", "本人"), h3, "which its head then heads");
	cr_assert_eq(lodge("测试辛", NULL, NULL, "户主"), 0, "no building and no room: no household");
	cr_assert_eq(count("SELECT count(*) FROM households"), 3);
}

Test(resident, a_move_or_a_deletion_leaves_no_empty_household)
{
	struct wg_resident r;
	int64_t h1 = lodge("测试甲", "1号楼", "101", "户主");
	int64_t id = 0;
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(wg_db(ctx), "SELECT id FROM residents WHERE household_id = ?1", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, h1);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	cr_assert_eq(wg_resident_load(ctx, id, &r), WG_OK, "%s", wg_error(ctx));
	set(&r, WG_RF_ROOM, "202");
	cr_assert_eq(wg_resident_save(ctx, &r), WG_OK, "%s", wg_error(ctx));
	cr_assert(r.household_id != 0 && r.household_id != h1, "moved into the household at 202");
	cr_assert_eq(count("SELECT count(*) FROM households"), 1, "the one at 101 went with them");
	cr_assert_eq(wg_resident_delete(ctx, id), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(count("SELECT count(*) FROM households"), 0, "and the one at 202 on deletion");
}
