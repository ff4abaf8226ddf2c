/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Who handles a case: grid workers, volunteers, teams, social workers, organizations, departments. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"
#include "record-priv.h"
#include "task-priv.h"

/* One row per kind with a table: by id (name, active) and by name (ids). */
static const struct {
	enum wg_handler_kind kind;
	const char *by_id, *by_name;
} lookups[] = {
	{ WG_HK_WORKER, "SELECT name, active FROM grid_workers WHERE id = ?1",
	  "SELECT id FROM grid_workers WHERE name = ?1 ORDER BY active DESC, id LIMIT 2" },
	{ WG_HK_VOLUNTEER, "SELECT name, active FROM volunteers WHERE id = ?1",
	  "SELECT id FROM volunteers WHERE name = ?1 OR vol_no = ?1 ORDER BY active DESC, id LIMIT 2" },
	{ WG_HK_TEAM, "SELECT name, 1 FROM teams WHERE id = ?1",
	  "SELECT id FROM teams WHERE name = ?1 LIMIT 2" },
	{ WG_HK_SOCIALWORKER, "SELECT name, active FROM social_workers WHERE id = ?1",
	  "SELECT id FROM social_workers WHERE name = ?1 ORDER BY active DESC, id LIMIT 2" },
	{ WG_HK_ORG, "SELECT name, 1 FROM social_orgs WHERE id = ?1",
	  "SELECT id FROM social_orgs WHERE name = ?1 LIMIT 2" },
};

static int lookup_of(enum wg_handler_kind k)
{
	for (size_t i = 0; i < sizeof lookups / sizeof lookups[0]; i++)
		if (lookups[i].kind == k)
			return (int)i;
	return -1;
}

/* Organizations take cases through a government-purchased service project running today. */
static int org_has_project(struct wg_ctx *ctx, int64_t org)
{
	static const char sql[] =
		"SELECT 1 FROM service_projects WHERE org_id = ?1 AND status = 'active'"
		" AND (start_date = '' OR start_date <= ?2) AND (end_date = '' OR end_date >= ?2)";
	char today[16];
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return 0;
	wg_format_time(wg_now(ctx), "%Y-%m-%d", today, sizeof today);
	sqlite3_bind_int64(st, 1, org);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
	int found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static int check_dept(struct wg_ctx *ctx, struct wg_handler *h)
{
	const char *why = task_text_problem(h->name, 60, 0);
	h->id = 0;
	if (!h->name[0] || why)
		return wg_fail(ctx, WG_EUSAGE, _("a department is named like dept:NAME (at most 60 "
						 "characters on one line)"));
	return WG_OK;
}

static int check_handler(struct wg_ctx *ctx, struct wg_handler *h, int as_party)
{
	int i = lookup_of(h->kind);
	if (h->kind == WG_HK_DEPT)
		return check_dept(ctx, h);
	if (i < 0)
		return wg_fail(ctx, WG_EUSAGE, _("unknown kind of handler; use worker, volunteer, team, "
						 "socialworker, org or dept"));
	sqlite3_stmt *st = wg_stmt(ctx, lookups[i].by_id);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, h->id);
	int found = sqlite3_step(st) == SQLITE_ROW, active = 0;
	if (found) {
		wg_col_copy(st, 0, h->name, sizeof h->name);
		active = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (!found)
		return wg_fail(ctx, WG_EINVAL, _("there is no %s with id %lld"),
			       wg_handler_kind_label(h->kind), (long long)h->id);
	if (!active)
		return wg_fail(ctx, WG_EINVAL, _("%s %s is no longer active"),
			       wg_handler_kind_label(h->kind), h->name);
	if (h->kind == WG_HK_ORG && !as_party && !org_has_project(ctx, h->id))
		return wg_fail(ctx, WG_EINVAL, _("%s has no service project running today; cases go to "
						 "a social organization through a purchased service "
						 "project"), h->name);
	return WG_OK;
}

int wg_handler_check(struct wg_ctx *ctx, struct wg_handler *h)
{
	return check_handler(ctx, h, 0);
}

static int by_name(struct wg_ctx *ctx, int i, const char *name, int64_t *id)
{
	sqlite3_stmt *st = wg_stmt(ctx, lookups[i].by_name);
	int n = 0;
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (n++ == 0)
			*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (n == 1)
		return WG_OK;
	if (n == 0)
		return wg_fail(ctx, WG_EINVAL, _("there is no %s '%s'"),
			       wg_handler_kind_label(lookups[i].kind), name);
	return wg_fail(ctx, WG_EINVAL, _("more than one %s is named '%s'; give the id instead"),
		       wg_handler_kind_label(lookups[i].kind), name);
}

static int resolve(struct wg_ctx *ctx, const char *spec, struct wg_handler *out, int as_party)
{
	char kind[32];
	const char *colon = strchr(spec, ':');
	memset(out, 0, sizeof *out);
	if (!colon || (size_t)(colon - spec) >= sizeof kind || !colon[1])
		return wg_fail(ctx, WG_EUSAGE, _("'%s': a handler is given as KIND:ID, e.g. worker:12 or "
						 "dept:城管执法队; KIND is worker, volunteer, team, "
						 "socialworker, org or dept"), spec);
	snprintf(kind, sizeof kind, "%.*s", (int)(colon - spec), spec);
	if (wg_handler_kind_parse(kind, &out->kind) != 0)
		return wg_fail(ctx, WG_EUSAGE, _("'%s': unknown kind of handler; use worker, volunteer, "
						 "team, socialworker, org or dept"), kind);
	const char *ref = colon + 1;
	if (out->kind == WG_HK_DEPT) {
		snprintf(out->name, sizeof out->name, "%s", ref);
		return check_dept(ctx, out);
	}
	char *end;
	long long n = strtoll(ref, &end, 10);
	int rc = WG_OK;
	if (!*end && n > 0)
		out->id = n;
	else
		rc = by_name(ctx, lookup_of(out->kind), ref, &out->id);
	return rc == WG_OK ? check_handler(ctx, out, as_party) : rc;
}

int wg_handler_resolve(struct wg_ctx *ctx, const char *spec, struct wg_handler *out)
{
	return resolve(ctx, spec, out, 0);
}

int wg_party_resolve(struct wg_ctx *ctx, const char *spec, struct wg_handler *out)
{
	if (strncmp(spec, "resident:", 9) == 0) { /* a resident speaks for themself: a name */
		memset(out, 0, sizeof *out); /* kind WG_HK_NONE: no register holds the person */
		snprintf(out->name, sizeof out->name, "%s", spec + 9);
		if (!out->name[0] || task_text_problem(out->name, 60, 0))
			return wg_fail(ctx, WG_EUSAGE, _("a resident is named like resident:NAME (at most "
							 "60 characters on one line)"));
		return WG_OK;
	}
	return resolve(ctx, spec, out, 1);
}

void wg_handler_format(const struct wg_handler *h, char *out, size_t outsz)
{
	if (h->kind == WG_HK_NONE)
		snprintf(out, outsz, "%s", "");
	else
		snprintf(out, outsz, "%s %s", wg_handler_kind_label(h->kind), h->name);
}

int task_handler_is_mine(struct wg_ctx *ctx, const struct wg_handler *h)
{
	static const char worker_sql[] = "SELECT 1 FROM grid_workers WHERE id = ?1 AND user_id = ?2";
	static const char social_sql[] = "SELECT 1 FROM social_workers WHERE id = ?1 AND user_id = ?2";
	static const char team_sql[] =
		"SELECT 1 FROM teams t JOIN social_workers s ON s.id = t.leader_id"
		" WHERE t.id = ?1 AND s.user_id = ?2";
	const char *sql = h->kind == WG_HK_WORKER ? worker_sql
			: h->kind == WG_HK_SOCIALWORKER ? social_sql
			: h->kind == WG_HK_TEAM ? team_sql : NULL;
	if (!sql || !ctx->user_id)
		return 0;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, h->id);
	sqlite3_bind_int64(st, 2, ctx->user_id);
	int mine = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return mine;
}

int task_my_handlers(struct wg_ctx *ctx, struct wg_handler *out, int max)
{
	static const char sql[] =
		"SELECT 'worker', id, name FROM grid_workers WHERE user_id = ?1 AND active = 1"
		" UNION ALL SELECT 'socialworker', id, name FROM social_workers"
		" WHERE user_id = ?1 AND active = 1"
		" UNION ALL SELECT 'team', t.id, t.name FROM teams t"
		" JOIN social_workers s ON s.id = t.leader_id WHERE s.user_id = ?1";
	int n = 0;
	if (!ctx->user_id)
		return 0;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, ctx->user_id);
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		memset(&out[n], 0, sizeof out[n]);
		wg_handler_kind_parse(task_col(st, 0), &out[n].kind);
		out[n].id = sqlite3_column_int64(st, 1);
		wg_col_copy(st, 2, out[n].name, sizeof out[n].name);
		n++;
	}
	sqlite3_reset(st);
	return n;
}

/*
 * Handlers whose name (or volunteer number) holds query, for the handler
 * picker: grid workers, volunteers, teams, social workers and organizations,
 * active ones only, by kind then name.  An empty query lists the first ones.
 */
int wg_handler_search(struct wg_ctx *ctx, const char *query, struct wg_handler *out, int max, int *n)
{
	static const char sql[] =
		"SELECT k, id, name FROM ("
		" SELECT 1 AS k, id, name FROM grid_workers WHERE active = 1 AND instr(name, ?1)"
		" UNION ALL SELECT 2, id, name FROM volunteers WHERE active = 1"
		"  AND (instr(name, ?1) OR instr(vol_no, ?1))"
		" UNION ALL SELECT 3, id, name FROM teams WHERE instr(name, ?1)"
		" UNION ALL SELECT 4, id, name FROM social_workers WHERE active = 1 AND instr(name, ?1)"
		" UNION ALL SELECT 5, id, name FROM social_orgs WHERE instr(name, ?1))"
		" ORDER BY k, name LIMIT ?2";
	static const enum wg_handler_kind kinds[] = { WG_HK_NONE, WG_HK_WORKER, WG_HK_VOLUNTEER,
						      WG_HK_TEAM, WG_HK_SOCIALWORKER, WG_HK_ORG };
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Looking up handlers"));
	*n = 0;
	if (rc != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, query ? query : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, max);
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = sqlite3_column_int(st, 0);
		out[*n].kind = kinds[k >= 1 && k <= 5 ? k : 0];
		out[*n].id = sqlite3_column_int64(st, 1);
		snprintf(out[*n].name, sizeof out[*n].name, "%s", (const char *)sqlite3_column_text(st, 2));
		(*n)++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("looking up handlers"));
}
