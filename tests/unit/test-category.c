/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for category import: both layouts, headers, encodings, every check, --expect. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <wangge/category.h>
#include "cat-fixture.h"

static struct wg_ctx *ctx;
static struct wg_problems probs;
static struct wg_category_import_result res;

static void setup(void)
{
	ctx = catfx_open();
	cr_assert_not_null(ctx, "cannot make the test database");
	wg_problems_init(&probs);
}

static void teardown(void)
{
	wg_problems_free(&probs);
	catfx_close(ctx);
}

TestSuite(catimport, .init = setup, .fini = teardown);

#define NODE_HEAD "code,parent_code,level,name_zh,name_en,time_limit_hours,responsible,priority\n"

/* Two sectors, three large categories, three categories, six sub-categories. */
static const char small_node[] = NODE_HEAD
	"01,,1,城市环境,City environment,72,,\n"
	"0101,01,2,环境卫生,Sanitation,,,\n"
	"010101,0101,3,垃圾清运,Garbage removal,24,,\n"
	"01010101,010101,4,垃圾满溢,Overflowing bins,,property,high\n"
	"01010102,010101,4,垃圾桶破损,Broken bin,48,property,\n"
	"0102,01,2,市容秩序,City appearance,,,\n"
	"010201,0102,3,道路设施,Road facilities,,,\n"
	"01020101,010201,4,行人道路破损,Broken footpath,,urban_mgmt,\n"
	"01020102,010201,4,路灯长明,Street light on all day,,utility,low\n"
	"02,,1,经济动态,Economy,,,\n"
	"0201,02,2,金融服务,Financial services,,,\n"
	"020101,0201,3,银行网点,Bank branches,,,\n"
	"02010101,020101,4,银行网点排队过长,Long queues at a bank branch,120,market,\n"
	"02010102,020101,4,重复收费,Charged twice,,market,urgent\n";

#define FLAT_HEAD "sector_code,sector_name,sector_name_en,large_code,large_name,large_name_en," \
	"category_code,category_name,category_name_en,sub_code,sub_name,sub_name_en," \
	"time_limit_hours,responsible,priority\n"

/* The same shape in the flat layout: one row per sub-category. */
static const char small_flat[] = FLAT_HEAD
	"01,城市环境,City environment,0101,环境卫生,Sanitation,010101,垃圾清运,Garbage removal,"
	"01010101,垃圾满溢,Overflowing bins,24,property,high\n"
	"01,城市环境,City environment,0101,环境卫生,Sanitation,010101,垃圾清运,Garbage removal,"
	"01010102,垃圾桶破损,Broken bin,48,property,\n"
	"01,城市环境,City environment,0102,市容秩序,City appearance,010201,道路设施,Road facilities,"
	"01020101,行人道路破损,Broken footpath,,urban_mgmt,\n"
	"01,城市环境,City environment,0102,市容秩序,City appearance,010201,道路设施,Road facilities,"
	"01020102,路灯长明,Street light on all day,8,utility,low\n"
	"02,经济动态,Economy,0201,金融服务,Financial services,020101,银行网点,Bank branches,"
	"02010101,银行网点排队过长,Long queues at a bank branch,120,market,\n"
	"02,经济动态,Economy,0201,金融服务,Financial services,020101,银行网点,Bank branches,"
	"02010102,重复收费,Charged twice,,market,urgent\n";

static void import_ok(const char *text, int replace)
{
	int rc = catfx_import(ctx, text, NULL, replace, &probs, &res);
	cr_assert_eq(wg_problems_count(&probs), 0, "first problem: %s", wg_problems_get(&probs, 0));
	cr_assert_eq(rc, WG_OK, "import failed: %s", wg_error(ctx));
}

static void expect_counts(int s, int l, int c, int u)
{
	cr_expect_eq(res.counts[0], s);
	cr_expect_eq(res.counts[1], l);
	cr_expect_eq(res.counts[2], c);
	cr_expect_eq(res.counts[3], u);
}

/* One column of the category with this code, as text ("" if NULL or no such code). */
static const char *col(const char *code, const char *column)
{
	static char buf[8][256];
	static int k;
	char sql[160];
	char *out = buf[k++ % 8];
	snprintf(sql, sizeof sql, "SELECT coalesce(%s, '') FROM categories WHERE code = ?1", column);
	catfx_text(ctx, sql, code, out, 256);
	return out;
}

/* A fingerprint of the whole category table and the audit log, to prove nothing was written. */
static long table_digest(void)
{
	return catfx_int(ctx, "SELECT (SELECT count(*) FROM audit_log) * 1000003 + count(*) * 1009"
			      " + total(length(code || name_zh || name_en || responsible || priority)"
			      " + coalesce(time_limit_hours, 0) + active + level + sort"
			      " + coalesce(parent_id, 0) % 997) FROM categories");
}

/* Imports text, which must be refused with exactly these problems, and change nothing. */
static void refused(const char *text, int replace, const int *expect, ...)
{
	long before = table_digest();
	va_list ap;
	int rc = catfx_import(ctx, text, expect, replace, &probs, &res);
	cr_assert_eq(rc, WG_EINVAL, "import should be refused (rc %d)", rc);
	va_start(ap, expect);
	size_t i = 0;
	for (const char *want; (want = va_arg(ap, const char *)) != NULL; i++) {
		const char *got = wg_problems_get(&probs, i);
		cr_assert_not_null(got, "problem %zu missing, expected: %s", i, want);
		cr_assert_str_eq(got, want, "problem %zu\n got: %s\nwant: %s", i, got, want);
	}
	va_end(ap);
	cr_assert_eq(wg_problems_count(&probs), i, "extra problem: %s", wg_problems_get(&probs, i));
	cr_assert_eq(table_digest(), before, "a refused import changed the database");
}

/* ---- good files ---- */

Test(catimport, node_layout_english_header)
{
	import_ok(small_node, 0);
	cr_assert_str_eq(res.layout, "node");
	cr_assert_eq(res.encoding, WG_ENC_UTF8);
	expect_counts(2, 3, 3, 6);
	cr_assert_eq(res.added, 14);
	cr_assert_eq(catfx_int(ctx, "SELECT count(*) FROM categories"), 14);
	cr_assert_str_eq(col("01010101", "name_en"), "Overflowing bins");
	cr_assert_str_eq(col("01010101", "priority"), "high");
	cr_assert_str_eq(col("01010102", "priority"), "normal", "empty priority means normal");
	cr_assert_str_eq(col("01010102", "time_limit_hours"), "48");
	cr_assert_str_eq(col("0101", "time_limit_hours"), "", "no limit is stored as NULL");
	cr_assert_eq(catfx_int1(ctx, "SELECT p.code = '010101' FROM categories c JOIN categories p"
				     " ON p.id = c.parent_id WHERE c.code = ?1", "01010102"), 1);
	cr_assert_eq(catfx_int(ctx, "SELECT count(*) FROM audit_log WHERE action = 'categories.import'"),
		     1);
}

Test(catimport, flat_layout_english_header)
{
	import_ok(small_flat, 0);
	cr_assert_str_eq(res.layout, "flat");
	expect_counts(2, 3, 3, 6);
	cr_assert_eq(catfx_int(ctx, "SELECT count(*) FROM categories WHERE level = 3"), 3);
	cr_assert_str_eq(col("0102", "name_zh"), "市容秩序");
	cr_assert_str_eq(col("0102", "name_en"), "City appearance");
	cr_assert_str_eq(col("01020102", "responsible"), "utility");
	cr_assert_str_eq(col("01020102", "time_limit_hours"), "8");
	cr_assert_str_eq(col("010201", "time_limit_hours"), "", "only leaves carry limits in flat files");
}

Test(catimport, node_layout_chinese_header_any_order)
{
	import_ok("英文名称,处置时限,名称,上级编码,编码,优先级,责任主体\n"
		  "City environment,,城市环境,,01,,\n"
		  "Sanitation,,环境卫生,01,0101,,\n"
		  "Garbage removal,,垃圾清运,0101,010101,,\n"
		  "Overflowing bins,12,垃圾满溢,010101,01010101,紧急,property\n", 0);
	expect_counts(1, 1, 1, 1);
	cr_assert_str_eq(col("01010101", "priority"), "urgent", "紧急 is urgent");
	cr_assert_str_eq(col("01010101", "time_limit_hours"), "12");
	cr_assert_str_eq(col("01010101", "level"), "4", "levels follow from the parents");
}

Test(catimport, flat_layout_chinese_header_any_order)
{
	import_ok("细类名称,细类编码,处置时限,小类编码,小类名称,大类编码,大类名称,领域名称,领域编码,"
		  "细类英文名称,优先级\n"
		  "垃圾满溢,01010101,24,010101,垃圾清运,0101,环境卫生,城市环境,01,Overflowing bins,高\n"
		  "垃圾桶破损,01010102,,010101,垃圾清运,0101,环境卫生,城市环境,01,Broken bin,低\n", 0);
	cr_assert_str_eq(res.layout, "flat");
	expect_counts(1, 1, 1, 2);
	cr_assert_str_eq(col("01010101", "name_en"), "Overflowing bins");
	cr_assert_str_eq(col("01010102", "priority"), "low");
	cr_assert_str_eq(col("0101", "name_en"), "", "English names are optional");
}

Test(catimport, gb18030_detected)
{
	size_t len;
	char *gb = catfx_iconv("编码,上级编码,名称,处置时限\n"
			       "01,,城市环境,\n0101,01,环境卫生,\n010101,0101,垃圾清运,\n"
			       "01010101,010101,垃圾满溢,24\n", "GB18030", &len);
	cr_assert_not_null(gb);
	cr_assert_eq(strstr(gb, "城市"), NULL, "the bytes must really be GB18030");
	int rc = wg_category_import_mem(ctx, "gb.csv", gb, len, WG_ENC_AUTO, NULL, 0, &probs, &res);
	free(gb);
	cr_assert_eq(rc, WG_OK, "%s", wg_problems_get(&probs, 0));
	cr_assert_eq(res.encoding, WG_ENC_GB18030);
	cr_assert_str_eq(col("01010101", "name_zh"), "垃圾满溢", "names are stored as UTF-8");
	cr_assert_str_eq(col("01", "name_zh"), "城市环境");
}

Test(catimport, bom_crlf_and_quoted_commas)
{
	import_ok("\xEF\xBB\xBF" "code,parent_code,name_zh,name_en\r\n"
		  "01,,城市环境,City environment\r\n"
		  "0101,01,\"环境卫生,市容\",\"Sanitation, appearance\"\r\n"
		  "010101,0101,\"垃圾\"\"清运\"\"\",Garbage removal\r\n"
		  "01010101,010101,垃圾满溢,\"Overflowing bins, \"\"full\"\"\"\r\n"
		  "\r\n\r\n", 0);
	expect_counts(1, 1, 1, 1);
	cr_assert_str_eq(col("01", "code"), "01", "the byte-order mark is not part of the first header");
	cr_assert_str_eq(col("01", "name_en"), "City environment", "no CR left at the end");
	cr_assert_str_eq(col("0101", "name_zh"), "环境卫生,市容");
	cr_assert_str_eq(col("0101", "name_en"), "Sanitation, appearance");
	cr_assert_str_eq(col("010101", "name_zh"), "垃圾\"清运\"");
	cr_assert_str_eq(col("01010101", "name_en"), "Overflowing bins, \"full\"");
}

Test(catimport, active_column_in_node_layout)
{
	import_ok("code,parent_code,name_zh,active\n01,,城市环境,1\n0101,01,环境卫生,0\n"
		  "0102,01,市容秩序,停用\n0103,01,园林绿化,\n", 0);
	cr_assert_str_eq(col("0101", "active"), "0");
	cr_assert_str_eq(col("0102", "active"), "0");
	cr_assert_str_eq(col("0103", "active"), "1", "empty means active");
}

Test(catimport, needs_a_clerk)
{
	wg_set_user(ctx, 1, "viewer", WG_ROLE_VIEWER);
	long before = table_digest();
	cr_assert_eq(catfx_import(ctx, small_node, NULL, 0, &probs, &res), WG_EPERM);
	cr_assert_eq(table_digest(), before);
}

Test(catimport, refuses_a_second_table_without_replace)
{
	import_ok(small_node, 0);
	long before = table_digest();
	cr_assert_eq(catfx_import(ctx, small_flat, NULL, 0, &probs, &res), WG_EINVAL);
	cr_assert_str_eq(wg_error(ctx), "t.csv: the database already has a category table (14 nodes); "
					"nothing was changed. Use --replace to update it.");
	cr_assert_eq(table_digest(), before);
}

/* ---- every check, with its exact message, and nothing written ---- */

Test(catimport, missing_parent)
{
	refused("code,parent_code,name_zh\n01,,城市环境\n0101,09,环境卫生\n010101,0101,垃圾清运\n", 0,
		NULL, "t.csv:3: parent_code: parent 09 is not in the file; add it or fix the code", NULL);
}

Test(catimport, missing_parent_names_the_chinese_column)
{
	refused("编码,上级编码,名称\n01,,城市环境\n0101,09,环境卫生\n", 0, NULL,
		"t.csv:3: 上级编码: parent 09 is not in the file; add it or fix the code", NULL);
}

Test(catimport, duplicate_code)
{
	refused("code,parent_code,name_zh\n01,,城市环境\n0101,01,环境卫生\n01,,经济动态\n", 0, NULL,
		"t.csv:4: code: duplicate code 01 (first on line 2)", NULL);
}

Test(catimport, level_not_following_parent)
{
	refused("code,parent_code,level,name_zh\n01,,1,城市环境\n0101,01,3,环境卫生\n"
		"010101,0101,3,垃圾清运\n", 0, NULL,
		"t.csv:3: level: level 3 does not follow its parent: 01 is at level 1, so this node "
		"is level 2", NULL);
}

Test(catimport, level_of_a_node_without_parent)
{
	refused("代码,上级编码,层级,名称\n01,,2,城市环境\n", 0, NULL,
		"t.csv:2: 层级: level 2 but no parent code: a node without a parent is a sector "
		"(level 1)", NULL);
}

Test(catimport, level_out_of_range_and_too_deep)
{
	refused("code,parent_code,level,name_zh\n1,,1,甲\n12,1,2,乙\n123,12,3,丙\n1234,123,4,丁\n"
		"12345,1234,,戊\n9,,five,己\n", 0, NULL,
		"t.csv:7: level: level 'five' is not valid: use 1 (sector) to 4 (sub-category)",
		"t.csv:6: parent_code: code 12345 is more than 4 levels deep or in a loop of parents",
		NULL);
}

Test(catimport, parent_loop)
{
	refused("code,parent_code,name_zh\n01,02,甲\n02,01,乙\n", 0, NULL,
		"t.csv:2: parent_code: code 01 is more than 4 levels deep or in a loop of parents",
		"t.csv:3: parent_code: code 02 is more than 4 levels deep or in a loop of parents",
		NULL);
}

Test(catimport, empty_name_and_code)
{
	refused("code,parent_code,name_zh\n01,,城市环境\n0101,01,\n,01,市容秩序\n", 0, NULL,
		"t.csv:3: name_zh: the name is empty",
		"t.csv:4: code: the code is empty", NULL);
}

Test(catimport, bad_time_limits)
{
	refused("code,parent_code,name_zh,time_limit_hours\n01,,城市环境,abc\n0101,01,环境卫生,0\n"
		"0102,01,市容秩序,8761\n0103,01,园林绿化,1.5\n0104,01,噪声,-3\n0105,01,油烟,8760\n", 0,
		NULL,
		"t.csv:2: time_limit_hours: time limit 'abc' is not valid: give whole hours from 1 to "
		"8760, or leave it empty to inherit",
		"t.csv:3: time_limit_hours: time limit '0' is not valid: give whole hours from 1 to "
		"8760, or leave it empty to inherit",
		"t.csv:4: time_limit_hours: time limit '8761' is not valid: give whole hours from 1 to "
		"8760, or leave it empty to inherit",
		"t.csv:5: time_limit_hours: time limit '1.5' is not valid: give whole hours from 1 to "
		"8760, or leave it empty to inherit",
		"t.csv:6: time_limit_hours: time limit '-3' is not valid: give whole hours from 1 to "
		"8760, or leave it empty to inherit", NULL);
}

Test(catimport, unknown_priority_and_responsible)
{
	refused(NODE_HEAD "01,,1,城市环境,,,nobody,\n0101,01,2,环境卫生,,,,asap\n", 0, NULL,
		"t.csv:2: responsible: unknown responsible party 'nobody'; see the list in wangge(1)",
		"t.csv:3: priority: unknown priority 'asap'; use urgent, high, normal or low", NULL);
}

Test(catimport, flat_path_disagrees)
{
	refused("领域编码,领域名称,大类编码,大类名称,小类编码,小类名称,细类编码,细类名称\n"
		"01,城市环境,0101,环境卫生,010101,垃圾清运,01010101,垃圾满溢\n"
		"02,经济动态,0101,环境卫生,010101,垃圾清运,01010102,垃圾桶破损\n"
		"01,城市管理,0101,环境卫生,010101,垃圾清运,01010103,垃圾焚烧\n"
		"01,城市环境,0101,环境卫生,010101,垃圾清运,01010101,垃圾满地\n"
		"01,城市环境,0101,环境卫生,0101,垃圾清运,01010104,垃圾分类\n", 0, NULL,
		"t.csv:3: 大类编码: large category 0101 is under 02 here but under 01 on line 2",
		"t.csv:4: 领域名称: sector 01 is named '城市管理' here but '城市环境' on line 2",
		"t.csv:5: 细类编码: duplicate code 01010101 (first on line 2 as a sub-category)",
		"t.csv:6: 小类编码: duplicate code 0101 (first on line 2 as a large category)", NULL);
}

Test(catimport, flat_english_name_disagrees)
{
	refused(FLAT_HEAD "01,城市环境,City environment,0101,环境卫生,Sanitation,010101,垃圾清运,,"
		"01010101,垃圾满溢,,,,\n"
		"01,城市环境,Urban environment,0101,环境卫生,Sanitation,010101,垃圾清运,,"
		"01010102,垃圾桶破损,,,,\n", 0, NULL,
		"t.csv:3: sector_name_en: sector 01 is named 'Urban environment' here but "
		"'City environment' on line 2", NULL);
}

Test(catimport, flat_empty_cells_and_bad_extras)
{
	refused(FLAT_HEAD "01,城市环境,,0101,,,010101,垃圾清运,,01010101,垃圾满溢,,24,,\n"
		"01,城市环境,,0102,市容,,010201,道路,,01020101,,,,,\n"
		"01,城市环境,,0102,市容,,010201,道路,,01020102,路灯,,x,nobody,asap\n", 0, NULL,
		"t.csv:2: large_name: the name is empty",
		"t.csv:3: sub_name: the name is empty",
		"t.csv:4: time_limit_hours: time limit 'x' is not valid: give whole hours from 1 to "
		"8760, or leave it empty to inherit",
		"t.csv:4: responsible: unknown responsible party 'nobody'; see the list in wangge(1)",
		"t.csv:4: priority: unknown priority 'asap'; use urgent, high, normal or low", NULL);
}

Test(catimport, missing_column_is_the_only_problem)
{
	refused("code,parent_code,name_en\n01,,City\n", 0, NULL,
		"t.csv:1: header: missing column 'name_zh' (名称, 中文名称, name); add it to the header row",
		NULL);
}

Test(catimport, header_only)
{
	refused(NODE_HEAD, 0, NULL, "t.csv: the file has no categories", NULL);
}

Test(catimport, bad_file_over_an_existing_table_changes_nothing)
{
	import_ok(small_node, 0);
	refused("code,parent_code,name_zh\n01,,城市环境\n0101,09,环境卫生\n", 1, NULL,
		"t.csv:3: parent_code: parent 09 is not in the file; add it or fix the code", NULL);
	cr_assert_eq(catfx_int(ctx, "SELECT count(*) FROM categories"), 14);
}

/* ---- --expect ---- */

Test(catimport, expect_matches)
{
	static const int want[WG_CAT_LEVELS] = { 2, 3, 3, 6 };
	int rc = catfx_import(ctx, small_node, want, 0, &probs, &res);
	cr_assert_eq(rc, WG_OK, "%s", wg_problems_get(&probs, 0));
}

Test(catimport, expect_names_each_level_off)
{
	static const int want[WG_CAT_LEVELS] = { 2, 4, 3, 5 };
	refused(small_node, 0, want,
		"t.csv: level 2 (large categories): 3 in the file, 4 expected (1 missing)",
		"t.csv: level 4 (sub-categories): 6 in the file, 5 expected (1 too many)", NULL);
}

Test(catimport, expect_with_row_problems_lists_both)
{
	static const int want[WG_CAT_LEVELS] = { 1, 1, 1, 2 };
	refused("code,parent_code,name_zh\n01,,城市环境\n0101,01,环境卫生\n010101,0101,垃圾清运\n"
		"01010101,010101,\n", 0, want,
		"t.csv:5: name_zh: the name is empty",
		"t.csv: level 4 (sub-categories): 1 in the file, 2 expected (1 missing)", NULL);
}

Test(catimport, parse_expect)
{
	int e[WG_CAT_LEVELS];
	cr_assert_null(wg_category_parse_expect("10,118,577,3575", e));
	cr_assert(e[0] == 10 && e[1] == 118 && e[2] == 577 && e[3] == 3575);
	cr_assert_not_null(wg_category_parse_expect("10,118,577", e));
	cr_assert_not_null(wg_category_parse_expect("10,118,577,3575,1", e));
	cr_assert_not_null(wg_category_parse_expect("10,118,577,x", e));
	cr_assert_not_null(wg_category_parse_expect("-1,118,577,3575", e));
	cr_assert_not_null(wg_category_parse_expect("", e));
}

/* ---- --replace ---- */

/* small_node without 0101 and its subtree; one sub renamed, one moved, two added. */
static const char replaced[] = NODE_HEAD
	"01,,1,城市环境,City environment,72,,\n"
	"0102,01,2,市容秩序,City appearance,,,\n"
	"010201,0102,3,道路设施,Road facilities,,,\n"
	"01020101,010201,4,人行道破损,Broken pavement,,urban_mgmt,\n"
	"010202,0102,3,照明设施,Lighting,,,\n"
	"01020102,010202,4,路灯长明,Street light on all day,,utility,low\n"
	"02,,1,经济动态,Economy,,,\n"
	"0201,02,2,金融服务,Financial services,,,\n"
	"020101,0201,3,银行网点,Bank branches,,,\n"
	"02010101,020101,4,银行网点排队过长,Long queues at a bank branch,120,market,\n"
	"02010102,020101,4,重复收费,Charged twice,,market,urgent\n"
	"02010103,020101,4,自助设备故障,Self-service machine out of order,,market,\n";

static void expect_changes(int added, int renamed, int moved, int updated, int reactivated,
			   int retired, int removed, int unchanged)
{
	cr_expect_eq(res.updated, updated, "updated %d", res.updated);
	cr_expect_eq(res.added, added, "added %d", res.added);
	cr_expect_eq(res.renamed, renamed, "renamed %d", res.renamed);
	cr_expect_eq(res.moved, moved, "moved %d", res.moved);
	cr_expect_eq(res.reactivated, reactivated, "reactivated %d", res.reactivated);
	cr_expect_eq(res.retired, retired, "retired %d", res.retired);
	cr_expect_eq(res.removed, removed, "removed %d", res.removed);
	cr_expect_eq(res.unchanged, unchanged, "unchanged %d", res.unchanged);
}

static void expect_stats(int s, int l, int c, int u)
{
	int n[WG_CAT_LEVELS];
	cr_assert_eq(wg_category_stats(ctx, n), WG_OK);
	cr_expect(n[0] == s && n[1] == l && n[2] == c && n[3] == u, "stats %d %d %d %d", n[0], n[1],
		  n[2], n[3]);
}

Test(catimport, replace_retires_referenced_and_removes_the_rest)
{
	import_ok(small_node, 0);
	long id = catfx_int(ctx, "SELECT id FROM categories WHERE code = '01010101'");
	cr_assert(catfx_add_task(ctx, "01010101", 0) && catfx_add_task(ctx, "02010101", 0));
	import_ok(replaced, 1);
	expect_changes(2, 1, 1, 0, 0, 3, 1, 8);
	/* the case keeps its category, now retired along with the ancestors the new table lacks */
	cr_assert_eq(catfx_int(ctx, "SELECT id FROM categories WHERE code = '01010101'"), id);
	cr_assert_str_eq(col("01010101", "active"), "0");
	cr_assert_str_eq(col("010101", "active"), "0");
	cr_assert_str_eq(col("0101", "active"), "0");
	cr_assert_str_eq(col("01", "active"), "1");
	cr_assert_eq(catfx_int(ctx, "SELECT count(*) FROM categories WHERE code = '01010102'"), 0,
		     "an unreferenced missing code is removed");
	cr_assert_str_eq(col("01020101", "name_zh"), "人行道破损");
	cr_assert_eq(catfx_int1(ctx, "SELECT p.code = '010202' FROM categories c JOIN categories p"
				     " ON p.id = c.parent_id WHERE c.code = ?1", "01020102"), 1);
	expect_stats(2, 2, 3, 5);
	cr_assert_eq(catfx_int(ctx, "SELECT count(*) FROM audit_log WHERE action = 'categories.import'"
				    " AND detail LIKE '%retired 3 removed 1'"), 1);
}

Test(catimport, replace_twice_reports_no_change)
{
	import_ok(small_node, 0);
	cr_assert(catfx_add_task(ctx, "01010101", 0));
	import_ok(replaced, 1);
	import_ok(replaced, 1);
	expect_changes(0, 0, 0, 0, 0, 0, 0, 12);
	cr_assert_str_eq(col("01010101", "active"), "0", "still retired");
}

Test(catimport, replace_brings_a_retired_code_back)
{
	import_ok(small_node, 0);
	cr_assert(catfx_add_task(ctx, "01010101", 0));
	long id = catfx_int(ctx, "SELECT id FROM categories WHERE code = '01010101'");
	import_ok(replaced, 1);
	import_ok(small_node, 1);
	expect_changes(1, 1, 1, 0, 3, 0, 2, 8);
	cr_assert_eq(catfx_int(ctx, "SELECT id FROM categories WHERE code = '01010101'"), id);
	cr_assert_eq(catfx_int(ctx, "SELECT count(*) FROM categories WHERE active = 0"), 0);
	cr_assert_eq(catfx_int(ctx, "SELECT count(*) FROM categories WHERE code IN ('010202',"
				    " '02010103')"), 0);
	expect_stats(2, 3, 3, 6);
}

Test(catimport, replace_keeps_a_case_on_a_category_level_node)
{
	import_ok(small_node, 0);
	cr_assert(catfx_add_task(ctx, "0101", 0));
	import_ok(replaced, 1);
	expect_changes(2, 1, 1, 0, 0, 1, 3, 8);
	cr_assert_str_eq(col("0101", "active"), "0");
	cr_assert_eq(catfx_int(ctx, "SELECT count(*) FROM categories WHERE code LIKE '0101%'"), 1);
}

Test(catimport, replace_from_flat_over_node)
{
	import_ok(small_node, 0);
	import_ok(small_flat, 1);
	cr_assert_str_eq(res.layout, "flat");
	/* the flat file has no limits above the leaves (01, 010101) and gives 01010101 and
	 * 01020102 their own */
	expect_changes(0, 0, 0, 4, 0, 0, 0, 10);
	cr_assert_str_eq(col("01", "time_limit_hours"), "");
	cr_assert_str_eq(col("01010101", "time_limit_hours"), "24");
}

Test(catimport, replace_counts_details_and_explicit_retirement)
{
	import_ok("code,parent_code,name_zh,name_en,time_limit_hours,priority,active\n"
		  "01,,甲区,A,,,\n0101,01,乙项,B,,,\n0102,01,丙项,C,,,\n0103,01,丁项,D,,,\n"
		  "0104,01,戊项,E,,,\n", 0);
	import_ok("code,parent_code,name_zh,name_en,time_limit_hours,priority,active\n"
		  "01,,甲区,A,,,\n0101,01,乙项,Bee,,,\n0102,01,丙项,C,5,,\n0103,01,丁项,D,,high,\n"
		  "0104,01,戊项,E,,,0\n", 1);
	expect_changes(0, 1, 0, 2, 0, 1, 0, 1);
	expect_stats(1, 3, 0, 0);
}

/* ---- export ---- */

static char *export_text(enum wg_category_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cr_assert_not_null(f);
	cr_assert_eq(wg_category_export(ctx, f, fmt), WG_OK, "%s", wg_error(ctx));
	fclose(f);
	return buf;
}

/* Every field of every node, parent by code, in load order. */
static void tree_lines(struct wg_cattree *t, char ***out)
{
	*out = calloc((size_t)t->n, sizeof **out);
	for (int i = 0; i < t->n; i++) {
		const struct wg_catnode *nd = &t->nodes[i];
		cr_assert_neq(asprintf(&(*out)[i], "%s|%s|%d|%s|%s|%d|%d|%s|%s|%d",
				       wg_cattree_text(t, nd->code),
				       nd->parent >= 0 ? wg_cattree_text(t, t->nodes[nd->parent].code) : "-",
				       nd->level, wg_cattree_text(t, nd->name_zh),
				       wg_cattree_text(t, nd->name_en), nd->limit_hours, nd->eff_limit,
				       wg_cattree_text(t, nd->responsible), wg_cattree_text(t, nd->priority),
				       nd->active), -1);
	}
}

Test(catimport, export_csv_imports_into_an_identical_tree)
{
	struct wg_cattree before, after;
	char **a, **b;
	import_ok(small_node, 0);
	cr_assert(catfx_add_task(ctx, "01010101", 0));
	import_ok(replaced, 1); /* so that retired nodes travel too */
	char *csv = export_text(WG_CATFMT_CSV);
	cr_assert_eq(strncmp(csv, "code,parent_code,level,name_zh,name_en,time_limit_hours,"
				  "responsible,priority,active\n", 77), 0, "header: %.80s", csv);
	cr_assert_eq(wg_cattree_load(ctx, &before), WG_OK);
	catfx_close(ctx);
	ctx = catfx_open();
	cr_assert_not_null(ctx);
	import_ok(csv, 0);
	cr_assert_eq(wg_cattree_load(ctx, &after), WG_OK);
	cr_assert_eq(after.n, before.n);
	cr_assert_eq(after.n, 15);
	tree_lines(&before, &a);
	tree_lines(&after, &b);
	for (int i = 0; i < after.n; i++) {
		cr_expect_str_eq(b[i], a[i], "node %d\nbefore %s\nafter  %s", i, a[i], b[i]);
		free(a[i]);
		free(b[i]);
	}
	cr_assert_eq(after.nroots, 2);
	free(a);
	free(b);
	free(csv);
	wg_cattree_free(&before);
	wg_cattree_free(&after);
}

/* A small strict JSON checker: enough to prove the export parses. */
static const char *json_value(const char *p, int depth);

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (; *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 4;
			} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
				return NULL;
			}
		}
	}
	return p + 1;
}

static const char *json_members(const char *p, char close, int depth)
{
	p = json_ws(p);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (close == '}') {
			if (!(p = json_string(json_ws(p))) || *(p = json_ws(p)) != ':')
				return NULL;
			p++;
		}
		if (!(p = json_value(p, depth + 1)))
			return NULL;
		p = json_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *json_value(const char *p, int depth)
{
	p = json_ws(p);
	if (depth > 16)
		return NULL;
	if (*p == '{' || *p == '[')
		return json_members(p + 1, *p == '{' ? '}' : ']', depth);
	if (*p == '"')
		return json_string(p);
	for (const char *const *w = (const char *const[]){ "true", "false", "null", NULL }; *w; w++)
		if (strncmp(p, *w, strlen(*w)) == 0)
			return p + strlen(*w);
	char *end;
	strtod(p, &end);
	return end > p && (*p == '-' || (*p >= '0' && *p <= '9')) ? end : NULL;
}

Test(catimport, export_json_is_valid)
{
	import_ok("code,parent_code,name_zh,name_en,time_limit_hours\n"
		  "01,,城市\"环境\",\"Back\\slash, tab\t\",12\n0101,01,环境卫生,,\n", 0);
	char *js = export_text(WG_CATFMT_JSON);
	const char *end = json_value(js, 0);
	cr_assert_not_null(end, "not valid JSON:\n%s", js);
	cr_assert_str_eq(json_ws(end), "");
	cr_assert_eq(js[0], '[');
	cr_assert_not_null(strstr(js, "\"code\": \"01\", \"parent_code\": \"\", \"level\": 1, "
				      "\"name_zh\": \"城市\\\"环境\\\"\", \"name_en\": "
				      "\"Back\\\\slash, tab\\u0009\", \"time_limit_hours\": 12"), "%s", js);
	cr_assert_not_null(strstr(js, "\"time_limit_hours\": null"));
	cr_assert_not_null(strstr(js, "\"active\": true"));
	free(js);
}

Test(catimport, export_json_of_an_empty_table)
{
	char *js = export_text(WG_CATFMT_JSON);
	cr_assert_str_eq(js, "[]\n");
	free(js);
}

Test(catimport, json_checker_rejects_bad_json)
{
	static const char *const bad[] = { "[1,]", "{\"a\" 1}", "[\"\t\"]", "[tru]", "{\"a\":}",
					   "[\"\\x\"]", "[", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *end = json_value(bad[i], 0);
		cr_assert(!end || *json_ws(end), "accepted %s", bad[i]);
	}
}
