/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* What the sync tests share: pairing two sites, counting rows, a new laptop. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/site.h>
#include <wangge/site-key.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include <wangge/validate.h>
#include "core/core-int.h"

#include "resident-fixture.h"
#include "sync-fixture.h"

void sfx_pair(struct wg_ctx *a, struct wg_ctx *b)
{
	struct wg_site_key key;
	cr_assert_eq(wg_site_key_own(b, &key), WG_OK, "%s", wg_error(b));
	cr_assert_eq(wg_site_pair(a, key.site_no, key.key, NULL, 0), WG_OK, "%s", wg_error(a));
}

int sfx_count(struct wg_ctx *ctx, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int n = -1;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

void sfx_send(struct wg_ctx *from, int to, const char *path)
{
	long changes = 0;
	cr_assert_eq(wg_sync_export(from, to, path, "ask", &changes), WG_OK, "%s", wg_error(from));
}

struct wg_sync_import_result sfx_take(struct wg_ctx *ctx, const char *path)
{
	struct wg_sync_import_result res;
	cr_assert_eq(wg_sync_import(ctx, path, "ask", &res), WG_OK, "%s", wg_error(ctx));
	return res;
}

void sfx_pair_both(struct wg_ctx *a, struct wg_ctx *b)
{
	sfx_pair(a, b);
	sfx_pair(b, a);
}

struct wg_ctx *sfx_site(const char *path, int site, const char *name)
{
	return sfx_site_office(path, site, 0, name, NULL);
}

struct wg_ctx *sfx_site_office(const char *path, int site, int office, const char *name, const char *code)
{
	struct wg_ctx *ctx = wg_ctx_new();
	time_t t;
	cr_assert_not_null(ctx);
	cr_assert_null(wg_validate_time("2026-11-25T10:00", &t));
	wg_clock_pin(ctx, t);
	cr_assert_eq(wg_store_open(ctx, path, WG_OPEN_CREATE), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_site_init(ctx, site, office, name, code), WG_OK, "%s", wg_error(ctx));
	wg_set_user(ctx, 1, "tester", WG_ROLE_ADMIN);
	return ctx;
}

void sfx_close(struct wg_ctx *office, struct wg_ctx *laptop, const char *dir)
{
	char cmd[128];
	wg_ctx_free(laptop);
	rf_close(office);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

void sfx_behind_core(struct wg_ctx *ctx, const char *sql)
{
	cr_assert_eq(wg_begin(ctx), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(sqlite3_exec(wg_db(ctx), sql, NULL, NULL, NULL), SQLITE_OK, "%s: %s", sql,
		     sqlite3_errmsg(wg_db(ctx)));
	cr_assert_eq(wg_commit(ctx), WG_OK, "%s", wg_error(ctx));
}

static void gather(void *arg, const char *line)
{
	char *out = arg;
	if (out && strlen(out) + strlen(line) + 2 < 4096) {
		strcat(out, line);
		strcat(out, "\n");
	}
}

int sfx_problems(struct wg_ctx *ctx, char *lines, size_t sz)
{
	struct wg_check_result res = { 0 };
	char buf[4096] = "";
	cr_assert_eq(wg_store_check(ctx, gather, buf, &res), WG_OK, "%s", wg_error(ctx));
	if (lines)
		snprintf(lines, sz, "%s", buf);
	return res.problems;
}

void sfx_office_laptop(const char *tag, char dir[64], char file[96], struct wg_ctx **office, struct wg_ctx **laptop)
{
	char path[128];
	*office = rf_open(WG_ROLE_ADMIN, 1);
	snprintf(dir, 64, "/tmp/wg-%s-XXXXXX", tag);
	cr_assert_not_null(mkdtemp(dir));
	snprintf(file, 96, "%s/out.wgs", dir);
	snprintf(path, sizeof path, "%s/laptop.db", dir);
	*laptop = sfx_site(path, 2, "laptop");
	sfx_pair_both(*office, *laptop);
}

void sfx_synced(struct wg_ctx *office, struct wg_ctx *laptop, const char *file)
{
	sfx_send(office, 2, file);
	sfx_take(laptop, file);
	wg_set_user(laptop, 1, "tester", WG_ROLE_ADMIN);
	sfx_send(laptop, 1, file);
	sfx_take(office, file);
}
