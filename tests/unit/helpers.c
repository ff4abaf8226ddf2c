/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Shared fixtures for unit tests: temporary files and a fresh database with an admin. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/user.h>
#include "helpers.h"

static char tmpdir[256];

const char *th_tmpdir(void)
{
	if (!tmpdir[0]) {
		snprintf(tmpdir, sizeof tmpdir, "%s/wangge-test-XXXXXX",
			 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		cr_assert_not_null(mkdtemp(tmpdir));
	}
	return tmpdir;
}

const char *th_path(const char *name)
{
	static char bufs[4][512];
	static int next;
	char *b = bufs[next++ % 4];
	snprintf(b, sizeof bufs[0], "%s/%s", th_tmpdir(), name);
	return b;
}

void th_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

char *th_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot read %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *buf = malloc((size_t)n + 1);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

struct wg_ctx *th_new_db(const char *name)
{
	struct wg_ctx *ctx = wg_ctx_new();
	int64_t id;
	cr_assert_not_null(ctx);
	const char *path = th_path(name);
	unlink(path);
	cr_assert_eq(wg_store_open(ctx, path, WG_OPEN_CREATE), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_site_init(ctx, 1, 0, "测试社区", NULL), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_user_add(ctx, "admin", "", WG_ROLE_ADMIN, "secret123", &id), WG_OK, "%s",
		     wg_error(ctx));
	wg_set_user(ctx, id, "admin", WG_ROLE_ADMIN);
	return ctx;
}

void th_remove_tree(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

char *th_read_man_page(void)
{
	const char *top = getenv("TOP_SRCDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/man/wangge.1", top ? top : "..");
	return th_read_file(path, NULL);
}

/* Overwrites the root page of the table with garbage, as a failing disk does. */
void th_damage_table(const char *path, const char *table)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
			   " FROM sqlite_schema WHERE name = ?1", -1, &st, NULL);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	long page = sqlite3_column_int(st, 0), size = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
	char junk[65536];
	memset(junk, 0x5a, sizeof junk);
	FILE *f = fopen(path, "r+b");
	cr_assert_not_null(f);
	fseek(f, (page - 1) * size, SEEK_SET);
	fwrite(junk, 1, (size_t)size, f);
	fclose(f);
}
