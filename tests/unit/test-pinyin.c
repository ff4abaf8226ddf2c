/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for the pinyin table lookup and the pinyin name matcher. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include <wangge/pinyin.h>

/* The generated table's own view of itself, to check its invariants. */
extern const unsigned wg_py_first, wg_py_count, wg_py_nsyllables, wg_py_pool_size;
extern const char wg_py_syllables[][7];
extern const uint16_t wg_py_pool[], wg_py_index[];

static enum wg_pymatch match(const char *name, const char *query)
{
	struct wg_pyname pn;
	cr_assert_eq(wg_pyname_init(&pn, name), 0);
	enum wg_pymatch m = wg_pyname_match(&pn, query);
	wg_pyname_fini(&pn);
	return m;
}

static int has_reading(wchar_t c, const char *want)
{
	const char *r[WG_PINYIN_MAX_READINGS];
	size_t n = wg_pinyin_readings(c, r, WG_PINYIN_MAX_READINGS);
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i], want) == 0)
			return 1;
	return 0;
}

Test(pinyin_table, single_reading)
{
	const char *r[WG_PINYIN_MAX_READINGS];
	cr_assert_eq(wg_pinyin_readings(L'中', r, WG_PINYIN_MAX_READINGS), 1);
	cr_assert_str_eq(r[0], "zhong");
	cr_assert_eq(wg_pinyin_readings(L'王', r, 1), 1);
	cr_assert_str_eq(r[0], "wang");
}

Test(pinyin_table, customary_reading_first_then_others)
{
	const char *r[WG_PINYIN_MAX_READINGS];
	cr_assert_geq(wg_pinyin_readings(L'行', r, WG_PINYIN_MAX_READINGS), 2);
	cr_assert_str_eq(r[0], "xing");
	cr_assert(has_reading(L'行', "hang"));
	cr_assert(has_reading(L'长', "chang") && has_reading(L'长', "zhang"));
	cr_assert(has_reading(L'重', "chong") && has_reading(L'重', "zhong"));
	cr_assert(has_reading(L'曾', "zeng") && has_reading(L'单', "shan"));
	cr_assert(!has_reading(L'不', "fou"), "archaic kHanyuPinyin readings are left out");
}

Test(pinyin_table, umlaut_is_v)
{
	const char *r[1];
	cr_assert_eq(wg_pinyin_readings(L'女', r, 1), 1);
	cr_assert_str_eq(r[0], "nv");
	wg_pinyin_readings(L'略', r, 1);
	cr_assert_str_eq(r[0], "lve");
	wg_pinyin_readings(L'吕', r, 1);
	cr_assert_str_eq(r[0], "lv");
}

Test(pinyin_table, count_even_when_max_is_small)
{
	const char *r[1] = { "untouched" };
	size_t n = wg_pinyin_readings(L'行', r, 0);
	cr_assert_geq(n, 2);
	cr_assert_str_eq(r[0], "untouched");
	cr_assert_eq(wg_pinyin_readings(L'行', r, 1), n);
	cr_assert_str_eq(r[0], "xing");
}

Test(pinyin_table, no_reading_outside_han)
{
	const char *r[1];
	cr_assert_eq(wg_pinyin_readings(L'A', r, 1), 0);
	cr_assert_eq(wg_pinyin_readings(L'，', r, 1), 0);
	cr_assert_eq(wg_pinyin_readings(0x20000, r, 1), 0);
	cr_assert_eq(wg_pinyin_readings((wchar_t)-1, r, 1), 0);
	cr_assert_eq(wg_pinyin_readings(L'㐀', r, 1), 1, "Extension A is in the table");
}

Test(pinyin_table, syllables_sorted_and_pool_consistent)
{
	cr_assert_geq(wg_py_nsyllables, 400);
	for (unsigned i = 1; i < wg_py_nsyllables; i++)
		cr_assert_lt(strcmp(wg_py_syllables[i - 1], wg_py_syllables[i]), 0, "%s", wg_py_syllables[i]);
	unsigned with_reading = 0;
	for (unsigned i = 0; i < wg_py_count; i++) {
		uint16_t off = wg_py_index[i];
		if (!off)
			continue;
		with_reading++;
		cr_assert_lt(off, wg_py_pool_size);
		cr_assert(wg_py_pool[off] >= 1 && wg_py_pool[off] <= WG_PINYIN_MAX_READINGS);
		for (unsigned k = 1; k <= wg_py_pool[off]; k++)
			cr_assert_lt(wg_py_pool[off + k], wg_py_nsyllables);
	}
	cr_assert_gt(with_reading, 20000, "the common block should be covered");
}

Test(pinyin_match, initials_full_and_mixed_at_start)
{
	cr_assert_eq(match("环境卫生", "hjws"), WG_PYMATCH_START_PREFIX);
	cr_assert_eq(match("环境卫生", "huanjingweisheng"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("环境卫生", "huanjws"), WG_PYMATCH_START_PREFIX);
	cr_assert_eq(match("环境卫生", "huanjingweish"), WG_PYMATCH_START_PREFIX);
	cr_assert_eq(match("环境卫生", "h"), WG_PYMATCH_START_PREFIX);
}

Test(pinyin_match, inside_the_name)
{
	cr_assert_eq(match("环境卫生", "weisheng"), WG_PYMATCH_INSIDE_FULL);
	cr_assert_eq(match("环境卫生", "jingwei"), WG_PYMATCH_INSIDE_FULL);
	cr_assert_eq(match("环境卫生", "jws"), WG_PYMATCH_INSIDE_PREFIX);
	cr_assert_eq(match("社区环境卫生整治", "hjwszz"), WG_PYMATCH_INSIDE_PREFIX);
}

Test(pinyin_match, start_ranks_above_inside_and_full_above_prefix)
{
	cr_assert_gt(match("卫生间", "weisheng"), match("环境卫生", "weisheng"));
	cr_assert_gt(match("张三", "zhang"), match("在哈啊你个", "zhang"));
	cr_assert_eq(match("在哈啊你个", "zhang"), WG_PYMATCH_START_PREFIX);
}

Test(pinyin_match, not_matching)
{
	cr_assert_eq(match("环境卫生", "hjwx"), WG_PYMATCH_NONE);
	cr_assert_eq(match("环境卫生", "hws"), WG_PYMATCH_NONE, "characters must be consecutive");
	cr_assert_eq(match("环境卫生", "huanjingweishenga"), WG_PYMATCH_NONE);
	cr_assert_eq(match("环境卫生", "uanjing"), WG_PYMATCH_NONE, "a reading is entered from its start");
	cr_assert_eq(match("环境卫生", "xyz"), WG_PYMATCH_NONE);
	cr_assert_eq(match("环境卫生", "hjws5"), WG_PYMATCH_NONE);
}

Test(pinyin_match, polyphonic_characters)
{
	cr_assert_eq(match("银行", "yinhang"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("行人", "xingren"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("银行网点", "yhwd"), WG_PYMATCH_START_PREFIX);
	cr_assert_eq(match("长安街", "changanjie"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("村长", "cunzhang"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("重庆路", "chongqing"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("重量超标", "zhongliang"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("重量超标", "zlcb"), WG_PYMATCH_START_PREFIX);
	cr_assert_eq(match("重量超标", "clcb"), WG_PYMATCH_START_PREFIX);
}

Test(pinyin_match, syllable_boundaries_need_backtracking)
{
	cr_assert_eq(match("西安", "xian"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("先进", "xian"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("西安路", "xianlu"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("西安路", "xial"), WG_PYMATCH_START_PREFIX);
}

Test(pinyin_match, ascii_in_names)
{
	cr_assert_eq(match("5G基站", "5gjz"), WG_PYMATCH_START_PREFIX);
	cr_assert_eq(match("5G基站", "5gjizhan"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("5G基站", "jizhan"), WG_PYMATCH_INSIDE_FULL);
	cr_assert_eq(match("5G基站", "6gjz"), WG_PYMATCH_NONE);
	cr_assert_eq(match("3G基站", "9gjz"), WG_PYMATCH_NONE, "digits sharing a filter bit");
	cr_assert_eq(match("AB张", "ba"), WG_PYMATCH_NONE);
	cr_assert_eq(match("AB张", "abz"), WG_PYMATCH_START_PREFIX);
	cr_assert_eq(match("５Ｇ基站", "5gjz"), WG_PYMATCH_START_PREFIX);
	cr_assert_eq(match("WiFi覆盖", "wififg"), WG_PYMATCH_START_PREFIX);
}

Test(pinyin_match, query_folding)
{
	cr_assert_eq(match("环境卫生", "HJWS"), WG_PYMATCH_START_PREFIX);
	cr_assert_eq(match("西安", "xi'an"), WG_PYMATCH_START_FULL);
	cr_assert_eq(match("环境卫生", "huan jing"), WG_PYMATCH_START_FULL);
}

Test(pinyin_match, punctuation_in_names_is_skipped)
{
	cr_assert_eq(match("环境（卫生）", "hjws"), WG_PYMATCH_START_PREFIX);
	cr_assert_eq(match("《环境》", "huanjing"), WG_PYMATCH_START_FULL);
}

Test(pinyin_match, empty_and_degenerate)
{
	cr_assert_eq(match("环境卫生", ""), WG_PYMATCH_NONE);
	cr_assert_eq(match("环境卫生", "'- "), WG_PYMATCH_NONE);
	cr_assert_eq(match("", "a"), WG_PYMATCH_NONE);
	cr_assert_eq(match("，。！", "a"), WG_PYMATCH_NONE);
	cr_assert_eq(match("\xff\xfe\xe7\x8e", "a"), WG_PYMATCH_NONE);
	cr_assert_eq(match("\xff环\xe7境", "hj"), WG_PYMATCH_START_PREFIX, "bad bytes are skipped");

	char longq[WG_PYQUERY_MAX + 2];
	memset(longq, 'a', sizeof longq - 1);
	longq[sizeof longq - 1] = '\0';
	cr_assert_eq(match("阿阿阿", longq), WG_PYMATCH_NONE);
}

Test(pinyin_match, finished_name_is_empty)
{
	struct wg_pyname pn;
	cr_assert_eq(wg_pyname_init(&pn, "环境"), 0);
	cr_assert_eq(pn.len, 2);
	wg_pyname_fini(&pn);
	cr_assert_eq(pn.len, 0);
	cr_assert_null(pn.units);
	cr_assert_eq(wg_pyname_match(&pn, "h"), WG_PYMATCH_NONE);
}

enum { NAMES = 3575, CHARS = 8 };
static wchar_t name_chars[NAMES][CHARS];
static struct wg_pyname names[NAMES];
static const char *const queries[] = {
	"hjws", "huanjingweisheng", "zhang", "s", "a", "zz", "xian", "jingweishengzhengzhi", "shishi", "yiy",
};
#define NQUERIES (sizeof queries / sizeof *queries)

static void put_utf8(char **p, wchar_t c)
{
	*(*p)++ = (char)(0xE0 | c >> 12);
	*(*p)++ = (char)(0x80 | (c >> 6 & 0x3F));
	*(*p)++ = (char)(0x80 | (c & 0x3F));
}

/* Names of 8 Han characters with readings, drawn by a fixed generator; the
 * last one is a known name. */
static void build_names(void)
{
	static const wchar_t known[CHARS + 1] = L"环境卫生整治工作";
	const char *r[1];
	unsigned seed = 12345;
	for (int i = 0; i < NAMES; i++) {
		char buf[CHARS * 3 + 1], *p = buf;
		for (int k = 0; k < CHARS; k++) {
			wchar_t c = known[k];
			while (i < NAMES - 1 && (c == known[k] || wg_pinyin_readings(c, r, 1) == 0)) {
				seed = seed * 1103515245u + 12345u;
				c = (wchar_t)(0x4E00 + (seed >> 8) % 0x51A6);
			}
			name_chars[i][k] = c;
			put_utf8(&p, c);
		}
		*p = '\0';
		cr_assert_eq(wg_pyname_init(&names[i], buf), 0);
	}
}

static void free_names(void)
{
	for (int i = 0; i < NAMES; i++)
		wg_pyname_fini(&names[i]);
}

/* Plain backtracking, written independently of the matcher's dynamic
 * programme and quick filters: 2 whole readings, 1 with a prefix, 0 none. */
static int oracle_from(const wchar_t *s, int n, const char *q)
{
	if (!*q)
		return 2;
	if (n == 0)
		return 0;
	const char *r[WG_PINYIN_MAX_READINGS];
	size_t nr = wg_pinyin_readings(s[0], r, WG_PINYIN_MAX_READINGS);
	int best = 0;
	for (size_t j = 0; j < nr; j++) {
		for (size_t k = 1; k <= strlen(r[j]) && strncmp(r[j], q, k) == 0; k++) {
			int rest = oracle_from(s + 1, n - 1, q + k);
			int v = (k == strlen(r[j]) || rest == 0) ? rest : 1;
			best = v > best ? v : best;
		}
	}
	return best;
}

static int oracle(const wchar_t *s, const char *q)
{
	int best = 0;
	for (int start = 0; start < CHARS; start++) {
		int v = oracle_from(s + start, CHARS - start, q);
		if (v)
			v += start == 0 ? 2 : 0;
		best = v > best ? v : best;
	}
	return best;
}

Test(pinyin_match, agrees_with_plain_backtracking, .init = build_names, .fini = free_names)
{
	int found = 0;
	for (size_t k = 0; k < NQUERIES; k++)
		for (int i = 0; i < NAMES; i++) {
			int want = oracle(name_chars[i], queries[k]);
			cr_assert_eq((int)wg_pyname_match(&names[i], queries[k]), want, "query %s, name %d", queries[k], i);
			found += want != 0;
		}
	cr_assert_gt(found, NAMES / 2, "the queries should match a fair share (found %d)", found);
	cr_assert_eq(wg_pyname_match(&names[NAMES - 1], "hjws"), WG_PYMATCH_START_PREFIX);
}
