/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for building, unit and room spellings and for addresses written in one text. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include <criterion/criterion.h>

#include <wangge/cell.h>

static void name_is(void (*fn)(const char *, char *, size_t), const char *in, const char *want)
{
	char out[128];
	fn(in, out, sizeof out);
	cr_assert_str_eq(out, want, "'%s' became '%s', not '%s'", in, out, want);
}

Test(address, building_names_as_stored)
{
	name_is(wg_building_name, "5", "5号楼");
	name_is(wg_building_name, " 5# ", "5号楼");
	name_is(wg_building_name, "５号楼", "5号楼");
	name_is(wg_building_name, "5号楼", "5号楼");
	name_is(wg_building_name, "5栋", "5栋");
	name_is(wg_building_name, "A座", "A座");
	name_is(wg_building_name, "综合楼", "综合楼");
	name_is(wg_building_name, "", "");
}

Test(address, numbered_buildings_share_a_key)
{
	const char *same[] = { "5", "5号楼", "05号楼", "5栋", "5幢", "5楼", "5号", "5#", "５号楼" };
	char key[64];
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		wg_building_key(same[i], key, sizeof key);
		cr_assert_str_eq(key, "#5", "'%s' has the key '%s'", same[i], key);
	}
	wg_building_key("15号楼", key, sizeof key);
	cr_assert_str_eq(key, "#15");
	wg_building_key("综合楼", key, sizeof key);
	cr_assert_str_eq(key, "综合楼", "a name without a number is its own key");
	wg_building_key("5号楼东", key, sizeof key);
	cr_assert_str_eq(key, "5号楼东");
}

Test(address, units_and_rooms)
{
	name_is(wg_unit_name, "1单元", "1");
	name_is(wg_unit_name, "一单元", "1");
	name_is(wg_unit_name, "十", "10");
	name_is(wg_unit_name, "２", "2");
	name_is(wg_unit_name, "东单元", "东");
	name_is(wg_room_name, "301室", "301");
	name_is(wg_room_name, "301号", "301");
	name_is(wg_room_name, "３０１", "301");
	name_is(wg_room_name, "地下室", "地下室"); /* a room without a number keeps its word */
}

static void splits(const char *in, const char *b, const char *u, const char *r)
{
	struct wg_address a;
	const char *why = wg_address_split(in, &a);
	cr_assert_null(why, "'%s': %s", in, why);
	cr_assert_str_eq(a.building, b, "'%s': building '%s'", in, a.building);
	cr_assert_str_eq(a.unit, u, "'%s': unit '%s'", in, a.unit);
	cr_assert_str_eq(a.room, r, "'%s': room '%s'", in, a.room);
}

Test(address, addresses_split_into_building_unit_and_room)
{
	splits("3号楼1单元301室", "3号楼", "1", "301");
	splits("演示小区3号楼1单元301", "3号楼", "1", "301");
	splits("样板街道演示社区12栋 2单元 1201", "12栋", "2", "1201");
	splits("3-1-301", "3号楼", "1", "301");
	splits("３－１－３０１", "3号楼", "1", "301");
	splits("5号楼-2-201", "5号楼", "2", "201");
	splits("3栋一单元101", "3栋", "1", "101");
	splits("A座2单元1502", "A座", "2", "1502");
	splits("4#1201", "4号楼", "", "1201");
	splits("7栋302室", "7栋", "", "302");
	splits("演示胡同12号", "演示胡同12号", "", "");
	splits("样板里3号院", "样板里3号院", "", "");
}

Test(address, unreadable_addresses_say_how_to_write_them)
{
	struct wg_address a;
	const char *bad[] = { "不详", "", "31301", "演示小区", "3号楼" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *why = wg_address_split(bad[i], &a);
		cr_assert_not_null(why, "'%s' was split into %s/%s/%s", bad[i], a.building, a.unit, a.room);
		cr_assert_not_null(strstr(why, "3号楼1单元301"), "%s", why);
	}
}
