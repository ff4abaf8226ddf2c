/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for the in-memory category tree: links, inherited limits, case counts, search. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <wangge/category.h>
#include "cat-fixture.h"


/* A node's text in the tree under test. */
#define TXT(at) wg_cattree_text(&tree, (at))
static struct wg_ctx *ctx;
static struct wg_cattree tree;

/* Limits on every level of 01 to show inheritance; 12 and 0101 to test ranking by "12". */
static const char table[] =
	"code,parent_code,level,name_zh,name_en,time_limit_hours,responsible,priority\n"
	"01,,1,城市环境,City environment,72,,\n"
	"0101,01,2,12345热线转办,Hotline referrals,,,\n"
	"010101,0101,3,垃圾清运,Garbage removal,24,,\n"
	"01010101,010101,4,垃圾满溢,Overflowing bins,,property,high\n"
	"01010102,010101,4,接听12345来电,Taking 12345 calls,48,community,\n"
	"0102,01,2,环境卫生,Sanitation,,,\n"
	"010201,0102,3,道路设施,Road facilities,,,\n"
	"01020101,010201,4,行人道路破损,Broken footpath,,urban_mgmt,\n"
	"01020102,010201,4,路灯长明,Street light on all day,,utility,low\n"
	"01020103,010201,4,燃气管道泄漏,Gas pipe leak,1,utility,urgent\n"
	"02,,1,经济动态,Economy,,,\n"
	"0201,02,2,金融服务,Financial services,,,\n"
	"020101,0201,3,银行网点,Bank branches,,,\n"
	"02010101,020101,4,银行网点排队过长,Long queues at a bank branch,120,market,\n"
	"02010102,020101,4,重复收费,Charged twice,,market,\n"
	"02010103,020101,4,社区长者理财诈骗,Investment fraud against the elderly,,"
	"public_security,urgent\n"
	"02010104,020101,4,重型车辆违停,Heavy lorry parked illegally,,urban_mgmt,\n"
	"12,,1,热线事项,Hotline matters,,,\n"
	"1201,12,2,热线分拨,Hotline dispatch,,,\n"
	"120101,1201,3,分拨登记,Dispatch register,,,\n"
	"12010101,120101,4,分拨超时,Dispatch overdue,,,\n";

static void setup(void)
{
	struct wg_problems probs = { 0 };
	struct wg_category_import_result res;
	ctx = catfx_open();
	cr_assert_not_null(ctx);
	int rc = catfx_import(ctx, table, NULL, 0, &probs, &res);
	cr_assert_eq(rc, WG_OK, "%s", wg_problems_count(&probs) ? wg_problems_get(&probs, 0)
							       : wg_error(ctx));
	wg_problems_free(&probs);
	cr_assert_eq(wg_cattree_load(ctx, &tree), WG_OK, "%s", wg_error(ctx));
}

static void teardown(void)
{
	wg_cattree_free(&tree);
	catfx_close(ctx);
}

TestSuite(cattree, .init = setup, .fini = teardown);

static const struct wg_catnode *node(const char *code)
{
	int i = wg_cattree_find_code(&tree, code);
	cr_assert_geq(i, 0, "no node %s", code);
	return &tree.nodes[i];
}

static void reload(void)
{
	wg_cattree_free(&tree);
	cr_assert_eq(wg_cattree_load(ctx, &tree), WG_OK, "%s", wg_error(ctx));
}

/* ---- the tree ---- */

Test(cattree, links_parents_children_and_roots)
{
	cr_assert_eq(tree.n, 21);
	cr_assert_eq(tree.nroots, 3);
	cr_assert_str_eq(TXT(tree.nodes[tree.roots[0]].code), "01");
	cr_assert_str_eq(TXT(tree.nodes[tree.roots[2]].code), "12");
	const struct wg_catnode *cat = node("010201");
	cr_assert_eq(cat->nchildren, 3);
	cr_assert_str_eq(TXT(tree.nodes[cat->first_child].code), "01020101", "siblings keep file order");
	int second = tree.nodes[cat->first_child].next_sibling;
	cr_assert_str_eq(TXT(tree.nodes[second].code), "01020102");
	cr_assert_str_eq(TXT(tree.nodes[node("01020103")->parent].code), "010201");
	cr_assert_eq(node("01020103")->next_sibling, -1);
	cr_assert_eq(node("01020103")->first_child, -1);
	cr_assert_eq(node("02")->parent, -1);
	cr_assert_eq(wg_cattree_find_code(&tree, "99"), -1);
}

/* The tree is packed (issue 15: screen 7 under 8 MiB): 72-byte nodes, texts as offsets into one
 * pool where a responsible party or priority is kept once, pinyin units in one array. */
Test(cattree, packed_nodes_share_texts_and_pinyin)
{
	cr_assert_leq(sizeof(struct wg_catnode), 72, "a node of %zu bytes", sizeof(struct wg_catnode));
	int shared = 0;
	for (int i = 0; i < tree.n; i++)
		for (int j = 0; j < i; j++) {
			const struct wg_catnode *a = &tree.nodes[i], *b = &tree.nodes[j];
			if (strcmp(TXT(a->responsible), TXT(b->responsible)) == 0) {
				cr_assert_eq(a->responsible, b->responsible, "%s kept twice", TXT(a->responsible));
				shared++;
			}
			if (strcmp(TXT(a->priority), TXT(b->priority)) == 0)
				cr_assert_eq(a->priority, b->priority, "%s kept twice", TXT(a->priority));
		}
	cr_assert_gt(shared, 0, "the fixture repeats a responsible party");
	uint32_t next = 0;
	for (int i = 0; i < tree.n; i++) {
		const struct wg_catnode *nd = &tree.nodes[i];
		cr_assert_gt(nd->py_len, 0, "%s has pinyin", TXT(nd->name_zh));
		cr_assert_eq(nd->py_at, next, "%s's units follow the node before", TXT(nd->code));
		next += nd->py_len;
	}
}

Test(cattree, time_limits_are_inherited)
{
	cr_assert_eq(node("01")->eff_limit, 72);
	cr_assert_eq(node("0101")->limit_hours, 0);
	cr_assert_eq(node("0101")->eff_limit, 72, "a large category inherits its sector's limit");
	cr_assert_eq(node("010101")->eff_limit, 24, "its own limit wins");
	cr_assert_eq(node("01010101")->eff_limit, 24, "from the nearest ancestor");
	cr_assert_eq(node("01010102")->eff_limit, 48);
	cr_assert_eq(node("01020102")->eff_limit, 72, "from two levels up");
	cr_assert_eq(node("02010102")->eff_limit, 0, "none on the whole path");
	cr_assert_eq(node("02010101")->eff_limit, 120);
}

Test(cattree, path_in_both_styles)
{
	char buf[256];
	wg_cattree_path(&tree, wg_cattree_find_code(&tree, "01020103"), 0, buf, sizeof buf);
	cr_assert_str_eq(buf, "城市环境 › 环境卫生 › 道路设施 › 燃气管道泄漏");
	wg_cattree_path(&tree, wg_cattree_find_code(&tree, "0102"), 1, buf, sizeof buf);
	cr_assert_str_eq(buf, "城市环境 > 环境卫生");
	char tiny[8];
	wg_cattree_path(&tree, wg_cattree_find_code(&tree, "01020103"), 1, tiny, sizeof tiny);
	cr_assert_lt(strlen(tiny), sizeof tiny, "a short buffer is never overrun");
}

Test(cattree, case_counts_roll_up)
{
	time_t now = wg_now(ctx);
	cr_assert(catfx_add_task(ctx, "01010101", now - 3600));  /* overdue */
	cr_assert(catfx_add_task(ctx, "01010101", now + 3600));
	cr_assert(catfx_add_task(ctx, "01010102", 0));           /* no deadline: never overdue */
	cr_assert(catfx_add_task(ctx, "010101", now - 60));      /* filed on a category */
	cr_assert(catfx_add_task(ctx, "02010101", now - 60));
	int64_t closed = catfx_add_task(ctx, "02010101", now - 60);
	cr_assert(closed);
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE tasks SET state = 'closed' WHERE id = %lld", (long long)closed);
	cr_assert_eq(catfx_int(ctx, sql), -1); /* no row comes back; the update runs */
	cr_assert_eq(catfx_int(ctx, "INSERT INTO tasks(number, title, deadline_at)"
				    " VALUES ('N-1', 'no category yet', 1)"), -1);
	cr_assert_eq(wg_cattree_count_cases(ctx, &tree), WG_OK);
	cr_expect_eq(node("01010101")->open_cases, 2);
	cr_expect_eq(node("01010101")->overdue_cases, 1);
	cr_expect_eq(node("010101")->open_cases, 4);
	cr_expect_eq(node("010101")->overdue_cases, 2);
	cr_expect_eq(node("01")->open_cases, 4);
	cr_expect_eq(node("02")->open_cases, 1, "a closed case is not open");
	cr_expect_eq(node("02")->overdue_cases, 1);
	cr_expect_eq(node("12")->open_cases, 0);
	/* counting again starts from zero */
	cr_assert_eq(wg_cattree_count_cases(ctx, &tree), WG_OK);
	cr_expect_eq(node("01")->open_cases, 4);
}

/* ---- search ---- */

/*
 * Runs a search and checks the codes of the hits, best first.  The list of
 * expected codes ends with NULL; the total must equal their number.
 */
static void hits_are(const char *query, int leaves_only, ...)
{
	struct wg_cathit hits[64];
	int total = -1;
	int n = wg_cattree_search(&tree, query, leaves_only, hits, 64, &total);
	char got[1024] = "", want[1024] = "";
	for (int i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), " %s", TXT(tree.nodes[hits[i].node].code));
	va_list ap;
	va_start(ap, leaves_only);
	for (const char *c; (c = va_arg(ap, const char *)) != NULL;)
		snprintf(want + strlen(want), sizeof want - strlen(want), " %s", c);
	va_end(ap);
	cr_assert_str_eq(got, want, "query '%s'\n got:%s\nwant:%s", query, got, want);
	cr_assert_eq(total, n, "query '%s': total %d, %d returned", query, total, n);
}

static enum wg_catmatch match_of(const char *query, const char *code)
{
	struct wg_cathit hits[64];
	int total, n = wg_cattree_search(&tree, query, 0, hits, 64, &total);
	for (int i = 0; i < n; i++)
		if (strcmp(TXT(tree.nodes[hits[i].node].code), code) == 0)
			return hits[i].match;
	return WG_CATMATCH_NONE;
}

Test(cattree, pinyin_initials)
{
	hits_are("hjws", 0, "0102", NULL);
	hits_are("HJWS", 0, "0102", NULL);
	cr_assert_eq(match_of("hjws", "0102"), WG_CATMATCH_PREFIX);
	hits_are("rqgd", 0, "01020103", NULL);
}

Test(cattree, full_pinyin_and_mixed)
{
	/* 环境卫生 starts with it, 城市环境 has it inside */
	hits_are("huanjing", 0, "0102", "01", NULL);
	cr_assert_eq(match_of("huanjing", "01"), WG_CATMATCH_SUBSTRING);
	hits_are("huanjws", 0, "0102", NULL);
	hits_are("ranqi", 0, "01020103", NULL);
	hits_are("lajimanyi", 0, "01010101", NULL);
}

Test(cattree, polyphonic_characters)
{
	/* 行 is hang in 银行 and xing in 行人: either reading finds the name */
	hits_are("yinhang", 0, "02010101", "020101", NULL);
	hits_are("yh", 0, "02010101", "020101", NULL);
	hits_are("xingren", 0, "01020101", NULL);
	hits_are("xrdl", 0, "01020101", NULL);
	/* 长 is chang in 长明 and zhang in 长者 */
	hits_are("changming", 0, "01020102", NULL);
	hits_are("zhangzhe", 0, "02010103", NULL);
	/* 重 is chong in 重复 and zhong in 重型 */
	hits_are("chongfu", 0, "02010102", NULL);
	hits_are("zhongxing", 0, "02010104", NULL);
}

Test(cattree, chinese_substrings)
{
	hits_are("长", 0, "01020102", "02010101", "02010103", NULL);
	hits_are("燃气", 0, "01020103", NULL);
	hits_are("垃圾", 0, "01010101", "010101", NULL);
	cr_assert_eq(match_of("垃圾", "010101"), WG_CATMATCH_PREFIX);
	hits_are("管道泄漏", 0, "01020103", NULL);
	hits_are("泄漏了", 0, NULL);
}

Test(cattree, english_words)
{
	hits_are("gas leak", 0, "01020103", NULL);
	hits_are("Gas", 0, "01020103", NULL);
	hits_are("leak gas", 0, "01020103", NULL);
	/* "Bank branches" starts with the word, "Long queues at a bank branch" has it inside */
	hits_are("bank", 0, "020101", "02010101", NULL);
	hits_are("bank branch", 0, "020101", "02010101", NULL);
	hits_are("broken", 0, "01020101", NULL);
	hits_are("ank", 0, NULL);
}

Test(cattree, code_prefix)
{
	hits_are("0102", 0, "0102", "01020101", "01020102", "01020103", "010201", NULL);
	cr_assert_eq(match_of("0102", "0102"), WG_CATMATCH_CODE_EXACT);
	cr_assert_eq(match_of("0102", "010201"), WG_CATMATCH_CODE_PREFIX);
	hits_are("0102010", 0, "01020101", "01020102", "01020103", NULL);
	hits_are("01020103", 0, "01020103", NULL);
}

Test(cattree, ranking)
{
	/* exact code, code prefixes (deepest first), name prefix, then name substring */
	hits_are("12", 0, "12", "12010101", "120101", "1201", "0101", "01010102", NULL);
	cr_assert_eq(match_of("12", "0101"), WG_CATMATCH_PREFIX);
	cr_assert_eq(match_of("12", "01010102"), WG_CATMATCH_SUBSTRING);
	/* Chinese: name prefix before substring, sub-categories before their parents */
	hits_are("银行", 0, "02010101", "020101", NULL);
	hits_are("热线", 0, "1201", "12", "0101", NULL);
}

Test(cattree, leaves_only)
{
	/* a sub-category by its own name first, then those under a category the query names */
	hits_are("银行", 1, "02010101", "02010102", "02010103", "02010104", NULL);
	hits_are("12", 1, "12010101", "01010101", "01010102", NULL);
	/* a category's pinyin (or initials) narrows the form's picker to its subtree */
	hits_are("huanjing", 1, "01020101", "01020102", "01020103", /* 环境卫生 */
		 "01010101", "01010102", NULL); /* then under 城市环境, huanjing inside its name */
	hits_are("hjws", 1, "01020101", "01020102", "01020103", NULL);
	hits_are("jjdt", 1, "02010101", "02010102", "02010103", "02010104", NULL);
}

Test(cattree, an_exact_name_before_longer_names_holding_it)
{
	hits_are("银行网点", 0, "020101", "02010101", NULL);
	cr_assert_eq(match_of("银行网点", "020101"), WG_CATMATCH_NAME_EXACT);
}

Test(cattree, max_and_total)
{
	struct wg_cathit hits[2];
	int total;
	cr_assert_eq(wg_cattree_search(&tree, "01", 0, hits, 2, &total), 2);
	cr_assert_eq(total, 10);
	cr_assert_str_eq(TXT(tree.nodes[hits[0].node].code), "01");
	cr_assert_eq(wg_cattree_search(&tree, "   ", 0, hits, 2, &total), 0);
	cr_assert_eq(total, 0);
	cr_assert_eq(wg_cattree_search(&tree, " 燃气 ", 0, hits, 2, &total), 1, "spaces are trimmed");
}

Test(cattree, retired_nodes_are_not_found)
{
	struct wg_problems probs = { 0 };
	struct wg_category_import_result res;
	cr_assert(catfx_add_task(ctx, "01020103", 0));
	/* the same table without 01020103: retired, since a case refers to it */
	char *smaller = strdup(table);
	char *line = strstr(smaller, "01020103,");
	memmove(line, strchr(line, '\n') + 1, strlen(strchr(line, '\n') + 1) + 1);
	cr_assert_eq(catfx_import(ctx, smaller, NULL, 1, &probs, &res), WG_OK);
	free(smaller);
	wg_problems_free(&probs);
	cr_assert_eq(res.retired, 1);
	reload();
	cr_assert_eq(node("01020103")->active, 0, "the retired node stays in the tree");
	hits_are("燃气", 0, NULL);
	hits_are("rqgd", 0, NULL);
	hits_are("gas", 0, NULL);
	hits_are("01020103", 0, NULL);
	hits_are("010201", 0, "010201", "01020101", "01020102", NULL);
}

/* ---- the synthetic full-size table ---- */

static char *generated(unsigned seed, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	cr_assert_not_null(f);
	cr_assert_eq(wg_gen_categories(f, seed), WG_OK);
	fclose(f);
	return buf;
}

Test(gen_categories, imports_with_the_full_model_counts)
{
	static const int expect[WG_CAT_LEVELS] = { 10, 118, 577, 3575 };
	struct wg_problems probs = { 0 };
	struct wg_category_import_result res;
	struct wg_ctx *c = catfx_open();
	size_t len;
	cr_assert_not_null(c);
	char *text = generated(7, &len);
	int rc = wg_category_import_mem(c, "gen.csv", text, len, WG_ENC_AUTO, expect, 0, &probs, &res);
	cr_assert_eq(rc, WG_OK, "%s", wg_problems_count(&probs) ? wg_problems_get(&probs, 0)
							       : wg_error(c));
	cr_assert_str_eq(res.layout, "flat");
	/* sub-category names are unique, so each is found by its own name */
	cr_assert_eq(catfx_int(c, "SELECT count(DISTINCT name_zh) FROM categories WHERE level = 4"),
		     3575);
	struct wg_cattree t;
	struct wg_cathit hits[8];
	int total;
	cr_assert_eq(wg_cattree_load(c, &t), WG_OK);
	cr_assert_gt(wg_cattree_search(&t, "ld", 1, hits, 8, &total), 0, "路灯/道路 by initials");
	cr_assert_gt(wg_cattree_search(&t, "lud", 1, hits, 8, &total), 0);
	cr_assert_gt(wg_cattree_search(&t, "路灯", 1, hits, 8, &total), 0);
	cr_assert_gt(wg_cattree_search(&t, "street light", 1, hits, 8, &total), 0);
	for (int i = 0; i < t.n; i++)
		cr_assert(t.nodes[i].level != WG_CAT_SUB || t.nodes[i].eff_limit > 0);
	wg_cattree_free(&t);
	free(text);
	wg_problems_free(&probs);
	catfx_close(c);
}

Test(gen_categories, same_seed_same_bytes)
{
	size_t la, lb, lc;
	char *a = generated(42, &la), *b = generated(42, &lb), *c = generated(43, &lc);
	cr_assert_eq(la, lb);
	cr_assert_eq(memcmp(a, b, la), 0);
	cr_assert(la != lc || memcmp(a, c, la) != 0, "another seed gives another table");
	free(a);
	free(b);
	free(c);
}
