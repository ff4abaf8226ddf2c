/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Service projects bought by the government (政府购买服务): import, export, list with progress. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/forces.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "audit-priv.h"
#include "csv-import-priv.h"
#include "record-priv.h"

enum { P_NAME, P_ORG, P_BUYER, P_BUDGET, P_START, P_END, P_HOURS, P_PEOPLE, P_CASES, P_STATUS,
       P_DESC, P_COLS };

static const char *const a_name[] = { "项目名称", "名称", NULL };
static const char *const a_org[] = { "承接机构", "承接方", "机构", NULL };
static const char *const a_buyer[] = { "购买方", "出资方", NULL };
static const char *const a_budget[] = { "预算", "金额", "预算金额", NULL };
static const char *const a_start[] = { "开始日期", "起始日期", NULL };
static const char *const a_end[] = { "结束日期", "截止日期", NULL };
static const char *const a_hours[] = { "目标服务时长", "服务时长", NULL };
static const char *const a_people[] = { "目标服务人数", "服务人数", NULL };
static const char *const a_cases[] = { "目标案件数", "案件数", NULL };
static const char *const a_status[] = { "状态", NULL };
static const char *const a_desc[] = { "说明", "项目说明", "备注", NULL };

static const struct wg_csv_column cols[P_COLS] = {
	{ "name", a_name, 1 },           { "org", a_org, 1 },          { "purchaser", a_buyer, 0 },
	{ "budget", a_budget, 0 },       { "start_date", a_start, 0 }, { "end_date", a_end, 0 },
	{ "target_hours", a_hours, 0 },  { "target_people", a_people, 0 },
	{ "target_cases", a_cases, 0 },  { "status", a_status, 0 },    { "description", a_desc, 0 },
};

struct prow {
	long line;
	const char *name, *buyer, *desc, *status;
	int64_t org_id, budget_cents;
	long targets[3];
	int has_budget;
	char start[WG_DATE_SIZE], end[WG_DATE_SIZE];
};

struct pimp {
	struct wg_ctx *ctx;
	struct wg_csv *csv;
	struct wg_problems *probs;
	const char *file;
	struct prow *rows;
	int n, cap;
	struct wg_import_run *run;
};

static void problem(struct pimp *im, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct pimp *im, long line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_problems_vadd(im->probs, im->file, line, wg_csv_column_label(im->csv, (size_t)col), fmt, ap);
	va_end(ap);
}

/* Yuan with at most two decimals ("120000", "1,200.50") as cents; -1 when it is not a sum. */
static int64_t cents_of(const char *s)
{
	int64_t yuan = 0, cents = 0;
	int digits = 0, decimals = -1;
	for (const char *p = s; *p; p++) {
		if (*p == ',' && decimals < 0)
			continue;
		if (*p == '.' && decimals < 0) {
			decimals = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || digits > 12 || decimals >= 2)
			return -1;
		if (decimals < 0)
			yuan = yuan * 10 + (*p - '0'), digits++;
		else
			cents = cents * 10 + (*p - '0'), decimals++;
	}
	if (!digits && decimals <= 0)
		return -1;
	return yuan * 100 + (decimals == 1 ? cents * 10 : cents);
}

static void check_numbers(struct pimp *im, struct prow *r, const struct wg_csv_record *rec)
{
	const char *budget = wg_csv_field(rec, P_BUDGET), *why;
	if (*budget && (r->budget_cents = cents_of(budget)) < 0)
		problem(im, r->line, P_BUDGET, _("'%s' is not a sum of money; write yuan, such as 120000 or "
						 "1200.50"), budget);
	r->has_budget = *budget != '\0';
	for (int k = 0; k < 3; k++) {
		const char *t = wg_csv_field(rec, (size_t)(P_HOURS + k));
		if (*t && (why = wg_validate_int(t, 0, 100000000L, &r->targets[k])))
			problem(im, r->line, P_HOURS + k, "%s", why);
	}
}

static void check_row(struct pimp *im, struct prow *r, const struct wg_csv_record *rec)
{
	static const char org_sql[] = "SELECT id FROM social_orgs WHERE name = ?1";
	const char *org = wg_csv_field(rec, P_ORG), *start = wg_csv_field(rec, P_START);
	const char *end = wg_csv_field(rec, P_END), *status = wg_csv_field(rec, P_STATUS), *why;
	if (!*r->name)
		problem(im, r->line, P_NAME, "%s", _("the name is empty"));
	if (!*org || !(r->org_id = wg_id_by_text(im->ctx, org_sql, org)))
		problem(im, r->line, P_ORG, _("there is no organization %s; import it first with 'wangge "
					      "orgs import'"), org);
	if (*start && (why = wg_validate_date(start, r->start, sizeof r->start)))
		problem(im, r->line, P_START, "%s", why);
	if (*end && (why = wg_validate_date(end, r->end, sizeof r->end)))
		problem(im, r->line, P_END, "%s", why);
	if (*r->start && *r->end && strcmp(r->end, r->start) < 0)
		problem(im, r->line, P_END, _("the project ends (%s) before it starts (%s)"), r->end, r->start);
	r->status = !*status || !strcmp(status, "在用") || !strcmp(status, "执行中") || !strcmp(status, "active")
			    ? "active"
		    : !strcmp(status, "结项") || !strcmp(status, "已结束") || !strcmp(status, "closed") ? "closed"
														: NULL;
	if (!r->status) {
		r->status = "active";
		problem(im, r->line, P_STATUS, _("'%s' is not a status; use 执行中 (active) or 结项 (closed)"),
			status);
	}
	check_numbers(im, r, rec);
}

static int read_row(struct pimp *im, const struct wg_csv_record *rec)
{
	if (im->n == im->cap) {
		struct prow *more = realloc(im->rows, (size_t)(im->cap = im->cap ? im->cap * 2 : 16) * sizeof *more);
		if (!more)
			return WG_EIO;
		im->rows = more;
	}
	struct prow *r = &im->rows[im->n];
	memset(r, 0, sizeof *r);
	r->line = rec->line;
	r->name = wg_csv_field(rec, P_NAME);
	r->buyer = wg_csv_field(rec, P_BUYER);
	r->desc = wg_csv_field(rec, P_DESC);
	check_row(im, r, rec);
	for (int i = 0; i < im->n; i++)
		if (!strcmp(im->rows[i].name, r->name) && im->rows[i].org_id == r->org_id)
			problem(im, r->line, P_NAME, _("%s of the same organization is also on line %ld"),
				r->name, im->rows[i].line);
	im->n++;
	return WG_OK;
}

static void bind_row(struct wg_ctx *ctx, sqlite3_stmt *st, const struct prow *r)
{
	sqlite3_bind_text(st, 1, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, r->org_id);
	sqlite3_bind_text(st, 3, r->buyer, -1, SQLITE_STATIC);
	if (r->has_budget)
		sqlite3_bind_int64(st, 4, r->budget_cents);
	sqlite3_bind_text(st, 5, r->start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, r->end, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, r->desc, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, r->status, -1, SQLITE_STATIC);
	for (int k = 0; k < 3; k++)
		sqlite3_bind_int64(st, 9 + k, r->targets[k]);
	wg_bind_stamp(ctx, st, 12);
}

/* The project of that name and organization brought up to date, or a new one. */
static int write_row(struct pimp *im, const struct prow *r, int *added)
{
	static const char upd[] =
		"UPDATE service_projects SET funder = ?3, budget_cents = ?4, start_date = ?5, end_date = ?6,"
		" description = ?7, status = ?8, target_hours = ?9, target_people = ?10, target_cases = ?11,"
		" updated_at = ?12, updated_by = ?13 WHERE name = ?1 AND org_id = ?2";
	static const char ins[] =
		"INSERT INTO service_projects(id, name, org_id, funder, budget_cents, start_date, end_date,"
		" description, status, target_hours, target_people, target_cases, created_at, created_by,"
		" updated_at, updated_by) SELECT ?14, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?12, ?13 WHERE NOT EXISTS (SELECT 1 FROM service_projects WHERE name = ?1 AND org_id = ?2)";
	int64_t id;
	int rc = wg_store_new_id(im->ctx, "service_projects", &id);
	for (int pass = 0; rc == WG_OK && pass < 2; pass++) {
		sqlite3_stmt *st = wg_stmt(im->ctx, pass ? ins : upd);
		if (!st)
			return WG_EIO;
		bind_row(im->ctx, st, r);
		if (pass)
			sqlite3_bind_int64(st, 14, id);
		if (wg_step_done(st) != SQLITE_DONE)
			return wg_db_fail(im->ctx, _("saving a service project"));
		if (pass)
			*added += sqlite3_changes(wg_db(im->ctx)) > 0;
	}
	return rc;
}

/* A form's project under its (new) name and organization; the save checked no other has them. */
static int rename_project(struct pimp *im, int64_t id, const struct prow *r)
{
	static const char sql[] = "UPDATE service_projects SET name = ?2, org_id = ?3 WHERE id = ?1"
				  " AND (name <> ?2 OR org_id <> ?3)";
	sqlite3_stmt *st = wg_stmt(im->ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, r->org_id);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(im->ctx, _("saving a service project"));
}

static int write_all(struct pimp *im, struct wg_org_import_result *res)
{
	char detail[64];
	int rc = wg_begin(im->ctx);
	if (rc != WG_OK)
		return rc;
	rc = wg_audit_batch_begin(im->ctx);
	if (rc == WG_OK && im->run->was_id && im->n == 1)
		rc = rename_project(im, im->run->was_id, &im->rows[0]);
	for (int i = 0; rc == WG_OK && i < im->n; i++)
		rc = write_row(im, &im->rows[i], &res->added);
	snprintf(detail, sizeof detail, "rows %d", im->n);
	rc = wg_audit_batch_end(im->ctx, rc, im->run->action, "service_projects", detail);
	if (rc == WG_OK)
		return wg_commit(im->ctx);
	wg_rollback(im->ctx);
	return rc;
}

static int import_csv(struct wg_ctx *ctx, struct wg_csv *csv, struct wg_problems *probs, void *arg)
{
	struct wg_import_run *run = arg;
	struct wg_org_import_result *res = run->res;
	struct pimp im = { .ctx = ctx, .csv = csv, .probs = probs, .file = wg_csv_name(csv), .run = run };
	const struct wg_csv_record *rec;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing service projects")), more = 0;
	if (rc != WG_OK)
		return rc;
	if (wg_csv_map_header(csv, cols, P_COLS) == 0)
		while (rc == WG_OK && (more = wg_csv_next(csv, &rec)) == 1)
			if (read_row(&im, rec) != WG_OK)
				rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	if (rc == WG_OK && im.n == 0 && more == 0 && wg_problems_count(probs) == 0)
		wg_problems_add(probs, im.file, 0, NULL, "%s", _("the file has no service projects"));
	if (rc == WG_OK)
		rc = wg_problems_count(probs) ? wg_import_refused(ctx, im.file, wg_problems_count(probs))
					      : write_all(&im, res);
	res->rows = im.n;
	free(im.rows);
	return rc;
}

int wg_project_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
			   struct wg_problems *probs, struct wg_org_import_result *res)
{
	struct wg_import_src src = { .name = path, .path = path, .enc = enc };
	struct wg_import_run run = { .res = res, .action = "projects.import" };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, import_csv, &run);
}

int wg_project_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
			  enum wg_encoding enc, struct wg_problems *probs, struct wg_org_import_result *res)
{
	struct wg_import_src src = { .name = name, .data = data, .len = len, .enc = enc };
	struct wg_import_run run = { .res = res, .action = "projects.import" };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, import_csv, &run);
}

/* Another project (not was) of that name at that organization. */
static int project_taken(struct wg_ctx *ctx, int64_t was, const char *name, const char *org)
{
	static const char sql[] = "SELECT 1 FROM service_projects p JOIN social_orgs o ON o.id = p.org_id"
				  " WHERE p.name = ?1 AND o.name = ?2 AND p.id <> ?3";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, org, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, was);
	int taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return taken;
}

int wg_project_save(struct wg_ctx *ctx, int64_t was, const char *const v[WG_PF_COUNT],
		    enum wg_project_field *bad)
{
	static const char *const keys[WG_PF_COUNT] = { "name", "org", "purchaser", "budget",
						       "start_date", "end_date", "target_hours",
						       "target_people", "target_cases", "status",
						       "description" };
	struct wg_org_import_result res = { 0 };
	struct wg_import_run run = { .res = &res, .action = "projects.save", .was_id = was };
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing service projects")), col;
	*bad = WG_PF_COUNT;
	if (rc != WG_OK)
		return rc;
	if (project_taken(ctx, was, v[WG_PF_NAME], v[WG_PF_ORG]))
		return *bad = WG_PF_NAME, wg_fail(ctx, WG_EINVAL, _("%s of %s is already registered; "
								   "change that project instead (F4 on "
								   "its row), or choose another name"),
						 v[WG_PF_NAME], v[WG_PF_ORG]);
	rc = wg_import_form(ctx, keys, v, WG_PF_COUNT, import_csv, &run, &col);
	if (col >= 0)
		*bad = (enum wg_project_field)col;
	return rc;
}

/* ---- Progress, export and list ---- */

/* Hours served: the check-outs on the project's shifts; the period elapsed by the clock. */
int wg_project_each(struct wg_ctx *ctx, int64_t only,
		    int (*each)(void *arg, const struct wg_project *p), void *arg)
{
	static const char sql[] =
		"SELECT p.id, p.name, coalesce(o.name, ''), p.funder, p.budget_cents, p.start_date, p.end_date,"
		" p.status, coalesce(p.target_hours, 0), coalesce(p.target_people, 0),"
		" coalesce(p.target_cases, 0), p.description,"
		" coalesce((SELECT sum(h.minutes) FROM shifts s JOIN assignments a ON a.shift_id = s.id"
		"  JOIN hours_ledger h ON h.assignment_id = a.id WHERE s.project_id = p.id), 0),"
		" (SELECT count(DISTINCT a.volunteer_id) FROM shifts s JOIN assignments a ON a.shift_id = s.id"
		"  WHERE s.project_id = p.id AND a.checkout_at IS NOT NULL)"
		" FROM service_projects p LEFT JOIN social_orgs o ON o.id = p.org_id"
		" WHERE ?1 = 0 OR p.id = ?1 ORDER BY p.start_date DESC, p.name";
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Listing service projects"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, only);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_project p = { .id = sqlite3_column_int64(st, 0) };
		const char **texts[] = { &p.name, &p.org, &p.purchaser };
		for (int i = 0; i < 3; i++)
			*texts[i] = (const char *)sqlite3_column_text(st, 1 + i);
		p.has_budget = sqlite3_column_type(st, 4) != SQLITE_NULL;
		p.budget_cents = sqlite3_column_int64(st, 4);
		p.start_date = (const char *)sqlite3_column_text(st, 5);
		p.end_date = (const char *)sqlite3_column_text(st, 6);
		p.status = (const char *)sqlite3_column_text(st, 7);
		for (int k = 0; k < 3; k++)
			p.targets[k] = sqlite3_column_int64(st, 8 + k);
		p.description = (const char *)sqlite3_column_text(st, 11);
		p.minutes_served = sqlite3_column_int64(st, 12);
		p.volunteers = sqlite3_column_int(st, 13);
		p.elapsed_pct = wg_project_elapsed(ctx, p.start_date, p.end_date);
		rc = each(arg, &p);
	}
	sqlite3_reset(st);
	return rc;
}

int wg_project_elapsed(struct wg_ctx *ctx, const char *start, const char *end)
{
	time_t lo, hi, now = wg_now(ctx);
	if (!start || !end || !*start || !*end || wg_day_range(ctx, start, end, &lo, &hi) != WG_OK || hi <= lo)
		return -1;
	if (now <= lo)
		return 0;
	if (now >= hi)
		return 100;
	return (int)((now - lo) * 100 / (hi - lo));
}

struct export_state {
	FILE *out;
	long rows;
};

static int export_one(void *arg, const struct wg_project *p)
{
	struct export_state *es = arg;
	char budget[32] = "", t[3][24];
	if (p->has_budget)
		snprintf(budget, sizeof budget, "%lld.%02lld", (long long)(p->budget_cents / 100),
			 (long long)(p->budget_cents % 100));
	for (int k = 0; k < 3; k++)
		snprintf(t[k], sizeof t[k], "%lld", (long long)p->targets[k]);
	const char *f[11] = { p->name, p->org, p->purchaser, budget, p->start_date, p->end_date, t[0], t[1],
			      t[2], p->status, p->description };
	wg_csv_write_row(es->out, f, 11);
	es->rows++;
	return WG_OK;
}

int wg_project_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows)
{
	static const char *const header[11] = { "name", "org", "purchaser", "budget", "start_date", "end_date",
						"target_hours", "target_people", "target_cases", "status",
						"description" };
	struct export_state es = { out, 0 };
	char detail[64];
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Exporting service projects"));
	(void)unmasked; /* a project holds no personal data */
	if (rc != WG_OK)
		return rc;
	wg_csv_write_row(out, header, 11);
	rc = wg_project_each(ctx, 0, export_one, &es);
	*rows = es.rows;
	if (rc != WG_OK)
		return rc;
	snprintf(detail, sizeof detail, "rows %ld", es.rows);
	return wg_export_done(ctx, out, "projects.export", "service_projects", detail);
}
