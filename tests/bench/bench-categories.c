/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Benchmark (prints figures, asserts nothing): category import, tree load, search, case counts. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <wangge/category.h>
#include <wangge/pinyin.h>
#include <wangge/store.h>
#include "../unit/cat-fixture.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void figure(const char *what, double ms, double target)
{
	if (target > 0)
		printf("  %-44s %9.3f ms   target <= %g ms%s\n", what, ms, target,
		       ms > target ? "   MISSED" : "");
	else
		printf("  %-44s %9.3f ms\n", what, ms);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Imports text into a fresh database rounds times; the median time. Leaves the last open in *keep. */
static double time_import(const char *name, const char *text, size_t len, int rounds,
			  struct wg_ctx **keep)
{
	static const int expect[WG_CAT_LEVELS] = { 10, 118, 577, 3575 };
	double t[16];
	for (int r = 0; r < rounds && r < 16; r++) {
		struct wg_problems probs = { 0 };
		struct wg_category_import_result res;
		struct wg_ctx *ctx = catfx_open();
		if (!ctx)
			exit(1);
		double t0 = now_ms();
		int rc = wg_category_import_mem(ctx, name, text, len, WG_ENC_AUTO, expect, 0, &probs, &res);
		t[r] = now_ms() - t0;
		if (rc != WG_OK) {
			fprintf(stderr, "%s: %s\n", name, wg_problems_count(&probs) ?
				wg_problems_get(&probs, 0) : wg_error(ctx));
			exit(1);
		}
		wg_problems_free(&probs);
		if (r == rounds - 1)
			*keep = ctx;
		else
			catfx_close(ctx);
	}
	qsort(t, (size_t)rounds, sizeof t[0], cmp_double);
	return t[rounds / 2];
}

/* Median of single loads: a shared machine's hiccups would swing a mean. */
static void bench_load(struct wg_ctx *ctx)
{
	enum { ROUNDS = 51 };
	struct wg_cattree tree;
	double t[ROUNDS];
	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_ms();
		if (wg_cattree_load(ctx, &tree) != WG_OK)
			exit(1);
		t[r] = now_ms() - t0;
		if (r < ROUNDS - 1)
			wg_cattree_free(&tree);
	}
	qsort(t, ROUNDS, sizeof t[0], cmp_double);
	figure("tree load (wg_cattree_load, 4280 nodes, median)", t[ROUNDS / 2], 5);
	/* what share of a load is preparing the names for pinyin matching */
	double t0 = now_ms();
	for (int r = 0; r < ROUNDS; r++)
		for (int i = 0; i < tree.n; i++) {
			struct wg_pyname pn;
			wg_pyname_init(&pn, wg_cattree_text(&tree, tree.nodes[i].name_zh));
			wg_pyname_fini(&pn);
		}
	figure("  of which wg_pyname_init for every name", (now_ms() - t0) / ROUNDS, 0);
	wg_cattree_free(&tree);
}

/* What a clerk types, one keystroke at a time: each prefix of each word is one query. */
static const char *const typed[] = {
	"ludeng", "lajitong", "ranqi", "dianti", "jinggai", "ldps", "hjws", "rqgd", "gxdc",
	"tingche", "xfyd", "gongce", "shuixiang", "zhaoming", "路灯", "垃圾桶", "燃气管道", "电梯故障",
	"破损", "积水", "street", "gas pipe", "lift", "0101", "020304", "010203",
};

static void bench_search(struct wg_ctx *ctx)
{
	enum { ROUNDS = 20 };
	struct wg_cattree tree;
	struct wg_cathit hits[50];
	int total, queries = 0;
	long found = 0;
	char q[64];
	if (wg_cattree_load(ctx, &tree) != WG_OK)
		exit(1);
	double t0 = now_ms();
	for (int r = 0; r < ROUNDS; r++)
		for (size_t w = 0; w < sizeof typed / sizeof typed[0]; w++)
			for (size_t n = 1; n <= strlen(typed[w]) && n <= 6 * 3; n++) {
				if ((typed[w][n] & 0xC0) == 0x80)
					continue; /* not a whole character yet */
				memcpy(q, typed[w], n);
				q[n] = '\0';
				wg_cattree_search(&tree, q, 0, hits, 50, &total);
				found += total;
				queries++;
			}
	double per = (now_ms() - t0) / queries;
	char what[64];
	snprintf(what, sizeof what, "search keystroke (avg of %d queries)", queries / ROUNDS);
	figure(what, per, 1);
	/* the pinyin matcher alone, as test-pinyin used to time it */
	t0 = now_ms();
	int pq = 0;
	for (int r = 0; r < ROUNDS; r++)
		for (size_t w = 0; w < 14; w++, pq++)
			for (int i = 0; i < tree.n; i++) {
				struct wg_pyname py = wg_cattree_pyname(&tree, i);
				found += wg_pyname_match(&py, typed[w]) != WG_PYMATCH_NONE;
			}
	figure("  wg_pyname_match over all names, per query", (now_ms() - t0) / pq, 0);
	if (found == 0)
		printf("  (no query found anything: the figures mean nothing)\n");
	wg_cattree_free(&tree);
}

static void bench_counts(struct wg_ctx *ctx)
{
	enum { CASES = 5000, ROUNDS = 20 };
	struct wg_cattree tree;
	char code[16];
	if (wg_cattree_load(ctx, &tree) != WG_OK || wg_begin(ctx) != WG_OK)
		exit(1);
	for (int i = 0, k = 0; i < CASES; i++, k = (k + 7919) % tree.n) {
		snprintf(code, sizeof code, "%s", wg_cattree_text(&tree, tree.nodes[k].code));
		catfx_add_task(ctx, code, (int64_t)wg_now(ctx) + (i % 3 - 1) * 3600);
	}
	wg_commit(ctx);
	double t0 = now_ms();
	for (int r = 0; r < ROUNDS; r++)
		wg_cattree_count_cases(ctx, &tree);
	figure("case counts (wg_cattree_count_cases, 5000 open)", (now_ms() - t0) / ROUNDS, 0);
	wg_cattree_free(&tree);
}

int main(void)
{
	char *text = NULL;
	size_t len = 0;
	struct wg_ctx *ctx = NULL;
	FILE *f = open_memstream(&text, &len);
	if (!f || wg_gen_categories(f, 1) != WG_OK || fclose(f) != 0)
		return 1;
	printf("categories: synthetic table (seed 1, 10/118/577/3575, %zu bytes)\n", len);
	figure("import of the flat CSV (median of 5)", time_import("gen.csv", text, len, 5, &ctx), 200);
	bench_load(ctx);
	bench_search(ctx);
	bench_counts(ctx);
	catfx_close(ctx);
	free(text);

	text = catfx_slurp(catfx_default_table(), &len);
	if (text) {
		printf("categories: shipped table %s\n", catfx_default_table());
		figure("import (median of 5)", time_import("full-model.csv", text, len, 5, &ctx), 200);
		bench_load(ctx);
		bench_search(ctx);
		catfx_close(ctx);
		free(text);
	}
	return 0;
}
