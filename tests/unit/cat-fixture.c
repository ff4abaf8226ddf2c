/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A throw-away database with a site and an admin, shared by the category tests and benchmark. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/user.h>
#include "core/core-int.h"
#include "cat-fixture.h"

static char dir[256], dbpath[320];

static void remove_files(void)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal", "-lock" };
	char p[340];
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		snprintf(p, sizeof p, "%s%s", dbpath, sides[i]);
		unlink(p);
	}
	rmdir(dir);
}

struct wg_ctx *catfx_open(void)
{
	int64_t uid;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/wgcat-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return NULL;
	}
	snprintf(dbpath, sizeof dbpath, "%s/test.db", dir);
	struct wg_ctx *ctx = wg_ctx_new();
	/* a pinned clock keeps created_at and deadlines reproducible */
	if (ctx)
		wg_clock_pin(ctx, (time_t)1795000000);
	if (!ctx || wg_store_open(ctx, dbpath, WG_OPEN_CREATE) != WG_OK ||
	    wg_site_init(ctx, 1, 0, "测试社区", NULL) != WG_OK ||
	    wg_user_add(ctx, "admin", "", WG_ROLE_ADMIN, "secret123", &uid) != WG_OK) {
		fprintf(stderr, "cat-fixture: %s\n", ctx ? wg_error(ctx) : "out of memory");
		catfx_close(ctx);
		return NULL;
	}
	wg_set_user(ctx, uid, "admin", WG_ROLE_ADMIN);
	return ctx;
}

void catfx_close(struct wg_ctx *ctx)
{
	if (ctx) {
		wg_store_close(ctx);
		wg_ctx_free(ctx);
	}
	remove_files();
}

int catfx_import(struct wg_ctx *ctx, const char *text, const int *expect, int replace,
		 struct wg_problems *probs, struct wg_category_import_result *res)
{
	return wg_category_import_mem(ctx, "t.csv", text, strlen(text), WG_ENC_AUTO, expect, replace,
				      probs, res);
}

long catfx_int1(struct wg_ctx *ctx, const char *sql, const char *arg)
{
	sqlite3_stmt *st = NULL;
	long v = -1;
	if (sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "cat-fixture: %s: %s\n", sql, sqlite3_errmsg(wg_db(ctx)));
		return -1;
	}
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

void catfx_text(struct wg_ctx *ctx, const char *sql, const char *arg, char *out, size_t outsz)
{
	sqlite3_stmt *st = NULL;
	out[0] = '\0';
	if (sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "cat-fixture: %s: %s\n", sql, sqlite3_errmsg(wg_db(ctx)));
		return;
	}
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

long catfx_int(struct wg_ctx *ctx, const char *sql)
{
	return catfx_int1(ctx, sql, NULL);
}

int64_t catfx_add_task(struct wg_ctx *ctx, const char *code, int64_t deadline)
{
	static int serial;
	char number[32];
	sqlite3_stmt *st = NULL;
	int64_t id = 0;
	snprintf(number, sizeof number, "T-%d", ++serial);
	if (sqlite3_prepare_v2(wg_db(ctx),
			       "INSERT INTO tasks(number, category_id, title, deadline_at)"
			       " SELECT ?1, id, 'test case', ?3 FROM categories WHERE code = ?2",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
	if (deadline)
		sqlite3_bind_int64(st, 3, deadline);
	if (sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(wg_db(ctx)) == 1)
		id = sqlite3_last_insert_rowid(wg_db(ctx));
	sqlite3_finalize(st);
	return id;
}

char *catfx_iconv(const char *utf8, const char *to, size_t *len)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t inleft = strlen(utf8), cap = inleft * 2 + 16, outleft = cap;
	char *out = malloc(cap + 1), *in = (char *)utf8, *o = out;
	if (out && iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		free(out);
		out = NULL;
	}
	iconv_close(cd);
	if (out) {
		*len = cap - outleft;
		out[*len] = '\0'; /* so that the test may also use it as a string */
	}
	return out;
}

const char *catfx_default_table(void)
{
	static char path[4096];
	const char *d = getenv("WANGGE_DATADIR"), *top = getenv("TOP_SRCDIR");
	if (d && *d)
		snprintf(path, sizeof path, "%s/categories/full-model.csv", d);
	else if (top && *top)
		snprintf(path, sizeof path, "%s/data/categories/full-model.csv", top);
	else
		snprintf(path, sizeof path, "../data/categories/full-model.csv");
	return path;
}

char *catfx_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap + 1);
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *b = realloc(buf, cap * 2 + 1);
			if (!b) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = b;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		if (len)
			*len = n;
	}
	return buf;
}
