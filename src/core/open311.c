/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Open311 GeoReport v2 JSON: the category table as services, the cases as requests. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include <wangge/open311.h>
#include <wangge/store.h>
#include "core-int.h"

static const char services_sql[] =
	"SELECT c.code, c.name_zh, c.name_en, coalesce(p.name_zh, ''),"
	" coalesce((SELECT s.name_zh FROM categories s JOIN categories l ON l.parent_id = s.id"
	"  WHERE l.id = p.parent_id), '')"
	" FROM categories c LEFT JOIN categories p ON p.id = c.parent_id"
	" WHERE c.level = 4 AND c.active = 1 ORDER BY c.code";

static const char requests_sql[] =
	"SELECT t.number, t.state, coalesce(k.code, ''), coalesce(k.name_zh, ''), t.title,"
	" t.description, t.handler_name, t.created_at, t.updated_at, t.deadline_at,"
	" CASE WHEN t.address <> '' THEN t.address ELSE coalesce(c.name, '') END, coalesce(c.code, ''),"
	" coalesce((SELECT e.note FROM task_events e WHERE e.task_id = t.id AND e.note <> ''"
	"  ORDER BY e.at DESC, e.id DESC LIMIT 1), '')"
	" FROM tasks t LEFT JOIN categories k ON k.id = t.category_id"
	" LEFT JOIN cells c ON c.id = t.cell_id ORDER BY t.id";

/* 2026-11-25T10:00:00+08:00, as GeoReport shows times; "" for none. */
static void iso_time(sqlite3_stmt *st, int col, char *out, size_t outsz)
{
	char zone[8];
	struct tm tm;
	time_t t = (time_t)sqlite3_column_int64(st, col);
	out[0] = '\0';
	if (sqlite3_column_type(st, col) == SQLITE_NULL || !t || !localtime_r(&t, &tm))
		return;
	strftime(zone, sizeof zone, "%z", &tm);
	size_t n = strftime(out, outsz, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, outsz - n, "%.3s:%.2s", zone, zone + 3);
}

static void field(FILE *out, const char *key, const char *value, int first)
{
	fprintf(out, "%s\"%s\": ", first ? "" : ", ", key);
	wg_json_string(out, value);
}

static const char *col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

static long write_services(sqlite3_stmt *st, FILE *out)
{
	long n = 0;
	fputs("{\"services\": [", out);
	while (sqlite3_step(st) == SQLITE_ROW) {
		fputs(n++ ? ",\n  {" : "\n  {", out);
		field(out, "service_code", col(st, 0), 1);
		field(out, "service_name", col(st, 1), 0);
		field(out, "description", col(st, 2), 0);
		fputs(", \"metadata\": false, \"type\": \"batch\"", out);
		field(out, "keywords", col(st, 3), 0);
		field(out, "group", col(st, 4), 0);
		fputc('}', out);
	}
	sqlite3_reset(st);
	fputs(n ? "\n ],\n" : "],\n", out);
	return n;
}

/* a, then sep and b when b is not empty; never NULL (at worst ""). */
static char *joined(const char *a, const char *sep, const char *b)
{
	size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s%s", a, *b ? sep : "", b);
	return s ? s : strdup("");
}

static void write_request(sqlite3_stmt *st, FILE *out)
{
	const char *state = col(st, 1);
	int closed = !strcmp(state, "closed") || !strcmp(state, "rejected") || !strcmp(state, "merged");
	char when[3][40];
	for (int i = 0; i < 3; i++)
		iso_time(st, 7 + i, when[i], sizeof when[i]);
	char *notes = joined(state, ": ", col(st, 12)), *text = joined(col(st, 4), "\n", col(st, 5));
	field(out, "service_request_id", col(st, 0), 1);
	field(out, "status", closed ? "closed" : "open", 0);
	field(out, "status_notes", notes, 0);
	field(out, "service_name", col(st, 3), 0);
	field(out, "service_code", col(st, 2), 0);
	field(out, "description", text, 0);
	field(out, "agency_responsible", col(st, 6), 0);
	field(out, "service_notice", "", 0);
	field(out, "requested_datetime", when[0], 0);
	field(out, "updated_datetime", when[1], 0);
	field(out, "expected_datetime", when[2], 0);
	field(out, "address", col(st, 10), 0);
	field(out, "address_id", col(st, 11), 0);
	field(out, "zipcode", "", 0);
	fputs(", \"lat\": null, \"long\": null", out);
	field(out, "media_url", "", 0);
	free(notes);
	free(text);
}

int wg_export_open311(struct wg_ctx *ctx, FILE *out, long *services, long *requests)
{
	char detail[64];
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Exporting cases"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, services_sql) : NULL;
	*services = *requests = 0;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	*services = write_services(st, out);
	if (!(st = wg_stmt(ctx, requests_sql)))
		return WG_EIO;
	fputs(" \"requests\": [", out);
	while (sqlite3_step(st) == SQLITE_ROW) {
		fputs(++*requests > 1 ? ",\n  {" : "\n  {", out);
		write_request(st, out);
		fputc('}', out);
	}
	sqlite3_reset(st);
	fputs(*requests ? "\n ]}\n" : "]}\n", out);
	snprintf(detail, sizeof detail, "open311: services %ld, requests %ld", *services, *requests);
	return wg_export_done(ctx, out, "export", "tasks", detail);
}
