/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Checks of the shipped category table data/categories/full-model.csv (issue 5). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/category.h>
#include "core/core-int.h"
#include "cat-fixture.h"


/* A node's text in the tree under test. */
#define TXT(at) wg_cattree_text(&tree, (at))
static struct wg_ctx *ctx;
static struct wg_cattree tree;

static void setup(void)
{
	static const int expect[WG_CAT_LEVELS] = { 10, 118, 577, 3575 };
	struct wg_problems probs = { 0 };
	struct wg_category_import_result res;
	ctx = catfx_open();
	cr_assert_not_null(ctx);
	int rc = wg_category_import_file(ctx, catfx_default_table(), WG_ENC_AUTO, expect, 0, &probs,
					 &res);
	for (size_t i = 0; i < wg_problems_count(&probs) && i < 20; i++)
		cr_log_error("%s", wg_problems_get(&probs, i));
	cr_assert_eq(rc, WG_OK, "%s does not import with --expect 10,118,577,3575: %s",
		     catfx_default_table(), wg_error(ctx));
	wg_problems_free(&probs);
	cr_assert_eq(wg_cattree_load(ctx, &tree), WG_OK);
}

static void teardown(void)
{
	wg_cattree_free(&tree);
	catfx_close(ctx);
}

TestSuite(default_table, .init = setup, .fini = teardown);

/* Rows of a query, one line each ("a|b"), at most 10, for failure messages; returns the count. */
static int offenders(const char *sql, char *out, size_t outsz)
{
	sqlite3_stmt *st = NULL;
	int n = 0;
	out[0] = '\0';
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL), SQLITE_OK, "%s: %s", sql,
		     sqlite3_errmsg(wg_db(ctx)));
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ >= 10)
			continue;
		size_t used = strlen(out);
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const unsigned char *v = sqlite3_column_text(st, c);
			snprintf(out + strlen(out), outsz - strlen(out), "%s%s", c ? " | " : "\n  ",
				 v ? (const char *)v : "NULL");
		}
		if (strlen(out) + 1 >= outsz)
			out[used] = '\0';
	}
	sqlite3_finalize(st);
	return n;
}

#define NONE_OF(sql, what)                                                                    \
	do {                                                                                  \
		char list_[2048];                                                             \
		int n_ = offenders(sql, list_, sizeof list_);                                 \
		cr_expect_eq(n_, 0, "%d %s, for example:%s", n_, what, list_);                \
	} while (0)

Test(default_table, counts_per_level)
{
	int n[WG_CAT_LEVELS];
	cr_assert_eq(wg_category_stats(ctx, n), WG_OK);
	cr_assert_eq(n[0], 10);
	cr_assert_eq(n[1], 118);
	cr_assert_eq(n[2], 577);
	cr_assert_eq(n[3], 3575);
	cr_assert_eq(catfx_int(ctx, "SELECT count(*) FROM categories WHERE active = 0"), 0);
}

Test(default_table, sectors_in_order)
{
	static const char *const want[] = { "应急管理", "城市环境", "综治维稳", "安全生产", "社会事业",
					    "社会保障", "社会服务", "经济动态", "法律司法", "党的建设" };
	cr_assert_eq(tree.nroots, 10);
	for (int i = 0; i < 10; i++)
		cr_expect_str_eq(TXT(tree.nodes[tree.roots[i]].name_zh), want[i], "sector %d", i + 1);
}

/* What the shipped table costs in memory once loaded (screen 7, the pickers; issue 15): nodes,
 * the one pool of texts and the one array of pinyin units. */
Test(default_table, tree_fits_its_memory)
{
	size_t texts = 0, units = 0;
	for (int i = 0; i < tree.n; i++) {
		const struct wg_catnode *nd = &tree.nodes[i];
		const uint32_t at[] = { nd->code, nd->name_zh, nd->name_en, nd->responsible, nd->priority };
		for (size_t k = 0; k < sizeof at / sizeof at[0]; k++)
			if (at[k] + strlen(TXT(at[k])) + 1 > texts)
				texts = at[k] + strlen(TXT(at[k])) + 1;
		units += nd->py_len;
	}
	size_t bytes = (size_t)tree.n * sizeof *tree.nodes + texts + units * sizeof *tree.pyunits;
	cr_log_info("%d nodes: %zu bytes of nodes, %zu of texts, %zu of pinyin", tree.n,
		    (size_t)tree.n * sizeof *tree.nodes, texts, units * sizeof *tree.pyunits);
	cr_expect_leq(bytes, (size_t)tree.n * 210, "%zu bytes for %d nodes", bytes, tree.n);
}

Test(default_table, codes_are_unique_and_nested)
{
	NONE_OF("SELECT code, count(*) FROM categories GROUP BY code HAVING count(*) > 1",
		"duplicate codes");
	/* a child's code extends its parent's by two digits */
	NONE_OF("SELECT c.code, p.code FROM categories c JOIN categories p ON p.id = c.parent_id"
		" WHERE substr(c.code, 1, length(p.code)) <> p.code"
		" OR length(c.code) <> length(p.code) + 2",
		"codes that do not extend their parent's");
}

Test(default_table, no_duplicate_name_under_one_parent)
{
	NONE_OF("SELECT coalesce(p.code, '-'), c.name_zh, count(*) FROM categories c"
		" LEFT JOIN categories p ON p.id = c.parent_id"
		" GROUP BY c.parent_id, c.name_zh HAVING count(*) > 1",
		"Chinese names repeated under one parent");
	NONE_OF("SELECT coalesce(p.code, '-'), c.name_en, count(*) FROM categories c"
		" LEFT JOIN categories p ON p.id = c.parent_id"
		" GROUP BY c.parent_id, lower(c.name_en) HAVING count(*) > 1",
		"English names repeated under one parent");
}

/* Byte-wise (C locale) regular expressions: full-width digits are spelled out. */
#define DIGIT "([0-9]|０|１|２|３|４|５|６|７|８|９)"
static const char *const placeholder_patterns[] = {
	"其他" DIGIT, "事项" DIGIT, "item *[0-9]+", "类别[A-Za-z]", "^(" DIGIT "| )+$", "todo",
	"placeholder", "^(xx|tbd|test|测试|待定)",
};
#define NPATTERNS (sizeof placeholder_patterns / sizeof placeholder_patterns[0])

/* The pattern name matches, or NULL. */
static const char *placeholder(const char *name)
{
	static regex_t re[NPATTERNS];
	static int compiled;
	for (size_t k = 0; !compiled && k < NPATTERNS; k++)
		cr_assert_eq(regcomp(&re[k], placeholder_patterns[k],
				     REG_EXTENDED | REG_ICASE | REG_NOSUB), 0);
	compiled = 1;
	for (size_t k = 0; k < NPATTERNS; k++)
		if (regexec(&re[k], name, 0, NULL, 0) == 0)
			return placeholder_patterns[k];
	return NULL;
}

Test(default_table, placeholder_patterns_work)
{
	static const char *const bad[] = { "其他1", "其他事项2", "事项３", "Item 12", "item3", "类别B",
					   "123", "１２", "TODO: name", "Placeholder", "待定" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_expect_not_null(placeholder(bad[i]), "%s passed", bad[i]);
	static const char *const good[] = { "其他环境问题", "信访事项法律评估", "Other items",
					    "12345热线转办", "Item count check" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		cr_expect_null(placeholder(good[i]), "%s was refused", good[i]);
}

Test(default_table, no_placeholder_names)
{
	int bad = 0;
	for (int i = 0; i < tree.n; i++) {
		const struct wg_catnode *nd = &tree.nodes[i];
		const char *why = placeholder(TXT(nd->name_zh));
		if (!why)
			why = placeholder(TXT(nd->name_en));
		if (why) {
			cr_log_error("%s %s / %s looks like a placeholder (%s)", TXT(nd->code), TXT(nd->name_zh),
				     TXT(nd->name_en), why);
			bad++;
		}
	}
	cr_expect_eq(bad, 0, "%d placeholder names (listed above)", bad);
}

Test(default_table, at_most_one_catch_all_per_category)
{
	NONE_OF("SELECT p.code, p.name_zh, count(*) FROM categories c"
		" JOIN categories p ON p.id = c.parent_id WHERE c.name_zh LIKE '其他%'"
		" GROUP BY c.parent_id HAVING count(*) > 1",
		"categories with more than one 其他 child");
}

/* Every toneless syllable the pinyin table knows, sorted, for the pinyin-likeness check. */
static char syllables[1024][8];
static size_t nsyll;

static int cmp_syll(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void load_syllables(void)
{
	const char *r[WG_PINYIN_MAX_READINGS];
	for (wchar_t c = 0x3400; c < 0xA000; c++) {
		size_t n = wg_pinyin_readings(c, r, WG_PINYIN_MAX_READINGS);
		for (size_t i = 0; i < n && i < WG_PINYIN_MAX_READINGS; i++) {
			if (strlen(r[i]) >= sizeof syllables[0] || nsyll == 1024)
				continue;
			if (!nsyll || !bsearch(r[i], syllables, nsyll, sizeof syllables[0], cmp_syll)) {
				strcpy(syllables[nsyll++], r[i]);
				qsort(syllables, nsyll, sizeof syllables[0], cmp_syll);
			}
		}
	}
}

static int is_syllable(const char *s, size_t n)
{
	char buf[8];
	if (n == 0 || n >= sizeof buf)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return bsearch(buf, syllables, nsyll, sizeof syllables[0], cmp_syll) != NULL;
}

/* A word that splits wholly into syllables ("huanjing" = huan + jing). */
static int pinyin_word(const char *w, size_t n)
{
	char ok[64] = { 1 };
	if (n >= sizeof ok)
		return 0;
	for (size_t end = 1; end <= n; end++)
		for (size_t start = end > 6 ? end - 6 : 0; start < end && !ok[end]; start++)
			ok[end] = ok[start] && is_syllable(w + start, end - start);
	return ok[n];
}

/* An "English" name made only of lower-case pinyin syllables, like "huanjing weisheng". */
static int pinyin_like(const char *name)
{
	const char *p = name;
	int words = 0;
	while (*p) {
		while (*p == ' ' || *p == '\'')
			p++;
		size_t n = 0;
		while (p[n] && p[n] != ' ' && p[n] != '\'') {
			if (!islower((unsigned char)p[n]))
				return 0;
			n++;
		}
		if (n && !pinyin_word(p, n))
			return 0;
		words += n > 0;
		p += n;
	}
	return words > 0;
}

Test(default_table, pinyin_heuristic_works)
{
	load_syllables();
	cr_assert_gt(nsyll, 380, "only %zu syllables", nsyll);
	cr_assert(pinyin_like("huanjing weisheng"));
	cr_assert(pinyin_like("huanjingweisheng"));
	cr_assert(!pinyin_like("lüse"), "ü is not ASCII: never called pinyin");
	cr_assert(!pinyin_like("Sanitation"));
	cr_assert(!pinyin_like("garbage removal"));
	cr_assert(!pinyin_like("change of use"));
	cr_assert(!pinyin_like(""));
}

Test(default_table, english_names)
{
	int bad = 0;
	load_syllables();
	for (int i = 0; i < tree.n; i++) {
		const struct wg_catnode *nd = &tree.nodes[i];
		const char *why = !*TXT(nd->name_en) ? "is empty"
				  : strcmp(TXT(nd->name_en), TXT(nd->name_zh)) == 0 ? "equals the Chinese"
				  : pinyin_like(TXT(nd->name_en)) ? "is pinyin, not English"
				  : NULL;
		if (why) {
			cr_log_error("%s %s: English name '%s' %s", TXT(nd->code), TXT(nd->name_zh), TXT(nd->name_en),
				     why);
			bad++;
		}
	}
	cr_expect_eq(bad, 0, "%d bad English names (listed above)", bad);
}

Test(default_table, time_limits)
{
	int bad = 0;
	for (int i = 0; i < tree.n; i++) {
		const struct wg_catnode *nd = &tree.nodes[i];
		int has = nd->limit_hours != 0;
		if ((has && (nd->limit_hours < 1 || nd->limit_hours > 2160)) ||
		    (nd->level == WG_CAT_SUB && (nd->eff_limit < 1 || nd->eff_limit > 2160))) {
			cr_log_error("%s %s: time limit %d (effective %d) not in 1..2160", TXT(nd->code),
				     TXT(nd->name_zh), nd->limit_hours, nd->eff_limit);
			bad++;
		}
	}
	cr_expect_eq(bad, 0, "%d sub-categories without a time limit from 1 to 2160 hours", bad);
}

Test(default_table, responsible_and_priority)
{
	int bad = 0;
	for (int i = 0; i < tree.n; i++) {
		const struct wg_catnode *nd = &tree.nodes[i];
		if (nd->level != WG_CAT_SUB)
			continue;
		if (!wg_responsible_valid(TXT(nd->responsible)) || !wg_priority_normalize(TXT(nd->priority))) {
			cr_log_error("%s %s: responsible '%s', priority '%s'", TXT(nd->code), TXT(nd->name_zh),
				     TXT(nd->responsible), TXT(nd->priority));
			bad++;
		}
	}
	cr_expect_eq(bad, 0, "%d sub-categories without a valid responsible party and priority",
		     bad);
}

/* A clerk picks a sub-category by name, so one name must mean one thing. */
Test(default_table, sub_category_names_unique_across_the_table)
{
	NONE_OF("SELECT name_zh, group_concat(code, ' '), count(*) FROM categories"
		" WHERE level = 4 GROUP BY name_zh HAVING count(*) > 1",
		"sub-category names used more than once");
}
