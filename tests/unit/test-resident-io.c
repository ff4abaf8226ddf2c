/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for resident import and export: every bad row named, both encodings, nothing half-written. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/resident.h>
#include "core/core-int.h"
#include "core/resident-priv.h"

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

TestSuite(resident_io, .init = setup, .fini = teardown);

static int count_rows(const char *table)
{
	char sql[64];
	sqlite3_stmt *st = NULL;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	return n;
}

static int import(const char *name, const void *data, size_t len, struct wg_problems *p,
		  struct wg_resident_import_result *res)
{
	wg_problems_init(p);
	return wg_resident_import_mem(ctx, name, data, len, WG_ENC_AUTO, p, res);
}

static char *export(int unmasked)
{
	char *buf = NULL;
	size_t len = 0;
	long rows;
	FILE *f = open_memstream(&buf, &len);
	cr_assert_eq(wg_resident_export(ctx, f, unmasked, &rows), WG_OK, "%s", wg_error(ctx));
	fclose(f);
	return buf;
}

/* A good file: ids built at run time, so the check characters are right. */
static char *good_file(void)
{
	char a[19], b[19], c[19], *out = malloc(1024);
	snprintf(out, 1024,
		 "name,gender,id_number,phone,cell_code,building,unit,room,tags\n"
		 "测试甲,,%s,13812345678,%s,1号楼,1,101,独居老人;低保\n"
		 "测试乙,女,%s,,%s,1号楼,1,102,党员\n"
		 "\"测试丙\",M,%s,010-12345678,%s,东楼,,3,退役军人；党员\n",
		 rf_id("19400312", 21, a), RF_G1, rf_id("19781105", 32, b), RF_G1,
		 rf_id("19850620", 45, c), RF_G3);
	return out;
}

Test(resident_io, good_file_is_imported_with_buildings_and_tags)
{
	struct wg_problems p;
	struct wg_resident_import_result res;
	char *f = good_file();
	cr_assert_eq(import("good.csv", f, strlen(f), &p, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_problems_count(&p), 0);
	cr_assert_eq(res.rows, 3);
	cr_assert_eq(res.buildings_added, 2);
	cr_assert_eq(res.tags_added, 1);
	cr_assert_str_eq(res.new_tags, "党员");
	cr_assert_eq(count_rows("residents"), 3);
	cr_assert_eq(count_rows("resident_tags"), 5);
	cr_assert_eq(rf_audit_count(ctx, "residents.import"), 1);
	cr_assert_eq(sqlite3_exec(wg_db(ctx), "INSERT INTO resident_search(resident_search, rank)"
				  " VALUES ('integrity-check', 1)", NULL, NULL, NULL), SQLITE_OK,
		     "imported rows are in the search index");
	wg_problems_free(&p);
	free(f);
}

static const char bad_template[] =
	"姓名,性别,身份证号,联系电话,网格编码,楼栋,单元,房号,标签\r\n"
	"测试甲,,%s,13812345678,%s,1号楼,1,101,\r\n"   /* line 2: good */
	"测试乙,,%.17s%c,,%s,,,,\r\n"                 /* line 3: wrong check character */
	"测试丙,,,1381234567,%s,,,,\r\n"              /* line 4: phone one digit short */
	"测试丁,,,,999999,,,,\r\n"                    /* line 5: no such cell */
	"测试戊,女,%s,,%s,,,,\r\n"                     /* line 6: gender disagrees with the number */
	",,,,%s,,,,\r\n"                               /* line 7: no name */
	"测试己,,%s,,%s,,,,\r\n";                      /* line 8: same number as line 2 */

static char *bad_file(void)
{
	char a[19], b[19], m[19], *out = malloc(2048);
	rf_id("19400312", 21, a);
	rf_id("19781105", 32, b);
	rf_id("19580909", 13, m);
	snprintf(out, 2048, bad_template, a, RF_G1, b, b[17] == '0' ? '1' : '0', RF_G1, RF_G1, m,
		 RF_G1, RF_G1, a, RF_G2);
	return out;
}

static void expect_bad_problems(const char *file, const struct wg_problems *p)
{
	char want[8][512], a[19], m[19];
	rf_id("19400312", 21, a);
	rf_id("19580909", 13, m);
	(void)m;
	snprintf(want[0], sizeof want[0], "%s:3: 身份证号: ends in ", file);
	snprintf(want[1], sizeof want[1], "%s:4: 联系电话: has 10 digits; a mobile number has 11", file);
	snprintf(want[2], sizeof want[2], "%s:5: 网格编码: there is no cell with the code 999999; "
		 "import the cells first or fix the code", file);
	snprintf(want[3], sizeof want[3], "%s:6: 性别: does not match the ID number, which says male",
		 file);
	snprintf(want[4], sizeof want[4], "%s:7: 姓名: is blank; fill it in", file);
	snprintf(want[5], sizeof want[5], "%s:8: 身份证号: the ID number %s is also on line 2 (测试甲); "
		 "a person is registered once", file, a);
	cr_assert_eq(wg_problems_count(p), 6, "%zu problems, first: %s", wg_problems_count(p),
		     wg_problems_get(p, 0));
	for (int i = 0; i < 6; i++)
		cr_assert_eq(strncmp(wg_problems_get(p, (size_t)i), want[i], strlen(want[i])), 0,
			     "problem %d:\n got  %s\n want %s", i, wg_problems_get(p, (size_t)i), want[i]);
}

Test(resident_io, every_bad_row_is_named_and_nothing_is_written)
{
	struct wg_problems p;
	struct wg_resident_import_result res;
	char *f = bad_file();
	cr_assert_eq(import("bad.csv", f, strlen(f), &p, &res), WG_EINVAL);
	expect_bad_problems("bad.csv", &p);
	cr_assert_eq(count_rows("residents"), 0);
	cr_assert_eq(count_rows("buildings"), 0, "the building of line 2 was not created");
	cr_assert(strstr(wg_error(ctx), "nothing was imported"), "%s", wg_error(ctx));
	wg_problems_free(&p);
	free(f);
}

Test(resident_io, gb18030_files_give_the_same_problems)
{
	struct wg_problems p;
	struct wg_resident_import_result res;
	size_t len;
	char *f = bad_file(), *gb = rf_gb18030(f, &len);
	cr_assert_neq(len, strlen(f), "the bytes really are GB18030");
	cr_assert_eq(import("bad-gb.csv", gb, len, &p, &res), WG_EINVAL);
	cr_assert_eq(res.encoding, WG_ENC_GB18030);
	expect_bad_problems("bad-gb.csv", &p);
	wg_problems_free(&p);
	free(gb);
	free(f);
	f = good_file();
	gb = rf_gb18030(f, &len);
	cr_assert_eq(import("good-gb.csv", gb, len, &p, &res), WG_OK, "%s", wg_error(ctx));
	char *got = export(0);
	cr_assert(strstr(got, "测试丙,M,"), "%s", got);
	free(got);
	wg_problems_free(&p);
	free(gb);
	free(f);
}

Test(resident_io, numbers_already_registered_name_the_record)
{
	struct wg_problems p;
	struct wg_resident_import_result res;
	char a[19], f[512];
	rf_add(ctx, "老住户", rf_id("19400312", 21, a), NULL, RF_G2, NULL, NULL, NULL);
	snprintf(f, sizeof f, "name,id_number,cell_code\n新来的,%s,%s\n", a, RF_G1);
	cr_assert_eq(import("dup.csv", f, strlen(f), &p, &res), WG_EINVAL);
	cr_assert_eq(wg_problems_count(&p), 1);
	cr_assert(strstr(wg_problems_get(&p, 0), "dup.csv:2: id_number: ") &&
		  strstr(wg_problems_get(&p, 0), "老住户 (乙网格)"), "%s", wg_problems_get(&p, 0));
	cr_assert_eq(count_rows("residents"), 1);
	wg_problems_free(&p);
	/* With another problem in the file the check still names the registered number. */
	snprintf(f, sizeof f, "name,id_number,cell_code\n新来的,%s,%s\n,,%s\n", a, RF_G1, RF_G1);
	cr_assert_eq(import("dup.csv", f, strlen(f), &p, &res), WG_EINVAL);
	cr_assert_eq(wg_problems_count(&p), 2, "%s", wg_problems_get(&p, 0));
	wg_problems_free(&p);
}

Test(resident_io, viewers_cannot_import)
{
	struct wg_problems p;
	struct wg_resident_import_result res;
	char *f = good_file();
	wg_set_user(ctx, 1, "tester", WG_ROLE_VIEWER);
	cr_assert_eq(import("good.csv", f, strlen(f), &p, &res), WG_EPERM);
	cr_assert_eq(count_rows("residents"), 0);
	wg_problems_free(&p);
	free(f);
}

Test(resident_io, masked_export_and_its_permissions)
{
	struct wg_problems p;
	struct wg_resident_import_result res;
	char *f = good_file(), *buf = NULL;
	size_t len = 0;
	long rows;
	cr_assert_eq(import("good.csv", f, strlen(f), &p, &res), WG_OK, "%s", wg_error(ctx));
	char *masked = export(0);
	cr_assert(strstr(masked, "测试甲,M,110105********021"), "%s", masked);
	cr_assert(strstr(masked, ",138****5678,"), "%s", masked);
	cr_assert(strstr(masked, ",1940-**-**,"), "%s", masked);
	cr_assert_null(strstr(masked, "13812345678"));
	FILE *out = open_memstream(&buf, &len);
	cr_assert_eq(wg_resident_export(ctx, out, 1, &rows), WG_EPERM, "a clerk may not unmask all");
	wg_set_user(ctx, 1, "tester", WG_ROLE_VIEWER);
	cr_assert_eq(wg_resident_export(ctx, out, 0, &rows), WG_EPERM);
	fclose(out);
	cr_assert_eq(len, 0, "a refused export writes nothing");
	wg_set_user(ctx, 1, "tester", WG_ROLE_ADMIN);
	char *full = export(1);
	cr_assert(strstr(full, ",13812345678,"), "%s", full);
	cr_assert_eq(rf_audit_count(ctx, "residents.export"), 2);
	free(buf);
	free(full);
	free(masked);
	wg_problems_free(&p);
	free(f);
}

Test(resident_io, unmasked_export_imports_back_the_same)
{
	struct wg_problems p;
	struct wg_resident_import_result res;
	char *f = good_file();
	wg_set_user(ctx, 1, "tester", WG_ROLE_ADMIN);
	cr_assert_eq(import("good.csv", f, strlen(f), &p, &res), WG_OK, "%s", wg_error(ctx));
	wg_problems_free(&p);
	char *first = export(1);
	rf_close(ctx);
	ctx = rf_open(WG_ROLE_ADMIN, 1);
	cr_assert_eq(import("again.csv", first, strlen(first), &p, &res), WG_OK, "%s", wg_error(ctx));
	char *second = export(1);
	cr_assert_str_eq(second, first);
	wg_problems_free(&p);
	free(first);
	free(second);
	free(f);
}

static void one_value(const char *sql, char *out, size_t outsz)
{
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
	out[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* A register as a street office keeps it: title row, serial numbers, other header names,
 * cells by name, GB/T 2261.1 gender codes, numbers in groups and full width, one address text. */
Test(resident_io, a_register_as_district_offices_keep_it)
{
	char a[19], b[19], c[19], file[2048], got[512];
	rf_id("19400312", 21, a);
	rf_id("19781105", 32, b);
	rf_id("19850620", 45, c);
	snprintf(file, sizeof file,
		 "演示社区居民花名册（虚构）,,,,,,,\r\n"
		 "序号,居民姓名,性别,民族,证件号码,手机号码,所属网格,现住址\r\n"
		 "1,测试甲,1,汉,%.6s %.8s %.4s,１３８１２３４５６７８,甲网格,演示小区5号楼2单元301室\r\n"
		 "2,测试乙,女性,汉,'%s,(010)12345678,乙网格,5-2-302\r\n"
		 "3,测试丙,,回,%s,,%s,演示胡同12号\r\n",
		 a, a + 6, a + 14, b, c, RF_G3);
	struct wg_problems p;
	struct wg_resident_import_result res;
	size_t len;
	char *gb = rf_gb18030(file, &len);
	cr_assert_eq(import("花名册.csv", gb, len, &p, &res), WG_OK, "%s / %s", wg_error(ctx),
		     wg_problems_count(&p) ? wg_problems_get(&p, 0) : "");
	cr_assert_eq(res.rows, 3);
	one_value("SELECT group_concat(r.name || ':' || r.gender || ':' || c.name || ':' ||"
		  " coalesce(b.name, '') || ':' || r.unit || ':' || r.room || ':' || r.phone, ' | ')"
		  " FROM residents r JOIN cells c ON c.id = r.cell_id"
		  " LEFT JOIN buildings b ON b.id = r.building_id ORDER BY r.id", got, sizeof got);
	cr_assert_str_eq(got, "测试甲:M:甲网格:5号楼:2:301:13812345678 | "
			      "测试乙:F:乙网格:5号楼:2:302:010-12345678 | "
			      "测试丙:M:丙网格:演示胡同12号:::");
	one_value("SELECT group_concat(id_number, ',') FROM residents ORDER BY id", got, sizeof got);
	char want[64];
	snprintf(want, sizeof want, "%s,%s,%s", a, b, c);
	cr_assert_str_eq(got, want, "ID numbers stored whole, without blanks or marks");
	wg_problems_free(&p);
	free(gb);
}

Test(resident_io, one_building_however_it_is_written)
{
	rf_add(ctx, "测试零", NULL, NULL, RF_G1, "5号楼", "101", NULL);
	static const char file[] = "name,cell_code,building,unit,room\n"
				   "测试甲,110105001001001,5,1单元,102室\n"
				   "测试乙,110105001001001,5栋,一单元,103\n"
				   "测试丙,１１０１０５００１００１００１,５号楼,1,104号\n"
				   "测试丁,110105001001002,5,,201\n"; /* another cell: another building */
	struct wg_problems p;
	struct wg_resident_import_result res;
	char got[256];
	cr_assert_eq(import("b.csv", file, strlen(file), &p, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(res.buildings_added, 1, "only the 5号楼 of the other cell is new");
	one_value("SELECT group_concat(b.name || '/' || r.unit || '/' || r.room, ',') FROM residents r"
		  " JOIN buildings b ON b.id = r.building_id ORDER BY r.id", got, sizeof got);
	cr_assert_str_eq(got, "5号楼//101,5号楼/1/102,5号楼/1/103,5号楼/1/104,5号楼//201");
	one_value("SELECT count(DISTINCT building_id) FROM residents", got, sizeof got);
	cr_assert_str_eq(got, "2");
	wg_problems_free(&p);
}

Test(resident_io, cells_by_name_addresses_and_headers_are_checked)
{
	sqlite3_exec(wg_db(ctx), "UPDATE cells SET name = '甲网格' WHERE code = '" RF_G3 "'", NULL,
		     NULL, NULL);
	static const char file[] = "姓名,所属网格,住址\n"
				   "测试甲,甲网格,1-1-101\n"   /* two cells have that name */
				   "测试乙,乙网格,不详\n"      /* no building in the address */
				   "测试丙,无此网格,1-1-102\n" /* no such cell */
				   "测试丁,,1-1-103\n";        /* no cell at all */
	struct wg_problems p;
	struct wg_resident_import_result res;
	cr_assert_eq(import("n.csv", file, strlen(file), &p, &res), WG_EINVAL);
	const char *want[] = {
		"n.csv:2: 所属网格: more than one cell is named 甲网格; give the cell's code instead",
		"n.csv:3: 住址: does not say the building, unit and room in a way wangge can read; "
		"write it as 3号楼1单元301 or 3-1-301, or fill the columns 楼栋, 单元 and 房号 instead",
		"n.csv:4: 所属网格: there is no cell named 无此网格; check the name or give the cell's code",
		"n.csv:5: 所属网格: is empty; enter the code of the resident's grid cell",
	};
	cr_assert_eq(wg_problems_count(&p), 4, "%zu: %s", wg_problems_count(&p), wg_problems_get(&p, 0));
	for (size_t i = 0; i < 4; i++)
		cr_assert_str_eq(wg_problems_get(&p, i), want[i]);
	cr_assert_eq(count_rows("residents"), 0);
	wg_problems_free(&p);

	static const char no_cell[] = "姓名,住址\n测试甲,1-1-101\n";
	cr_assert_eq(import("h.csv", no_cell, strlen(no_cell), &p, &res), WG_EINVAL);
	cr_assert_eq(wg_problems_count(&p), 1);
	cr_assert_str_eq(wg_problems_get(&p, 0), "h.csv:1: header: missing column 'cell_code' (网格编码, "
						 "网格) or 'cell_name' (所属网格, 网格名称); add one of "
						 "them to the header row");
	wg_problems_free(&p);
}

Test(resident_io, families_become_households)
{
	static const char file[] = "姓名,网格编码,楼栋,单元,房号,与户主关系\n"
				   "测试甲," RF_G1 ",1号楼,1,101,户主\n"
				   "测试乙," RF_G1 ",1号楼,1,101,配偶\n"
				   "测试丙," RF_G1 ",1号楼,1,101,户主\n" /* a second family in the flat */
				   "测试丁," RF_G1 ",1号楼,1,101,子女\n"
				   "测试戊," RF_G1 ",1号楼,,102,\n"
				   "测试己," RF_G1 ",1号楼,,102,\n"
				   "测试庚," RF_G1 ",,,,户主\n";        /* no address: no household */
	struct wg_problems p;
	struct wg_resident_import_result res;
	char got[256];
	rf_add(ctx, "测试零", NULL, NULL, RF_G1, "1号楼", "102", NULL); /* already at 102 */
	cr_assert_eq(import("h.csv", file, strlen(file), &p, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(res.households_added, 2, "two at 101; 102 had one already");
	one_value("SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n FROM residents"
		  " GROUP BY coalesce(household_id, -id) ORDER BY min(id))", got, sizeof got);
	cr_assert_str_eq(got, "3 2 2 1", "102 (零 戊 己), 101 (甲 乙), 101 (丙 丁), 庚 alone");
	wg_problems_free(&p);
}

/* The export's columns come from the field table: its places must be the contract's order
 * (interfaces.md), each once, and every field must name a setter or a text place. */
Test(resident_io, the_field_table_keeps_the_register_contract)
{
	static const char contract[] = "name,gender,id_number,phone,cell_code,building,unit,room,tags,"
				       "birth_date,relation,notes\n";
	int seen[WG_RF_COUNT] = { 0 };
	for (int f = 0; f < WG_RF_COUNT; f++) {
		const struct wg_rfield *rf = &wg_rfields[f];
		cr_assert(rf->csv_pos >= 0 && rf->csv_pos < WG_RF_COUNT, "%s", rf->csv);
		cr_assert_eq(seen[rf->csv_pos]++, 0, "two fields at place %d", rf->csv_pos);
		cr_assert(rf->set || (rf->kind != WG_RK_GENDER && rf->kind != WG_RK_TAGS && rf->size),
			  "%s has neither a setter nor a place", rf->csv);
		cr_assert_not_null(rf->info.key);
		cr_assert(rf->info.max > 0, "%s", rf->csv);
	}
	char *out = export(0);
	cr_assert_eq(strncmp(out, contract, strlen(contract)), 0, "%s", out);
	free(out);
	for (int w = 0; w < WG_RSQL_COUNT; w++) { /* every statement made from the table prepares */
		sqlite3_stmt *st = NULL;
		cr_assert_eq(sqlite3_prepare_v2(ctx->db, wg_resident_sql(w), -1, &st, NULL), SQLITE_OK,
			     "%s: %s", wg_resident_sql(w), sqlite3_errmsg(ctx->db));
		sqlite3_finalize(st);
	}
}

/* ---- a long register is read a window at a time ---- */

/* A register of n rows, four people a room, written to a temporary file. */
static void write_register(const char *path, long n)
{
	FILE *f = fopen(path, "w");
	char id[19], birth[9];
	cr_assert(f);
	fprintf(f, "姓名,身份证号,网格编码,楼栋,单元,房号,与户主关系\n");
	for (long i = 0; i < n; i++) {
		long day = i / 500; /* 500 people a birth date, each with its own sequence */
		snprintf(birth, sizeof birth, "%04ld%02ld%02ld", 1940 + day / 336, day / 28 % 12 + 1,
			 day % 28 + 1);
		fprintf(f, "测试%ld,%s,%s,%ld号楼,%ld,%ld,%s\n", i, rf_id(birth, (int)(i % 500) + 1, id),
			RF_G1, i / 400 + 1, i / 100 % 4 + 1, i / 4 % 25 + 101, i % 4 ? "子女" : "户主");
	}
	cr_assert_eq(fclose(f), 0);
}

static long status_kib(const char *key)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, key, strlen(key)) == 0)
			v = atol(line + strlen(key));
	if (f)
		fclose(f);
	return v;
}

/* Imports path into a fresh database in a child process: how far its peak resident memory
 * rose above where it stood (KiB), or -1 when the peak cannot be reset here. */
static long import_peak(const char *path, long rows)
{
	int fds[2];
	long kib = -1;
	cr_assert_eq(pipe(fds), 0);
	pid_t pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		struct wg_ctx *c = rf_open(WG_ROLE_CLERK, 1);
		struct wg_problems p = { 0 };
		struct wg_resident_import_result res;
		long before = status_kib("VmRSS:");
		FILE *cr = fopen("/proc/self/clear_refs", "w"); /* "5": the peak starts again */
		int reset = cr && fputs("5", cr) >= 0;
		if (cr && fclose(cr) != 0)
			reset = 0;
		int rc = wg_resident_import_file(c, path, WG_ENC_AUTO, &p, &res);
		kib = reset ? status_kib("VmHWM:") - before : -1;
		if (rc != WG_OK || res.rows != rows)
			kib = -2;
		if (write(fds[1], &kib, sizeof kib) != (ssize_t)sizeof kib)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	cr_assert_eq(read(fds[0], &kib, sizeof kib), (ssize_t)sizeof kib);
	close(fds[0]);
	waitpid(pid, NULL, 0);
	cr_assert_neq(kib, -2, "the import of %ld rows failed", rows);
	return kib;
}

/* Three times the rows cost about the same memory: the file and its rows are not held (they
 * were: 12 MB more for the 40,000 rows more).  What grows is the households' map (some 2.5 MB
 * for 10,000 households more, heaptrack) and the allocator's slack around it. */
Test(resident_io, a_long_register_costs_no_more_memory_than_a_short_one)
{
#if defined(__SANITIZE_ADDRESS__)
	cr_skip("the sanitizer's allocator keeps what is freed");
#endif
	const char *small = "/tmp/wg-test-register-20k.csv", *large = "/tmp/wg-test-register-60k.csv";
	write_register(small, 20000);
	write_register(large, 60000);
	long a = import_peak(small, 20000), b = import_peak(large, 60000);
	unlink(small);
	unlink(large);
	if (a == -1 || b == -1)
		cr_skip("/proc/self/clear_refs cannot reset the peak here");
	cr_log_info("peak above the start: 20,000 rows %ld KiB, 60,000 rows %ld KiB", a, b);
	cr_expect_lt(b - a, 6144, "60,000 rows took %ld KiB more than 20,000", b - a);
}

/* ---- a large import builds the plain indexes once, at its end ---- */

/* Every index of the database with its definition, one line each, by name. */
static char *index_list(void)
{
	char *out = NULL;
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), "SELECT group_concat(name || ': ' ||"
			" coalesce(sql, '(unique)'), char(10)) FROM (SELECT name, sql FROM sqlite_master"
			" WHERE type = 'index' ORDER BY name)", -1, &st, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static void expect_sound(void)
{
	char check[64], plan[256];
	one_value("PRAGMA integrity_check", check, sizeof check);
	cr_expect_str_eq(check, "ok");
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), "EXPLAIN QUERY PLAN SELECT id FROM residents"
					" WHERE household_id = 1", -1, &st, NULL), SQLITE_OK);
	snprintf(plan, sizeof plan, "%s", sqlite3_step(st) == SQLITE_ROW ?
		 (const char *)sqlite3_column_text(st, 3) : "");
	sqlite3_finalize(st);
	cr_expect(strstr(plan, "residents_household") != NULL, "the plan: %s", plan);
}

static long file_size(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n = f && fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (f)
		fclose(f);
	return n;
}

/* Large for its size (dropped at the start) and large only as its rows came (dropped at the
 * thousandth row): the same indexes after, sound, used; the rows all there. */
Test(resident_io, a_large_import_builds_the_plain_indexes_again)
{
	const char *path = "/tmp/wg-test-register-bulk.csv";
	struct wg_problems p = { 0 };
	struct wg_resident_import_result res;
	char *before = index_list();
	write_register(path, 1400); /* short rows: the size says fewer than 1,000 */
	cr_assert_lt(file_size(path) / 100, WG_BULK_DEFER_MIN);
	cr_assert_eq(wg_resident_import_file(ctx, path, WG_ENC_AUTO, &p, &res), WG_OK, "%s",
		     wg_error(ctx));
	char *after = index_list();
	cr_expect_str_eq(after, before);
	expect_sound();
	cr_expect_eq(count_rows("residents"), 1400);
	free(after);
	wg_problems_free(&p);
	write_register(path, 3000);
	cr_assert_geq(file_size(path) / 100, WG_BULK_DEFER_MIN);
	cr_assert_eq(sqlite3_exec(wg_db(ctx), "DELETE FROM residents", NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(wg_resident_import_file(ctx, path, WG_ENC_AUTO, &p, &res), WG_OK, "%s",
		     wg_error(ctx));
	after = index_list();
	cr_expect_str_eq(after, before);
	expect_sound();
	cr_expect_eq(count_rows("residents"), 3000);
	unlink(path);
	free(before);
	free(after);
	wg_problems_free(&p);
}

/* A refused import leaves the indexes as they were: their dropping is rolled back with it. */
Test(resident_io, a_refused_large_import_keeps_its_indexes)
{
	const char *path = "/tmp/wg-test-register-refused.csv";
	struct wg_problems p = { 0 };
	struct wg_resident_import_result res;
	char *before = index_list();
	write_register(path, 3000);
	FILE *f = fopen(path, "a");
	cr_assert(f);
	fprintf(f, "坏行,110105194001010000,no-such-cell,1号楼,1,101,户主\n");
	cr_assert_eq(fclose(f), 0);
	cr_expect_eq(wg_resident_import_file(ctx, path, WG_ENC_AUTO, &p, &res), WG_EINVAL);
	cr_assert_geq(wg_problems_count(&p), 1);
	cr_expect(strstr(wg_problems_get(&p, 0), ":3002:") != NULL, "%s", wg_problems_get(&p, 0));
	char *after = index_list();
	cr_expect_str_eq(after, before);
	expect_sound();
	cr_expect_eq(count_rows("residents"), 0);
	unlink(path);
	free(before);
	free(after);
	wg_problems_free(&p);
}
