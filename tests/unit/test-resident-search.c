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

/* The names search must return, in entry order, by plain substring matching. */
static void oracle(const char *query, char *out, size_t outsz)
{
	char q[128], phone[32];
	fold(query, q, sizeof q);
	out[0] = '\0';
	for (size_t i = 0; i < NPEOPLE; i++) {
		const struct person *p = &people[i];
		fold(p->phone, phone, sizeof phone);
		if (holds(p->name, q) || holds(ids[i], q) || strstr(phone, q) || holds(p->unit, q) ||
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

static void expect_oracle(const char *query)
{
	char want[1024];
	oracle(query, want, sizeof want);
	char *got = search(query, 50);
	cr_assert_str_eq(got, want, "query '%s'", query);
	free(got);
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
