/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Fictional residents with valid ID numbers, for benchmarks ('wangge gen --residents N'). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "audit-priv.h"
#include "resident-priv.h"

#define GRIDS 12
#define BUILDINGS 24

/* xorshift64*: the same seed gives the same community on every machine. */
static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static int pick(uint64_t *s, int n)
{
	return (int)(next(s) >> 33) % n;
}

static int64_t grid_count(struct wg_ctx *ctx)
{
	static const char sql[] = "SELECT count(*) FROM cells WHERE kind = 'grid'";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int64_t n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	if (st)
		sqlite3_reset(st);
	return n;
}

/* A street, two communities and their grid cells, all marked as generated. */
static int make_cells(struct wg_ctx *ctx)
{
	static const char *const comm[] = { "生成甲社区", "生成乙社区" };
	struct wg_cell street = { .kind = WG_CELL_STREET };
	int rc;
	snprintf(street.code, sizeof street.code, "990000001");
	snprintf(street.name, sizeof street.name, "生成街道");
	if ((rc = wg_cell_save(ctx, &street)) != WG_OK)
		return rc;
	for (int c = 0; c < 2; c++) {
		struct wg_cell cm = { .kind = WG_CELL_COMMUNITY };
		snprintf(cm.code, sizeof cm.code, "990000001%03u", (unsigned)c % 1000u + 1);
		snprintf(cm.name, sizeof cm.name, "%s", comm[c]);
		snprintf(cm.parent_code, sizeof cm.parent_code, "%s", street.code);
		if ((rc = wg_cell_save(ctx, &cm)) != WG_OK)
			return rc;
		for (int g = 0; g < GRIDS / 2; g++) {
			struct wg_cell gc = { .kind = WG_CELL_GRID };
			snprintf(gc.code, sizeof gc.code, "%.12s%03u", cm.code, (unsigned)g % 1000u + 1);
			snprintf(gc.name, sizeof gc.name, "%s第%d网格", comm[c], g + 1);
			snprintf(gc.parent_code, sizeof gc.parent_code, "%s", cm.code);
			if ((rc = wg_cell_save(ctx, &gc)) != WG_OK)
				return rc;
		}
	}
	return WG_OK;
}

static int load_grids(struct wg_ctx *ctx, int64_t *ids, int max)
{
	static const char sql[] = "SELECT id FROM cells WHERE kind = 'grid' ORDER BY code LIMIT ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int n = 0;
	if (!st)
		return 0;
	sqlite3_bind_int(st, 1, max);
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* A made-up person: name, ID number (real date, right check character), phone, address. */
static void invent(uint64_t *s, struct wg_resident *r, const int64_t *grids, int ngrids)
{
	static const char *const family[] = {
		"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
		"郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
		"彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
		"魏", "吕", "丁", "任", "沈", "欧阳", "司马", "诸葛", "上官" };
	static const char *const given[] = {
		"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
		"明", "超", "兰", "霞", "平", "刚", "桂", "华", "玉", "萍", "红", "玲", "燕", "彬", "鹏",
		"辉", "国", "建", "志", "海", "俊", "峰", "晓", "东", "文", "博", "涵", "欣", "怡", "浩",
		"然", "梓", "轩", "宇", "睿", "琪", "雪", "晨", "阳", "鑫", "婷", "颖", "佳", "嘉", "瑶" };
	static const char *const regions[] = { "110101", "110102", "110105", "110108" };
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char body[40];
	int y = 1930 + pick(s, 91), m = 1 + pick(s, 12), d = 1 + pick(s, mdays[m - 1]);
	snprintf(r->name, sizeof r->name, "%s%s%s", family[pick(s, 54)], given[pick(s, 60)],
		 pick(s, 3) ? given[pick(s, 60)] : "");
	snprintf(body, sizeof body, "%s%04d%02d%02d%03d", regions[pick(s, 4)], y, m, d, pick(s, 1000));
	memcpy(r->id_number, body, 17);
	r->id_number[17] = wg_id_check_char(body);
	r->id_number[18] = '\0';
	r->gender = (body[16] - '0') % 2 ? 'M' : 'F';
	snprintf(r->birth_date, sizeof r->birth_date, "%.4s-%.2s-%.2s", body + 6, body + 10, body + 12);
	snprintf(r->phone, sizeof r->phone, "1%u%u%04u%04u", 3 + (unsigned)pick(s, 7),
		 (unsigned)pick(s, 10) % 10u, (unsigned)pick(s, 10000) % 10000u,
		 (unsigned)pick(s, 10000) % 10000u);
	r->cell_id = grids[pick(s, ngrids)];
	snprintf(r->building, sizeof r->building, "%d号楼", 1 + pick(s, BUILDINGS));
	snprintf(r->unit, sizeof r->unit, "%d", 1 + pick(s, 4));
	snprintf(r->room, sizeof r->room, "%d%02d", 1 + pick(s, 18), 1 + pick(s, 4));
	r->ntags = 0;
	int t = pick(s, 100);
	if (t < 12) /* a few per cent in each builtin tag */
		r->tags[r->ntags++].id = y < 1960 && t < 4 ? WG_TAG_ALONE : 2 + t % 4;
}

static int insert_all(struct wg_ctx *ctx, long n, uint64_t *seed, const int64_t *grids, int ngrids)
{
	struct wg_resident r;
	struct wg_bulk b;
	int64_t dup;
	int rc = wg_bulk_begin(ctx, &b, n);
	wg_resident_init(&r);
	for (long i = 0; rc == WG_OK && i < n;) {
		invent(seed, &r, grids, ngrids);
		if ((rc = wg_building_ensure(ctx, r.cell_id, r.building, &r.building_id)) != WG_OK)
			break;
		rc = wg_resident_insert_bulk(ctx, &b, &r, &dup);
		if (rc == WG_EINVAL && dup) { /* the same made-up number twice: make another */
			rc = WG_OK;
			continue;
		}
		i++;
	}
	return wg_bulk_end(ctx, &b, rc);
}

int wg_gen_residents(struct wg_ctx *ctx, long n, unsigned seed)
{
	int64_t grids[64];
	uint64_t s = 0x9E3779B97F4A7C15ULL ^ seed;
	int rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Generating residents"))) != WG_OK ||
	    (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if (grid_count(ctx) == 0)
		rc = make_cells(ctx);
	int ngrids = rc == WG_OK ? load_grids(ctx, grids, 64) : 0;
	if (rc == WG_OK && ngrids == 0)
		rc = wg_fail(ctx, WG_EIO, "%s", _("no grid cells to put residents in"));
	if (rc == WG_OK && (rc = wg_audit_batch_begin(ctx)) == WG_OK)
		rc = insert_all(ctx, n, &s, grids, ngrids);
	rc = wg_audit_batch_end(ctx, rc, "residents.gen", "residents", "fictional residents");
	if (rc == WG_OK && (rc = wg_resident_search_ready(ctx)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}
