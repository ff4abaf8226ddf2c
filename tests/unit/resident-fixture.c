/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Helpers for the cell, resident and patrol tests (see resident-fixture.h). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/audit.h>
#include <wangge/cell.h>
#include <wangge/resident.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "core/core-int.h"

#include "resident-fixture.h"

static char db_path[64];

struct wg_ctx *rf_open(enum wg_role role, int with_cells)
{
	time_t t;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	snprintf(db_path, sizeof db_path, "/tmp/wg-test-XXXXXX");
	int fd = mkstemp(db_path);
	cr_assert(fd >= 0);
	close(fd);
	struct wg_ctx *ctx = wg_ctx_new();
	cr_assert_null(wg_validate_time("2026-11-25T10:00", &t));
	wg_clock_pin(ctx, t);
	cr_assert_eq(wg_store_open(ctx, db_path, WG_OPEN_CREATE), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_site_init(ctx, 1, 0, "测试社区", NULL), WG_OK, "%s", wg_error(ctx));
	wg_set_user(ctx, 1, "tester", role);
	if (with_cells)
		rf_cells(ctx);
	return ctx;
}

void rf_close(struct wg_ctx *ctx)
{
	char side[80];
	wg_ctx_free(ctx);
	unlink(db_path);
	snprintf(side, sizeof side, "%s-wal", db_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-lock", db_path);
	unlink(side);
}

static void add_cell(struct wg_ctx *ctx, const char *code, const char *name, enum wg_cell_kind kind,
		     const char *parent)
{
	struct wg_cell c = { .kind = kind };
	snprintf(c.code, sizeof c.code, "%s", code);
	snprintf(c.name, sizeof c.name, "%s", name);
	snprintf(c.parent_code, sizeof c.parent_code, "%s", parent);
	cr_assert_eq(wg_cell_save(ctx, &c), WG_OK, "%s", wg_error(ctx));
}

void rf_cells(struct wg_ctx *ctx)
{
	enum wg_role role = wg_user_role(ctx);
	wg_set_user(ctx, 1, "tester", WG_ROLE_ADMIN);
	add_cell(ctx, RF_STREET, "测试街道", WG_CELL_STREET, "");
	add_cell(ctx, RF_C1, "西社区", WG_CELL_COMMUNITY, RF_STREET);
	add_cell(ctx, RF_G1, "甲网格", WG_CELL_GRID, RF_C1);
	add_cell(ctx, RF_G2, "乙网格", WG_CELL_GRID, RF_C1);
	add_cell(ctx, RF_C2, "东社区", WG_CELL_COMMUNITY, RF_STREET);
	add_cell(ctx, RF_G3, "丙网格", WG_CELL_GRID, RF_C2);
	wg_set_user(ctx, 1, "tester", role);
}

int64_t rf_cell(struct wg_ctx *ctx, const char *code)
{
	int64_t id = 0;
	cr_assert_eq(wg_cell_find(ctx, code, &id), WG_OK, "%s", wg_error(ctx));
	return id;
}

const char *rf_id(const char *birth8, int seq, char out[19])
{
	char body[18];
	snprintf(body, sizeof body, "110105%.8s%03u", birth8, (unsigned)seq % 1000u);
	snprintf(out, 19, "%s%c", body, wg_id_check_char(body));
	return out;
}

int64_t rf_add(struct wg_ctx *ctx, const char *name, const char *id_number, const char *phone,
	       const char *cell, const char *building, const char *room, const char *tags)
{
	struct wg_resident r;
	enum wg_role role = wg_user_role(ctx);
	wg_set_user(ctx, 1, "tester", WG_ROLE_CLERK);
	wg_resident_init(&r);
	const struct {
		enum wg_resident_field f;
		const char *v;
	} set[] = { { WG_RF_NAME, name }, { WG_RF_ID_NUMBER, id_number }, { WG_RF_PHONE, phone },
		    { WG_RF_CELL, cell }, { WG_RF_BUILDING, building }, { WG_RF_ROOM, room },
		    { WG_RF_TAGS, tags } };
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (set[i].v)
			cr_assert_eq(wg_resident_set(ctx, &r, set[i].f, set[i].v), WG_OK, "%s: %s",
				     set[i].v, wg_error(ctx));
	cr_assert_eq(wg_resident_save(ctx, &r), WG_OK, "%s", wg_error(ctx));
	wg_set_user(ctx, 1, "tester", role);
	return r.id;
}

int rf_audit_count(struct wg_ctx *ctx, const char *action)
{
	sqlite3_stmt *st = NULL;
	int n = -1;
	sqlite3_prepare_v2(wg_db(ctx), "SELECT count(*) FROM audit_log WHERE action = ?1", -1, &st, NULL);
	sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

char *rf_gb18030(const char *utf8, size_t *len)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	cr_assert(cd != (iconv_t)-1);
	size_t inleft = strlen(utf8), outsize = inleft * 2 + 4, outleft = outsize;
	char *out = malloc(outsize), *in = (char *)utf8, *o = out;
	cr_assert_neq(iconv(cd, &in, &inleft, &o, &outleft), (size_t)-1);
	iconv_close(cd);
	*len = outsize - outleft;
	return out;
}

char *rf_names(struct wg_ctx *ctx, struct wg_list_source src, int page_size)
{
	struct wg_rows rows;
	struct wg_pagekey key = { .id = 0 };
	size_t cap = 4096, len = 0;
	char *out = calloc(1, cap);
	wg_rows_init(&rows);
	for (enum wg_page_dir dir = WG_PAGE_FIRST;; dir = WG_PAGE_AFTER) {
		cr_assert_eq(src.fetch(ctx, src.arg, dir, &key, page_size, &rows), WG_OK, "%s",
			     wg_error(ctx));
		if (rows.n == 0)
			break;
		for (int i = 0; i < rows.n; i++) {
			size_t n = strlen(rows.rows[i].cols[0]) + 2;
			if (len + n >= cap)
				out = realloc(out, cap *= 2);
			len += (size_t)sprintf(out + len, "%s%s", len ? "," : "", rows.rows[i].cols[0]);
		}
		key = rows.rows[rows.n - 1].key;
	}
	wg_rows_free(&rows);
	return out;
}
