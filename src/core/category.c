/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Category table: counts, export, and the vocabularies of responsible party and priority. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <wangge/category.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include <wangge/store.h>
#include "core-int.h"

static const struct {
	const char *code, *label;
} parties[] = {
	{ "grid_worker", N_("grid worker") },          { "community", N_("residents' committee") },
	{ "property", N_("property management") },     { "volunteer", N_("volunteers") },
	{ "social_org", N_("social organization") },   { "social_worker", N_("social worker") },
	{ "street_office", N_("street office") },      { "urban_mgmt", N_("urban management") },
	{ "public_security", N_("police station") },   { "fire", N_("fire and rescue") },
	{ "market", N_("market regulation") },         { "housing", N_("housing and construction") },
	{ "civil_affairs", N_("civil affairs") },      { "hrss", N_("human resources and social security") },
	{ "health", N_("health commission") },         { "education", N_("education") },
	{ "environment", N_("ecology and environment") }, { "water", N_("water authority") },
	{ "transport", N_("transport") },              { "emergency", N_("emergency management") },
	{ "justice", N_("justice bureau") },           { "culture", N_("culture and tourism") },
	{ "landscaping", N_("landscaping") },          { "utility", N_("utility company") },
	{ "party", N_("Party organization") },         { "medical_insurance", N_("medical insurance") },
	{ "veterans", N_("veterans affairs") },        { "disabled_fed", N_("disabled persons' federation") },
	{ "women_fed", N_("women's federation") },     { "youth_league", N_("Communist Youth League") },
	{ "trade_union", N_("trade union") },          { "tax", N_("tax bureau") },
	{ "stats", N_("statistics bureau") },          { "planning", N_("planning and natural resources") },
};

const char *wg_responsible_label(const char *code)
{
	for (size_t i = 0; i < sizeof parties / sizeof parties[0]; i++)
		if (strcmp(parties[i].code, code) == 0)
			return _(parties[i].label);
	return code;
}

int wg_responsible_valid(const char *code)
{
	for (size_t i = 0; i < sizeof parties / sizeof parties[0]; i++)
		if (strcmp(parties[i].code, code) == 0)
			return 1;
	return 0;
}

static const struct {
	const char *code, *zh, *label;
} priorities[] = {
	{ "urgent", "紧急", N_("urgent") },
	{ "high", "高", N_("high") },
	{ "normal", "普通", N_("normal") },
	{ "low", "低", N_("low") },
};

const char *wg_priority_normalize(const char *s)
{
	for (size_t i = 0; i < sizeof priorities / sizeof priorities[0]; i++)
		if (strcasecmp(s, priorities[i].code) == 0 || strcmp(s, priorities[i].zh) == 0)
			return priorities[i].code;
	if (strcmp(s, "一般") == 0 || strcmp(s, "中") == 0)
		return "normal";
	return NULL;
}

const char *wg_priority_label(const char *code)
{
	for (size_t i = 0; i < sizeof priorities / sizeof priorities[0]; i++)
		if (strcmp(code, priorities[i].code) == 0)
			return _(priorities[i].label);
	return code;
}

int wg_category_stats(struct wg_ctx *ctx, int counts[WG_CAT_LEVELS])
{
	static const char sql[] =
		"SELECT level, count(*) FROM categories WHERE active = 1 GROUP BY level";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	memset(counts, 0, sizeof(int) * WG_CAT_LEVELS);
	if (!st)
		return WG_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int level = sqlite3_column_int(st, 0);
		if (level >= 1 && level <= WG_CAT_LEVELS)
			counts[level - 1] = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return WG_OK;
}

int wg_category_sectors(struct wg_ctx *ctx, int (*each)(void *arg, const char *code,
							 const char *name_zh, const char *name_en),
			void *arg)
{
	static const char sql[] = "SELECT code, name_zh, name_en FROM categories WHERE level = 1"
				  " AND active = 1 ORDER BY sort, code";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc = st ? WG_OK : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW)
		rc = each(arg, (const char *)sqlite3_column_text(st, 0),
			  (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
	if (st)
		sqlite3_reset(st);
	return rc;
}

static void export_json_row(FILE *out, sqlite3_stmt *st, int first)
{
	static const char *const keys[] = { "code", "parent_code", "level", "name_zh", "name_en",
					    "time_limit_hours", "responsible", "priority", "active" };
	fputs(first ? "[\n  {" : ",\n  {", out);
	for (int c = 0; c < 9; c++) {
		fprintf(out, "%s\"%s\": ", c ? ", " : "", keys[c]);
		if (sqlite3_column_type(st, c) == SQLITE_NULL)
			fputs("null", out);
		else if (c == 2 || c == 5)
			fprintf(out, "%d", sqlite3_column_int(st, c));
		else if (c == 8)
			fputs(sqlite3_column_int(st, c) ? "true" : "false", out);
		else
			wg_json_string(out, (const char *)sqlite3_column_text(st, c));
	}
	fputc('}', out);
}

int wg_category_export(struct wg_ctx *ctx, FILE *out, enum wg_category_format fmt)
{
	static const char sql[] =
		"SELECT c.code, coalesce(p.code, ''), c.level, c.name_zh, c.name_en, c.time_limit_hours,"
		" c.responsible, c.priority, c.active FROM categories c"
		" LEFT JOIN categories p ON p.id = c.parent_id ORDER BY c.level, c.sort, c.code";
	static const char *const header[] = { "code", "parent_code", "level", "name_zh", "name_en",
					      "time_limit_hours", "responsible", "priority", "active" };
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int n = 0;
	if (!st)
		return WG_EIO;
	if (fmt == WG_CATFMT_CSV)
		wg_csv_write_row(out, header, 9);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (fmt == WG_CATFMT_JSON) {
			export_json_row(out, st, n++ == 0);
			continue;
		}
		const char *f[9];
		for (int c = 0; c < 9; c++)
			f[c] = (const char *)sqlite3_column_text(st, c);
		wg_csv_write_row(out, f, 9);
	}
	sqlite3_reset(st);
	if (fmt == WG_CATFMT_JSON)
		fputs(n ? "\n]\n" : "[]\n", out);
	return ferror(out) ? wg_fail(ctx, WG_EIO, _("cannot write the export: disk full?")) : WG_OK;
}
