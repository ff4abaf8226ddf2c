/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for resident search: every kind of query against a plain substring oracle, paging, filters. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/resident.h>
#include "core/core-int.h"

#include "resident-fixture.h"

static struct wg_ctx *ctx;

struct person {
	const char *name, *birth;
	int seq;
	const char *phone, *cell, *building, *unit, *room, *tags;
};

/* Cell names above each grid, for the oracle. */
static const char *cell_names(const char *code)
{
	return strcmp(code, RF_G1) == 0 ? "甲网格 西社区 测试街道"
	       : strcmp(code, RF_G2) == 0 ? "乙网格 西社区 测试街道"
					  : "丙网格 东社区 测试街道";
}

static struct person people[] = {
	{ "张小明", "19800214", 123, "13812345678", RF_G1, "1号楼", "1", "101", "独居老人" },
	{ "李小红", "19750630", 222, "13987654321", RF_G1, "2号楼", "2", "202", "" },
	{ "王芳", "19911111", 0, "15000001111", RF_G2, "3号楼", "", "301", "低保" },
	{ "欧阳明明", "19600101", 31, "010-66668888", RF_G3, "东楼", "东", "A12", "" },
	{ "明", "20010909", 45, "", RF_G3, "", "", "", "" },
	{ "John Smith", "19880808", 57, "18600000000", RF_G2, "3号楼", "1", "1601", "流动人口" },
	{ "Alex Xu", "19990909", 67, "", RF_G3, "", "", "x12", "" },
};
#define NPEOPLE (sizeof people / sizeof people[0])

/* Their ID numbers, made by setup. */
static char ids[NPEOPLE][19];

static void setup(void)
{
	ctx = rf_open(WG_ROLE_VIEWER, 1);
	for (size_t i = 0; i < NPEOPLE; i++) {
		struct person *p = &people[i];
		rf_id(p->birth, p->seq, ids[i]);
		if (p->seq == 0) /* find a sequence whose check character is X */
			for (int s = 1; ids[i][17] != 'X'; s++)
				rf_id(p->birth, s, ids[i]);
		int64_t id = rf_add(ctx, p->name, ids[i], p->phone, p->cell, p->building, p->room, p->tags);
		struct wg_resident r;
		cr_assert_eq(wg_resident_load(ctx, id, &r), WG_OK);
		if (*p->unit) {
			wg_set_user(ctx, 1, "tester", WG_ROLE_CLERK);
			cr_assert_eq(wg_resident_set(ctx, &r, WG_RF_UNIT, p->unit), WG_OK);
			cr_assert_eq(wg_resident_save(ctx, &r), WG_OK, "%s", wg_error(ctx));
			wg_set_user(ctx, 1, "tester", WG_ROLE_VIEWER);
		}
	}
}

static void teardown(void)
{
	rf_close(ctx);
}

TestSuite(search, .init = setup, .fini = teardown);

/* Lower case, no blanks or hyphens, full-width digits and letters as ASCII: what search ignores. */
static void fold(const char *s, char *out, size_t outsz)
{
	size_t n = 0;
	while (*s && n + 4 < outsz) {
		unsigned char c = (unsigned char)*s;
		if (c == 0xEF && (unsigned char)s[1] == 0xBC && (unsigned char)s[2] >= 0x81) {
			out[n++] = (char)(s[2] - 0x81 + 0x21); /* U+FF01..U+FF3F */
			s += 3;
		} else if (c == ' ' || c == '-') {
			s++;
		} else {
			out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			s++;
		}
	}
	out[n] = '\0';
}

static int holds(const char *field, const char *q)
{
	char f[256];
	fold(field, f, sizeof f);
	return strstr(f, q) != NULL;
}

/* q inside the first n characters of s, or inside s from character from on. */
static int in_part(const char *s, size_t from, size_t n, const char *q)
{
	char part[64];
	snprintf(part, sizeof part, "%.*s", (int)n, strlen(s) > from ? s + from : "");
	return *q && strstr(part, q) != NULL;
}

/*
 * q found in a folded ID number or phone by someone of the current role: roles that may
 * reveal match any digits; the others only what the mask shows (the first 6 and last 4 of an
 * ID number, the first 3 and last 4 of a mobile, a landline's area code and last 2) or the
 * whole number (3 characters or more).
 */
static int number_holds(const char *num, const char *area_end, const char *q)
{
	size_t len = strlen(num);
	if (len == 0)
		return 0;
	if (wg_user_role(ctx) >= WG_ROLE_REVEAL)
		return *q && strstr(num, q) != NULL;
	if (strlen(q) >= 3 && strcmp(num, q) == 0)
		return 1;
	if (len == 18)
		return in_part(num, 0, 6, q) || in_part(num, 14, 4, q);
	if (area_end)
		return in_part(num, 0, (size_t)(area_end - num), q) || in_part(num, len - 2, 2, q);
	return in_part(num, 0, 3, q) || in_part(num, len - 4, 4, q);
}

/* The names search must return, in entry order, by plain substring matching. */
static void oracle(const char *query, char *out, size_t outsz)
{
	char q[128], phone[32], id[32];
	fold(query, q, sizeof q);
	out[0] = '\0';
	for (size_t i = 0; i < NPEOPLE; i++) {
		const struct person *p = &people[i];
		const char *dash = strchr(p->phone, '-');
		fold(p->phone, phone, sizeof phone);
		fold(ids[i], id, sizeof id);
		if (holds(p->name, q) || number_holds(id, NULL, q) ||
		    number_holds(phone, dash ? phone + (dash - p->phone) : NULL, q) || holds(p->unit, q) ||
		    holds(p->room, q) || holds(cell_names(p->cell), q) || holds(p->building, q))
			snprintf(out + strlen(out), outsz - strlen(out), "%s%s", *out ? "," : "", p->name);
	}
}

static char *search(const char *text, int page)
{
	struct wg_resident_query q = { .cell_id = 0 };
	snprintf(q.text, sizeof q.text, "%s", text);
	return rf_names(ctx, wg_resident_source(&q), page);
}

/* The oracle holds for a viewer and for an administrator (who may match hidden digits). */
static void expect_oracle(const char *query)
{
	static const enum wg_role roles[] = { WG_ROLE_VIEWER, WG_ROLE_ADMIN };
	enum wg_role was = wg_user_role(ctx);
	for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
		char want[1024];
		wg_set_user(ctx, 1, "tester", roles[r]);
		oracle(query, want, sizeof want);
		char *got = search(query, 50);
		cr_assert_str_eq(got, want, "query '%s' as %s", query, wg_role_name(roles[r]));
		free(got);
	}
	wg_set_user(ctx, 1, "tester", was);
}

Test(search, one_and_two_chinese_characters)
{
	char *got = search("明", 50);
	cr_assert_str_eq(got, "张小明,欧阳明明,明");
	free(got);
	got = search("小明", 50);
	cr_assert_str_eq(got, "张小明");
	free(got);
	expect_oracle("王");
	expect_oracle("罕");
	expect_oracle("欧阳明");
	expect_oracle("小 明");
}

Test(search, id_number_fragments)
{
	expect_oracle("0214");
	expect_oracle("1980");
	expect_oracle("110105");
	char tail[8];
	snprintf(tail, sizeof tail, "%c%c%cx", ids[2][14], ids[2][15], ids[2][16]);
	char *got = search(tail, 50);
	cr_assert_str_eq(got, "王芳", "lower-case x finds the X: %s", tail);
	free(got);
	expect_oracle(tail);
}

/* The latest audit entry: who, when and what. */
static void last_audit(const char *action, int64_t *user, int64_t *at, char *detail, size_t n)
{
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(wg_db(ctx), "SELECT user_id, at, detail FROM audit_log WHERE action = ?1"
			   " ORDER BY id DESC LIMIT 1", -1, &st, NULL);
	sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "no %s entry", action);
	*user = sqlite3_column_int64(st, 0);
	*at = sqlite3_column_int64(st, 1);
	snprintf(detail, n, "%s", (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
}

Test(search, a_viewer_cannot_narrow_a_hidden_digit)
{
	/* 张小明's ID number 11010519800214123? shows as 110105********123?. */
	char q[32], *first = NULL;
	int audits = rf_audit_count(ctx, "resident.search");
	const char *known[] = { "110105", "1101051980021", "138123456", "0214" };
	for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
		for (int d = 0; d <= 9; d++) {
			snprintf(q, sizeof q, "%s%d", known[k], d);
			char *got = search(q, 50);
			if (!first)
				first = got;
			else {
				cr_assert_str_eq(got, first, "'%s' must find what '%s0' finds", q, known[0]);
				free(got);
			}
		}
	}
	cr_assert_str_eq(first, "", "no visible part has seven digits, nor these hidden ones");
	free(first);
	first = search("1980", 50);
	cr_assert_str_eq(first, "", "a birth year is hidden");
	free(first);
	cr_assert_eq(rf_audit_count(ctx, "resident.search"), audits, "nothing was revealed");
}

Test(search, the_visible_parts_are_searchable_by_every_role)
{
	char *got = search("110105", 50);
	cr_assert_str_eq(got, "张小明,李小红,王芳,欧阳明明,明,John Smith,Alex Xu");
	free(got);
	got = search("4321", 50);
	cr_assert_str_eq(got, "李小红", "a phone's last four digits");
	free(got);
	got = search("139", 50);
	cr_assert_str_eq(got, "李小红", "a mobile's first three");
	free(got);
	got = search("88", 50);
	cr_assert_str_eq(got, "欧阳明明", "a landline's last two digits: %s", got);
	free(got);
	cr_assert_eq(rf_audit_count(ctx, "resident.search"), 0);
}

Test(search, hidden_digits_are_a_reveal_for_clerks_and_administrators)
{
	char detail[256];
	int64_t user, at;
	wg_set_user(ctx, 7, "boss", WG_ROLE_ADMIN);
	char *got = search("19800214", 50);
	cr_assert_str_eq(got, "张小明");
	free(got);
	cr_assert_eq(rf_audit_count(ctx, "resident.search"), 1, "the reveal is audited");
	last_audit("resident.search", &user, &at, detail, sizeof detail);
	cr_assert_eq(user, 7);
	cr_assert_eq(at, (int64_t)wg_now(ctx));
	cr_assert(strstr(detail, "19800214"), "the query is recorded: %s", detail);
	got = search("110105", 50);
	free(got);
	got = search("张小明", 50);
	free(got);
	cr_assert_eq(rf_audit_count(ctx, "resident.search"), 1, "visible matches reveal nothing");
	wg_set_user(ctx, 8, "clerk", WG_ROLE_CLERK);
	got = search("138-1234", 50);
	cr_assert_str_eq(got, "张小明", "the hidden middle of a phone");
	free(got);
	cr_assert_eq(rf_audit_count(ctx, "resident.search"), 2);
	last_audit("resident.search", &user, &at, detail, sizeof detail);
	cr_assert_eq(user, 8);
}

Test(search, a_whole_number_finds_its_record_for_every_role_and_is_audited)
{
	char lower[19];
	char *got = search(ids[1], 50);
	cr_assert_str_eq(got, "李小红", "the whole ID number");
	free(got);
	cr_assert_eq(rf_audit_count(ctx, "resident.search"), 1);
	char detail[256], masked[32];
	int64_t user, at;
	last_audit("resident.search", &user, &at, detail, sizeof detail);
	wg_mask_id_number(ids[1], masked, sizeof masked);
	cr_assert(!strstr(detail, ids[1]) && strstr(detail, masked),
		  "the log keeps a whole number masked: %s", detail);
	got = search("139 8765 4321", 50);
	cr_assert_str_eq(got, "李小红", "the whole mobile number");
	free(got);
	last_audit("resident.search", &user, &at, detail, sizeof detail);
	cr_assert(!strstr(detail, "13987654321") && strstr(detail, "139****4321"), "%s", detail);
	got = search("010-66668888", 50);
	cr_assert_str_eq(got, "欧阳明明", "the whole landline number");
	free(got);
	snprintf(lower, sizeof lower, "%.17sx", ids[2]);
	got = search(lower, 50);
	cr_assert_str_eq(got, "王芳", "the whole ID number with a lower-case x");
	free(got);
	cr_assert_eq(rf_audit_count(ctx, "resident.search"), 4);
	got = search("1101051980021412", 50);
	cr_assert_str_eq(got, "", "all but the last two is not whole");
	free(got);
}

Test(search, wildcards_and_backslashes_match_only_themselves)
{
	static const char *const names[] = { "百分%号", "下_划线", "反\\斜杠", "星*号", "问?号",
					     "括[号]", "竖|线" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		rf_add(ctx, names[i], NULL, NULL, RF_G1, NULL, NULL, NULL);
	static const struct {
		const char *q, *want;
	} cases[] = {
		{ "%", "百分%号" }, { "_", "下_划线" }, { "\\", "反\\斜杠" }, { "*", "星*号" },
		{ "?", "问?号" }, { "[", "括[号]" }, { "]", "括[号]" }, { "|", "竖|线" },
		{ "分%号", "百分%号" }, { "%号", "百分%号" }, { "_划线", "下_划线" },
		{ "[号]", "括[号]" }, { "1%", "" }, { "%%%", "" }, { "___", "" }, { "*号", "星*号" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = search(cases[i].q, 50);
		cr_assert_str_eq(got, cases[i].want, "query '%s'", cases[i].q);
		free(got);
	}
}

Test(search, phone_fragments)
{
	expect_oracle("5678");
	expect_oracle("987");
	expect_oracle("138");
	expect_oracle("6666");
	expect_oracle("138-1234");
	expect_oracle("１２３"); /* full-width digits from an input method */
}

Test(search, short_digit_queries_scan)
{
	expect_oracle("12");
	expect_oracle("1");
	expect_oracle("x");
	expect_oracle("99");
}

Test(search, queries_with_x)
{
	char tail[4];
	snprintf(tail, sizeof tail, "%cx", ids[2][16]);
	expect_oracle(tail);
	expect_oracle("xx");
	expect_oracle("x1");
	expect_oracle("x12");
	expect_oracle("Xu");
	char *got = search("xx", 50);
	cr_assert_str_eq(got, "Alex Xu");
	free(got);
}

Test(search, address_cells_and_buildings)
{
	expect_oracle("3号楼");
	expect_oracle("东楼");
	expect_oracle("东");
	expect_oracle("a12");
	expect_oracle("A1");
	expect_oracle("甲网格");
	expect_oracle("西社区");
	expect_oracle("测试街道");
	expect_oracle("社区");
	expect_oracle("1601");
	expect_oracle("john");
	expect_oracle("nsm");
}

Test(search, rows_are_masked)
{
	struct wg_resident_query q = { .text = "张小明" };
	struct wg_list_source src = wg_resident_source(&q);
	struct wg_rows rows;
	wg_rows_init(&rows);
	cr_assert_eq(src.fetch(ctx, src.arg, WG_PAGE_FIRST, NULL, 10, &rows), WG_OK);
	cr_assert_eq(rows.n, 1);
	char **c = rows.rows[0].cols;
	cr_assert_str_eq(c[WG_RCOL_PHONE], "138****5678");
	cr_assert_eq(strncmp(c[WG_RCOL_ID_NUMBER], "110105********", 14), 0, "%s", c[WG_RCOL_ID_NUMBER]);
	cr_assert_str_eq(c[WG_RCOL_AGE], "46");
	cr_assert_str_eq(c[WG_RCOL_ADDRESS], "1号楼-1-101");
	cr_assert_str_eq(c[WG_RCOL_CELL], "甲网格");
	cr_assert_str_eq(c[WG_RCOL_TAGS], "独居老人");
	cr_assert_eq(rows.rows[0].tone, 2, "key-care residents are marked");
	for (int i = 0; i < rows.rows[0].ncols; i++)
		cr_assert_null(strstr(c[i], ids[0]), "column %d shows the full ID", i);
	wg_rows_free(&rows);
}

Test(search, paging_forward_and_back)
{
	wg_set_user(ctx, 1, "tester", WG_ROLE_CLERK);
	for (int i = 0; i < 23; i++) {
		char name[32];
		snprintf(name, sizeof name, "页%02d", i);
		rf_add(ctx, name, NULL, NULL, RF_G1, NULL, NULL, NULL);
	}
	char *all = search("页", 5), *one = search("页", 100);
	cr_assert_str_eq(all, one, "pages of 5 give the same list as one page");
	cr_assert_eq(strncmp(all, "页00,页01,", strlen("页00,页01,")), 0, "%s", all);
	free(all);
	free(one);
	struct wg_resident_query q = { .text = "页" };
	struct wg_list_source src = wg_resident_source(&q);
	struct wg_rows rows;
	wg_rows_init(&rows);
	cr_assert_eq(src.fetch(ctx, src.arg, WG_PAGE_LAST, NULL, 4, &rows), WG_OK);
	cr_assert_eq(rows.n, 4);
	cr_assert_str_eq(rows.rows[0].cols[0], "页19");
	cr_assert_str_eq(rows.rows[3].cols[0], "页22");
	struct wg_pagekey key = rows.rows[0].key;
	cr_assert_eq(src.fetch(ctx, src.arg, WG_PAGE_BEFORE, &key, 3, &rows), WG_OK);
	cr_assert_eq(rows.n, 3);
	cr_assert_str_eq(rows.rows[0].cols[0], "页16");
	cr_assert_str_eq(rows.rows[2].cols[0], "页18");
	wg_rows_free(&rows);
}

Test(search, filters_by_cell_and_tag)
{
	struct wg_resident_query q = { .text = "" };
	q.cell_id = rf_cell(ctx, RF_C1);
	char *got = rf_names(ctx, wg_resident_source(&q), 2);
	cr_assert_str_eq(got, "张小明,李小红,王芳,John Smith");
	free(got);
	q.cell_id = rf_cell(ctx, RF_G3);
	got = rf_names(ctx, wg_resident_source(&q), 2);
	cr_assert_str_eq(got, "欧阳明明,明,Alex Xu");
	free(got);
	snprintf(q.text, sizeof q.text, "明");
	got = rf_names(ctx, wg_resident_source(&q), 2);
	cr_assert_str_eq(got, "欧阳明明,明");
	free(got);
	q.cell_id = 0;
	q.tag_id = WG_TAG_LOW_INCOME;
	q.text[0] = '\0';
	got = rf_names(ctx, wg_resident_source(&q), 2);
	cr_assert_str_eq(got, "王芳");
	free(got);
}

Test(search, follows_changes_and_deletions)
{
	struct wg_resident r;
	struct wg_resident_query q = { .text = "小红" };
	struct wg_list_source src = wg_resident_source(&q);
	struct wg_rows rows;
	wg_rows_init(&rows);
	cr_assert_eq(src.fetch(ctx, src.arg, WG_PAGE_FIRST, NULL, 10, &rows), WG_OK);
	cr_assert_eq(rows.n, 1);
	int64_t id = rows.rows[0].key.id;
	wg_set_user(ctx, 1, "tester", WG_ROLE_CLERK);
	cr_assert_eq(wg_resident_load(ctx, id, &r), WG_OK);
	cr_assert_eq(wg_resident_set(ctx, &r, WG_RF_NAME, "李大红"), WG_OK);
	cr_assert_eq(wg_resident_save(ctx, &r), WG_OK, "%s", wg_error(ctx));
	char *got = search("小红", 10);
	cr_assert_str_eq(got, "");
	free(got);
	got = search("大红", 10);
	cr_assert_str_eq(got, "李大红");
	free(got);
	got = search("9876", 10);
	cr_assert_str_eq(got, "李大红", "the kept (masked) phone is still searchable");
	free(got);
	cr_assert_eq(wg_resident_delete(ctx, id), WG_OK);
	got = search("大红", 10);
	cr_assert_str_eq(got, "");
	free(got);
	wg_rows_free(&rows);
	char *err = NULL;
	cr_assert_eq(sqlite3_exec(wg_db(ctx), "INSERT INTO resident_search(resident_search, rank)"
				  " VALUES ('integrity-check', 1)", NULL, NULL, &err), SQLITE_OK,
		     "the index matches the rows: %s", err);
}

Test(search, a_whole_cell_code)
{
	char *got = search(RF_C2, 50);
	cr_assert_str_eq(got, "欧阳明明,明,Alex Xu");
	free(got);
}

Test(search, rebuilds_search_text_after_an_upgrade)
{
	char *err = NULL;
	cr_assert_eq(sqlite3_exec(wg_db(ctx), "UPDATE residents SET search_text = '';"
				  "DELETE FROM meta WHERE key = 'resident_search_text'", NULL, NULL, &err),
		     SQLITE_OK, "%s", err);
	expect_oracle("5678");
	expect_oracle("明");
}

Test(search, needs_a_logged_in_user)
{
	wg_set_user(ctx, 0, "", WG_ROLE_NONE);
	struct wg_resident_query q = { .text = "明" };
	struct wg_list_source src = wg_resident_source(&q);
	struct wg_rows rows;
	wg_rows_init(&rows);
	cr_assert_eq(src.fetch(ctx, src.arg, WG_PAGE_FIRST, NULL, 10, &rows), WG_EPERM);
	cr_assert_eq(rows.n, 0);
	wg_rows_free(&rows);
}
