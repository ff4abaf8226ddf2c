/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Benchmark of case queues, moves and reads on a large database: prints figures, asserts nothing. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <wangge/category.h>
#include <wangge/gen.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/task.h>
#include <wangge/user.h>
#include "core/core-int.h"

#define PASSWORD "bench-only-password"
#define RUNS 7

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void start(struct timespec *t0)
{
	clock_gettime(CLOCK_MONOTONIC, t0);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void die(struct wg_ctx *ctx, const char *what)
{
	fprintf(stderr, "bench-tasks: %s: %s\n", what, wg_error(ctx));
	exit(1);
}

static void build(struct wg_ctx *ctx, const char *path, long cases)
{
	char csv[4096];
	const char *data = getenv("WANGGE_DATADIR");
	struct wg_category_import_result res;
	struct wg_gen_tasks opt = { .tasks = cases, .cells = 300, .seed = 7 };
	struct wg_gen_result got;
	struct timespec t0;
	int64_t id;
	snprintf(csv, sizeof csv, "%s/categories/full-model.csv", data && *data ? data : "data");
	printf("building %s with %ld cases (once; later runs reuse it)\n", path, cases);
	start(&t0);
	if (wg_store_open(ctx, path, WG_OPEN_CREATE) != WG_OK || wg_site_init(ctx, 1, 0, "基准社区", NULL) != WG_OK ||
	    wg_user_add(ctx, "admin", "", WG_ROLE_ADMIN, PASSWORD, &id) != WG_OK)
		die(ctx, "creating the database");
	wg_set_user(ctx, id, "admin", WG_ROLE_ADMIN);
	if (wg_category_import_file(ctx, csv, WG_ENC_UTF8, NULL, 0, NULL, &res) != WG_OK ||
	    wg_demo_build(ctx, PASSWORD) != WG_OK)
		die(ctx, "loading categories and the demo community");
	if (wg_gen_tasks(ctx, &opt, &got) != WG_OK)
		die(ctx, "generating cases");
	printf("generated %ld cells, %ld cases, %ld events in %.1f s\n", got.cells, got.tasks, got.events,
	       ms_since(&t0) / 1e3);
}

static void open_existing(struct wg_ctx *ctx, const char *path)
{
	struct wg_user u;
	if (wg_store_open(ctx, path, WG_OPEN_EXISTING) != WG_OK || wg_user_get(ctx, "admin", &u) != WG_OK)
		die(ctx, "opening the database");
	wg_set_user(ctx, u.id, u.name, u.role);
}

/* Opens the queue and reads its first page (what the screen does when the clerk picks a queue). */
static double first_page(struct wg_ctx *ctx, enum wg_task_queue q, int *n, struct wg_pagekey *last)
{
	struct wg_task_queue_src *qs;
	struct wg_list_source src;
	struct wg_rows rows;
	struct timespec t0;
	wg_rows_init(&rows);
	start(&t0);
	if (wg_task_queue_open(ctx, q, NULL, &qs, &src) != WG_OK ||
	    src.fetch(ctx, src.arg, WG_PAGE_FIRST, NULL, 50, &rows) != WG_OK)
		die(ctx, wg_task_queue_name(q));
	double ms = ms_since(&t0);
	*n = rows.n;
	if (rows.n)
		*last = rows.rows[rows.n - 1].key;
	wg_rows_free(&rows);
	wg_task_queue_close(qs);
	return ms;
}

static void bench_queues(struct wg_ctx *ctx)
{
	printf("\nqueue            first page of 50 (ms: best / median / worst of %d)   rows\n", RUNS);
	for (int q = 0; q < WG_Q_COUNT; q++) {
		double t[RUNS];
		int n = 0;
		struct wg_pagekey last;
		for (int r = 0; r < RUNS; r++)
			t[r] = first_page(ctx, (enum wg_task_queue)q, &n, &last);
		qsort(t, RUNS, sizeof t[0], cmp_double);
		printf("%-16s %8.3f %8.3f %8.3f %21d\n", wg_task_queue_name((enum wg_task_queue)q), t[0],
		       t[RUNS / 2], t[RUNS - 1], n);
	}
	struct wg_user grid, admin;
	double t[RUNS];
	int n = 0;
	struct wg_pagekey last;
	if (wg_user_get(ctx, "grid", &grid) == WG_OK && wg_user_get(ctx, "admin", &admin) == WG_OK) {
		wg_set_user(ctx, grid.id, grid.name, grid.role);
		for (int r = 0; r < RUNS; r++)
			t[r] = first_page(ctx, WG_Q_MINE, &n, &last);
		qsort(t, RUNS, sizeof t[0], cmp_double);
		printf("%-16s %8.3f %8.3f %8.3f %21d\n", "mine (grid)", t[0], t[RUNS / 2], t[RUNS - 1], n);
		wg_set_user(ctx, admin.id, admin.name, admin.role);
	}
	long counts[WG_Q_COUNT];
	struct timespec t0;
	start(&t0);
	if (wg_task_queue_counts(ctx, NULL, counts) != WG_OK)
		die(ctx, "counting");
	printf("counts of all %d queues: %.1f ms (all %ld, overdue %ld, due today %ld, to dispatch %ld)\n",
	       WG_Q_COUNT, ms_since(&t0), counts[WG_Q_ALL], counts[WG_Q_OVERDUE], counts[WG_Q_DUE_TODAY],
	       counts[WG_Q_TO_DISPATCH]);
}

/* Pages 200 pages deep into all cases: each page costs what the first did. */
static void bench_deep_paging(struct wg_ctx *ctx)
{
	struct wg_task_queue_src *qs;
	struct wg_list_source src;
	struct wg_rows rows;
	struct wg_pagekey key;
	struct timespec t0;
	double worst = 0;
	wg_rows_init(&rows);
	if (wg_task_queue_open(ctx, WG_Q_ALL, NULL, &qs, &src) != WG_OK)
		die(ctx, "all");
	int pages = 0;
	start(&t0);
	for (int p = 0; p < 200; p++, pages++) {
		struct timespec tp;
		start(&tp);
		if (src.fetch(ctx, src.arg, p ? WG_PAGE_AFTER : WG_PAGE_FIRST, p ? &key : NULL, 50, &rows) != WG_OK)
			die(ctx, "paging");
		double ms = ms_since(&tp);
		worst = ms > worst ? ms : worst;
		if (rows.n == 0)
			break; /* a small file (the short run in make check) ends before 200 pages */
		key = rows.rows[rows.n - 1].key;
	}
	printf("paging %d pages of 50 through all cases: %.3f ms a page on average, worst %.3f ms\n",
	       pages, ms_since(&t0) / (pages ? pages : 1), worst);
	wg_rows_free(&rows);
	wg_task_queue_close(qs);
}

/* Ids of up to max cases from a queue. */
static int ids_of(struct wg_ctx *ctx, enum wg_task_queue q, int64_t *ids, int max)
{
	struct wg_task_queue_src *qs;
	struct wg_list_source src;
	struct wg_rows rows;
	wg_rows_init(&rows);
	if (wg_task_queue_open(ctx, q, NULL, &qs, &src) != WG_OK ||
	    src.fetch(ctx, src.arg, WG_PAGE_FIRST, NULL, max, &rows) != WG_OK)
		die(ctx, "collecting cases");
	int n = rows.n;
	for (int i = 0; i < n; i++)
		ids[i] = rows.rows[i].key.id;
	wg_rows_free(&rows);
	wg_task_queue_close(qs);
	return n;
}

/* Moves n fresh cases through file, dispatch, accept and handle; the mean per move. */
static double moves(struct wg_ctx *ctx, int n)
{
	static const enum wg_task_action steps[] = { WG_ACT_FILE, WG_ACT_DISPATCH, WG_ACT_ACCEPT,
						      WG_ACT_HANDLE };
	struct wg_task_new in = { .cell_code = "GEN00001", .category_code = "02180101",
				  .title = "基准案件", .source = WG_SRC_PATROL };
	char number[WG_TASK_NUMBER_SIZE];
	int64_t id;
	struct timespec t0;
	double total = 0;
	for (int i = 0; i < n; i++) {
		if (wg_task_add(ctx, &in, WG_TASK_ALLOW_DUPLICATE, &id, number, NULL) != WG_OK)
			die(ctx, "adding");
		for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
			struct wg_move m = { .action = steps[s], .note = "基准", .to_spec = "dept:基准部门" };
			start(&t0);
			if (wg_task_move(ctx, id, &m) != WG_OK)
				die(ctx, "moving");
			total += ms_since(&t0);
		}
	}
	return total / (n * 4);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* A save once the database has a sync peer (every change also recorded for sync) against the
 * same save without one (issue 15: <= 1.1x), in turns; the peer is a row of peer_keys for the
 * time of the figure (a paired site is what switches the recording on).  Short turns, many of
 * them: a WAL checkpoint (every 1,000 pages, a few ms with its fsync) falls in one turn or the
 * other, so a few long turns gave 1.03-1.14x for the same build. */
#define PEER_TURNS 51
static void bench_peer(struct wg_ctx *ctx, const char *how)
{
	double without[PEER_TURNS], with[PEER_TURNS], ratio[PEER_TURNS];
	for (int i = 0; i < PEER_TURNS; i++) {
		without[i] = moves(ctx, 10);
		if (sqlite3_exec(wg_db(ctx), "INSERT INTO peer_keys(site_no, public_key, paired_at,"
				 " paired_by) VALUES (8000000, zeroblob(32), 0, NULL)", NULL, NULL,
				 NULL) != SQLITE_OK)
			die(ctx, "pairing a peer");
		with[i] = moves(ctx, 10);
		sqlite3_exec(wg_db(ctx), "DELETE FROM peer_keys WHERE site_no = 8000000", NULL, NULL, NULL);
		ratio[i] = with[i] / without[i];
	}
	qsort(without, PEER_TURNS, sizeof *without, by_value);
	qsort(with, PEER_TURNS, sizeof *with, by_value);
	qsort(ratio, PEER_TURNS, sizeof *ratio, by_value);
	printf("  a move with a sync peer / without, %s (%d turns of 40 moves, medians): %.3f / %.3f ms,"
	       " %.2fx (budget 1.1x)\n", how, PEER_TURNS, with[PEER_TURNS / 2], without[PEER_TURNS / 2],
	       ratio[PEER_TURNS / 2]);
}

static void bench_moves(struct wg_ctx *ctx)
{
	struct timespec t0;
	int64_t id;
	char number[WG_TASK_NUMBER_SIZE];
	struct wg_task_new in = { .cell_code = "GEN00002", .category_code = "02090101",
				  .title = "基准新增", .source = WG_SRC_HOTLINE };
	printf("\nmoving a case (file, dispatch, accept, handle), mean of 400 moves:\n");
	printf("  as shipped (synchronous=FULL, one fsync per move): %.3f ms\n", moves(ctx, 100));
	sqlite3_exec(wg_db(ctx), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	printf("  without the fsync (the work the program does):     %.3f ms\n", moves(ctx, 100));
	start(&t0);
	for (int i = 0; i < 100; i++)
		if (wg_task_add(ctx, &in, 0, &id, number, NULL) != WG_OK &&
		    wg_task_add(ctx, &in, WG_TASK_ALLOW_DUPLICATE, &id, number, NULL) != WG_OK)
			die(ctx, "adding");
	printf("  reporting a case with the duplicate check:           %.3f ms\n", ms_since(&t0) / 100);
	bench_peer(ctx, "without the fsync");
	sqlite3_exec(wg_db(ctx), "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	bench_peer(ctx, "as shipped");
}

static void bench_reads(struct wg_ctx *ctx)
{
	int64_t ids[50];
	struct timespec t0;
	struct wg_task_detail d;
	struct wg_suggestion s[10];
	int n = ids_of(ctx, WG_Q_ALL, ids, 50), ns;
	start(&t0);
	for (int i = 0; i < n; i++) {
		if (wg_task_load(ctx, ids[i], &d) != WG_OK)
			die(ctx, "loading");
		wg_task_detail_free(&d);
	}
	printf("\nloading a case with its timeline: %.3f ms\n", ms_since(&t0) / n);
	n = ids_of(ctx, WG_Q_TO_DISPATCH, ids, 10);
	start(&t0);
	for (int i = 0; i < n; i++)
		if (wg_task_suggest(ctx, ids[i], s, 10, &ns) != WG_OK)
			die(ctx, "suggesting");
	printf("suggesting handlers for a case (300+ candidates): %.1f ms\n", n ? ms_since(&t0) / n : 0);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/wangge-bench-tasks.db";
	long cases = argc > 2 ? atol(argv[2]) : 1000000;
	struct wg_ctx *ctx = wg_ctx_new();
	if (!ctx)
		return 1;
	if (access(path, F_OK) == 0)
		open_existing(ctx, path);
	else
		build(ctx, path, cases);
	bench_queues(ctx);
	bench_deep_paging(ctx);
	bench_reads(ctx);
	bench_moves(ctx);
	wg_ctx_free(ctx);
	return 0;
}
