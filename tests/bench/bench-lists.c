/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Benchmark: keyset paging costs the same on a million rows as on fifty (prints figures). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <wangge/lists.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include "core/core-int.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void fill(struct wg_ctx *ctx, int n)
{
	sqlite3 *db = wg_db(ctx);
	sqlite3_stmt *st;
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO volunteers(id, vol_no, name, phone) VALUES (?1, ?2, ?3, ?4)", -1,
			   &st, NULL);
	static const char *const family[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };
	static const char *const given[] = { "芳", "伟", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰" };
	for (int i = 1; i <= n; i++) {
		char no[16], name[32], phone[16];
		snprintf(no, sizeof no, "V%07d", i);
		snprintf(name, sizeof name, "%s%s%s", family[i % 10], given[(i / 10) % 10], given[(i / 100) % 10]);
		snprintf(phone, sizeof phone, "137%08d", i);
		sqlite3_bind_int64(st, 1, ((int64_t)1 << WG_SITE_SHIFT) + i);
		sqlite3_bind_text(st, 2, no, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, phone, -1, SQLITE_TRANSIENT);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
}

/* Average milliseconds of one fetch of a 20-row page in direction dir from key. */
static double time_page(struct wg_ctx *ctx, enum wg_page_dir dir, const struct wg_pagekey *key)
{
	struct wg_rows rows;
	wg_rows_init(&rows);
	double t0 = now_ms();
	for (int i = 0; i < 200; i++) {
		wg_rows_clear(&rows);
		wg_list_volunteers.fetch(ctx, wg_list_volunteers.arg, dir, key, 20, &rows);
	}
	double ms = (now_ms() - t0) / 200;
	wg_rows_free(&rows);
	return ms;
}

static void run(int n)
{
	char path[] = "/tmp/wangge-bench-lists-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	struct wg_ctx *ctx = wg_ctx_new();
	if (wg_store_open(ctx, path, WG_OPEN_CREATE) != WG_OK || wg_site_init(ctx, 1, 0, "", NULL) != WG_OK) {
		fprintf(stderr, "%s\n", wg_error(ctx));
		exit(1);
	}
	double t0 = now_ms();
	fill(ctx, n);
	double fill_ms = now_ms() - t0;
	struct wg_rows rows;
	wg_rows_init(&rows);
	wg_list_volunteers.fetch(ctx, wg_list_volunteers.arg, WG_PAGE_LAST, NULL, 20, &rows);
	struct wg_pagekey last = rows.rows[0].key;
	wg_rows_free(&rows);
	printf("%9d rows (filled in %.0f ms): first page %.3f ms, page after %.3f ms, "
	       "last page %.3f ms, page before the end %.3f ms\n", n, fill_ms,
	       time_page(ctx, WG_PAGE_FIRST, NULL), time_page(ctx, WG_PAGE_AFTER, &last),
	       time_page(ctx, WG_PAGE_LAST, NULL), time_page(ctx, WG_PAGE_BEFORE, &last));
	wg_ctx_free(ctx);
	unlink(path);
}

int main(int argc, char **argv)
{
	int big = argc > 1 ? atoi(argv[1]) : 1000000;
	printf("bench-lists: keyset-paged list of volunteers, 20-row pages, average of 200 fetches\n");
	run(50);
	run(big);
	return 0;
}
