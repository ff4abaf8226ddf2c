/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The organizations register: import from CSV (every row checked first, then one transaction),
 * export (phones masked unless asked), list. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wangge/audit.h>
#include <wangge/forces.h>
#include <wangge/resident.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "audit-priv.h"
#include "csv-codemap.h"
#include "csv-import-priv.h"
#include "record-priv.h"
#include "resident-priv.h"

enum { O_NAME, O_CODE, O_KIND, O_CONTACT, O_PHONE, O_DOMAINS, O_STATUS, O_NOTES, O_COLS };

static const char *const a_name[] = { "名称", "组织名称", "机构名称", NULL };
static const char *const a_code[] = { "统一社会信用代码", "信用代码", "社会信用代码", NULL };
static const char *const a_kind[] = { "类型", "组织类型", "机构类型", NULL };
static const char *const a_contact[] = { "联系人", "负责人", NULL };
static const char *const a_phone[] = { "联系电话", "电话", "手机", NULL };
static const char *const a_domains[] = { "服务领域", "领域", NULL };
static const char *const a_status[] = { "状态", NULL };
static const char *const a_notes[] = { "备注", NULL };

static const struct wg_csv_column cols[O_COLS] = {
	{ "name", a_name, 1 },       { "credit_code", a_code, 0 }, { "kind", a_kind, 0 },
	{ "contact", a_contact, 0 }, { "phone", a_phone, 0 },      { "domains", a_domains, 0 },
	{ "status", a_status, 0 },   { "notes", a_notes, 0 },
};

/* The kinds of the community's forces (Shenzhen's seven, social work agencies, departments
 * cases are referred to), and names people write for them. */
static const struct {
	const char *kind, *also[4];
} kinds[] = {
	{ "社区党组织", { "社区党委", "党组织", "社区党支部", NULL } },
	{ "居委会", { "居民委员会", "社区居委会", NULL } },
	{ "社区工作站", { NULL } },
	{ "社区服务中心", { "社区党群服务中心", NULL } },
	{ "社区社会组织", { "社会组织", NULL } },
	{ "业主委员会", { "业委会", NULL } },
	{ "物业服务企业", { "物业公司", "物业", NULL } },
	{ "社工机构", { "社会工作服务机构", "社工站", NULL } },
	{ "政府部门", { "职能部门", "街道部门", NULL } },
};

const char *const wg_org_kinds[] = { "社区党组织", "居委会", "社区工作站", "社区服务中心",
				     "社区社会组织", "业主委员会", "物业服务企业", "社工机构",
				     "政府部门", NULL };

const char *wg_org_kind_normalize(const char *s)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (strcmp(s, kinds[i].kind) == 0)
			return kinds[i].kind;
		for (int k = 0; kinds[i].also[k]; k++)
			if (strcmp(s, kinds[i].also[k]) == 0)
				return kinds[i].kind;
	}
	return NULL;
}

static const char *status_normalize(const char *s)
{
	static const char *const active[] = { "active", "在用", "正常", "有效", "存续", NULL };
	static const char *const inactive[] = { "inactive", "停用", "注销", "撤销", NULL };
	for (int i = 0; active[i]; i++)
		if (strcasecmp(s, active[i]) == 0)
			return "active";
	for (int i = 0; inactive[i]; i++)
		if (strcasecmp(s, inactive[i]) == 0)
			return "inactive";
	return NULL;
}

struct orow {
	long line;
	const char *name, *kind, *contact, *notes, *status;
	char code[19], phone[WG_PHONE_SIZE], domains[256];
};

struct oimp {
	struct wg_ctx *ctx;
	struct wg_csv *csv;
	struct wg_problems *probs;
	const char *file;
	struct orow *rows;
	int n, cap;
	struct wg_codemap names, codes;
	char **keys; /* the maps' keys: rows move as they grow */
	int nkeys;
	struct wg_import_run *run;
};

static void problem(struct oimp *im, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct oimp *im, long line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_problems_vadd(im->probs, im->file, line, wg_csv_column_label(im->csv, (size_t)col), fmt, ap);
	va_end(ap);
}

/* Once in the file: the line that had it first, or -1 (-2 out of memory). */
static int first_line_of(struct oimp *im, struct wg_codemap *map, const char *key)
{
	char **more = realloc(im->keys, (size_t)(im->nkeys + 1) * sizeof *more);
	if (!more)
		return -2;
	im->keys = more;
	if (!(more[im->nkeys] = strdup(key)))
		return -2;
	int prev = wg_codemap_put(map, more[im->nkeys++], im->n);
	return prev >= 0 ? (int)im->rows[prev].line : prev == -2 ? -2 : -1;
}

struct domain_arg {
	struct oimp *im;
	struct orow *r;
};

/* A sector by its code, or its Chinese or English name: its code joins the row's domains. */
static int domain_ref(void *arg, const char *text)
{
	static const char sql[] = "SELECT code FROM categories WHERE level = 1 AND (code = ?1"
				  " OR name_zh = ?1 OR lower(name_en) = lower(?1))";
	struct domain_arg *da = arg;
	sqlite3_stmt *st = wg_stmt(da->im->ctx, sql);
	int found = 0;
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		char *d = da->r->domains, key[16];
		size_t len = strlen(d);
		snprintf(key, sizeof key, ";%s;", code);
		char have[sizeof da->r->domains + 2];
		snprintf(have, sizeof have, ";%s;", d);
		if (!strstr(have, key)) /* a sector named twice (by code and by name) counts once */
			snprintf(d + len, sizeof da->r->domains - len, "%s%s", len ? ";" : "", code);
		found = 1;
	}
	sqlite3_reset(st);
	if (!found)
		problem(da->im, da->r->line, O_DOMAINS, _("'%s' is not a sector of the category table; "
							  "give a sector's code or name, such as 01 or 应急管理"),
			text);
	return WG_OK;
}

static int check_code(struct oimp *im, struct orow *r, const char *text)
{
	static const char taken_sql[] = "SELECT name FROM social_orgs WHERE credit_code = ?1 AND name <> ?2"
					 " AND name IS NOT ?3"; /* ?3: a form's organization before a rename */
	const char *why = *text ? wg_validate_credit_code(text, r->code) : NULL;
	if (why) {
		problem(im, r->line, O_CODE, "%s", why);
		return WG_OK;
	}
	if (!*r->code)
		return WG_OK;
	int prev = first_line_of(im, &im->codes, r->code);
	if (prev == -2)
		return WG_EIO;
	if (prev >= 0)
		problem(im, r->line, O_CODE, _("%s is also on line %d; an organization is registered once"),
			r->code, prev);
	sqlite3_stmt *st = wg_stmt(im->ctx, taken_sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, r->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
	if (im->run->was)
		sqlite3_bind_text(st, 3, im->run->was, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		problem(im, r->line, O_CODE, _("%s is the code of %s already registered"), r->code,
			(const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return WG_OK;
}

/* The row's fields that are checked one by one. */
static void check_fields(struct oimp *im, struct orow *r, const struct wg_csv_record *rec)
{
	const char *kind = wg_csv_field(rec, O_KIND), *phone = wg_csv_field(rec, O_PHONE), *why;
	const char *status = wg_csv_field(rec, O_STATUS);
	r->kind = *kind ? wg_org_kind_normalize(kind) : "";
	if (!r->kind) {
		r->kind = "";
		problem(im, r->line, O_KIND, _("'%s' is not a kind of organization here; use 社区党组织, "
					       "居委会, 社区工作站, 社区服务中心, 社区社会组织, "
					       "业主委员会, 物业服务企业, 社工机构 or 政府部门"), kind);
	}
	if (*phone && (why = wg_validate_phone(phone, r->phone, sizeof r->phone, NULL)))
		problem(im, r->line, O_PHONE, "%s", why);
	r->status = *status ? status_normalize(status) : "active";
	if (!r->status) {
		r->status = "active";
		problem(im, r->line, O_STATUS, _("'%s' is not a status; use 在用 (active) or 停用 (inactive)"),
			status);
	}
	if ((why = wg_validate_text(r->name, 60)))
		problem(im, r->line, O_NAME, "%s", why);
	if (*r->contact && (why = wg_validate_text(r->contact, 30)))
		problem(im, r->line, O_CONTACT, "%s", why);
	if (*r->notes && (why = wg_validate_text(r->notes, 500)))
		problem(im, r->line, O_NOTES, "%s", why);
}

static int read_row(struct oimp *im, const struct wg_csv_record *rec)
{
	if (im->n == im->cap) {
		struct orow *more = realloc(im->rows, (size_t)(im->cap = im->cap ? im->cap * 2 : 64) * sizeof *more);
		if (!more)
			return WG_EIO;
		im->rows = more;
	}
	struct orow *r = &im->rows[im->n];
	memset(r, 0, sizeof *r);
	r->line = rec->line;
	r->name = wg_csv_field(rec, O_NAME);
	r->contact = wg_csv_field(rec, O_CONTACT);
	r->notes = wg_csv_field(rec, O_NOTES);
	if (!*r->name)
		problem(im, r->line, O_NAME, "%s", _("the name is empty"));
	check_fields(im, r, rec);
	struct domain_arg da = { im, r };
	int rc = wg_tag_split(wg_csv_field(rec, O_DOMAINS), domain_ref, &da);
	if (rc == WG_OK)
		rc = check_code(im, r, wg_csv_field(rec, O_CODE));
	int prev = rc == WG_OK && *r->name ? first_line_of(im, &im->names, r->name) : -1;
	if (prev == -2)
		return WG_EIO;
	if (prev >= 0)
		problem(im, r->line, O_NAME, _("%s is also on line %d; an organization is registered once"),
			r->name, prev);
	im->n++;
	return rc;
}

/* A new organization, or the one of that name brought up to date; *added when new. */
static int write_row(struct oimp *im, const struct orow *r, int *added)
{
	static const char upd[] =
		"UPDATE social_orgs SET credit_code = ?2, kind = ?3, contact = ?4, phone = ?5, domains = ?6,"
		" status = ?7, notes = ?8, updated_at = ?9, updated_by = ?10 WHERE name = ?1 AND"
		" (credit_code IS NOT ?2 OR kind <> ?3 OR contact <> ?4 OR phone <> ?5 OR domains <> ?6"
		" OR status <> ?7 OR notes <> ?8)";
	static const char ins[] =
		"INSERT INTO social_orgs(id, name, credit_code, kind, contact, phone, domains, status, notes,"
		" created_at, created_by, updated_at, updated_by) SELECT ?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		" ?8, ?9, ?10, ?9, ?10 WHERE NOT EXISTS (SELECT 1 FROM social_orgs WHERE name = ?1)";
	int64_t id;
	int rc = wg_store_new_id(im->ctx, "social_orgs", &id);
	for (int pass = 0; rc == WG_OK && pass < 2; pass++) {
		sqlite3_stmt *st = wg_stmt(im->ctx, pass ? ins : upd);
		if (!st)
			return WG_EIO;
		sqlite3_bind_text(st, 1, r->name, -1, SQLITE_STATIC);
		if (*r->code)
			sqlite3_bind_text(st, 2, r->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, r->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, r->contact, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, r->phone, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, r->domains, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, r->status, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, r->notes, -1, SQLITE_STATIC);
		wg_bind_stamp(im->ctx, st, 9);
		if (pass)
			sqlite3_bind_int64(st, 11, id);
		if (wg_step_done(st) != SQLITE_DONE)
			return wg_db_fail(im->ctx, _("saving an organization"));
		if (pass)
			*added += sqlite3_changes(wg_db(im->ctx)) > 0;
	}
	return rc;
}

/* A form's organization under its new name (the form checked that no other has it). */
static int rename_org(struct oimp *im, const char *was, const char *name)
{
	static const char sql[] = "UPDATE social_orgs SET name = ?2 WHERE name = ?1 AND name <> ?2";
	sqlite3_stmt *st = wg_stmt(im->ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, was, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(im->ctx, _("renaming an organization"));
}

static int write_all(struct oimp *im, struct wg_org_import_result *res)
{
	char detail[64];
	int rc = wg_begin(im->ctx);
	if (rc != WG_OK)
		return rc;
	rc = wg_audit_batch_begin(im->ctx);
	if (rc == WG_OK && im->run->was && im->n == 1)
		rc = rename_org(im, im->run->was, im->rows[0].name);
	for (int i = 0; rc == WG_OK && i < im->n; i++)
		rc = write_row(im, &im->rows[i], &res->added);
	snprintf(detail, sizeof detail, "rows %d", im->n);
	rc = wg_audit_batch_end(im->ctx, rc, im->run->action, "social_orgs", detail);
	if (rc == WG_OK)
		return wg_commit(im->ctx);
	wg_rollback(im->ctx);
	return rc;
}

static int import_csv(struct wg_ctx *ctx, struct wg_csv *csv, struct wg_problems *probs, void *arg)
{
	struct wg_import_run *run = arg;
	struct wg_org_import_result *res = run->res;
	struct oimp im = { .ctx = ctx, .csv = csv, .probs = probs, .file = wg_csv_name(csv), .run = run };
	const struct wg_csv_record *rec;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing organizations")), more = 0;
	if (rc != WG_OK)
		return rc;
	if (wg_codemap_init(&im.names, 64) || wg_codemap_init(&im.codes, 64))
		rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	else if (wg_csv_map_header(csv, cols, O_COLS) == 0)
		while (rc == WG_OK && (more = wg_csv_next(csv, &rec)) == 1)
			if (read_row(&im, rec) != WG_OK)
				rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	if (rc == WG_OK && im.n == 0 && more == 0 && wg_problems_count(probs) == 0)
		wg_problems_add(probs, im.file, 0, NULL, "%s", _("the file has no organizations"));
	if (rc == WG_OK)
		rc = wg_problems_count(probs) ? wg_import_refused(ctx, im.file, wg_problems_count(probs))
					      : write_all(&im, res);
	res->rows = im.n;
	for (int i = 0; i < im.nkeys; i++)
		free(im.keys[i]);
	free(im.keys);
	free(im.rows);
	wg_codemap_free(&im.names);
	wg_codemap_free(&im.codes);
	return rc;
}

int wg_org_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
		       struct wg_problems *probs, struct wg_org_import_result *res)
{
	struct wg_import_src src = { .name = path, .path = path, .enc = enc };
	struct wg_import_run run = { .res = res, .action = "orgs.import" };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, import_csv, &run);
}

int wg_org_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
		      enum wg_encoding enc, struct wg_problems *probs, struct wg_org_import_result *res)
{
	struct wg_import_src src = { .name = name, .data = data, .len = len, .enc = enc };
	struct wg_import_run run = { .res = res, .action = "orgs.import" };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, import_csv, &run);
}

/* ---- One organization from a form: the register's own checks and writer ---- */

/* A phone left as the mask of the stored one keeps the stored number. */
static void unmask_kept_phone(struct wg_ctx *ctx, const char *was, const char *typed, char *out,
			      size_t outsz)
{
	static const char sql[] = "SELECT phone FROM social_orgs WHERE name = ?1";
	char mask[WG_PHONE_SIZE + 4];
	sqlite3_stmt *st = was && strchr(typed, '*') ? wg_stmt(ctx, sql) : NULL;
	snprintf(out, outsz, "%s", typed);
	if (!st)
		return;
	sqlite3_bind_text(st, 1, was, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		wg_mask_phone((const char *)sqlite3_column_text(st, 0), mask, sizeof mask);
		if (strcmp(mask, typed) == 0)
			snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
}

static int name_taken(struct wg_ctx *ctx, const char *was, const char *name)
{
	static const char sql[] = "SELECT 1 FROM social_orgs WHERE name = ?1";
	sqlite3_stmt *st = !was || strcmp(was, name) ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return taken;
}

int wg_org_save(struct wg_ctx *ctx, const char *was, const char *const v[WG_OF_COUNT],
		enum wg_org_field *bad)
{
	static const char *const keys[WG_OF_COUNT] = { "name", "credit_code", "kind", "contact",
						       "phone", "domains", "status", "notes" };
	const char *row[WG_OF_COUNT];
	char phone[64];
	struct wg_org_import_result res = { 0 };
	struct wg_import_run run = { .res = &res, .action = "orgs.save", .was = was };
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Entering organizations")), col;
	*bad = WG_OF_COUNT;
	if (rc != WG_OK)
		return rc;
	memcpy(row, v, sizeof row);
	unmask_kept_phone(ctx, was, v[WG_OF_PHONE], phone, sizeof phone);
	row[WG_OF_PHONE] = phone;
	if (name_taken(ctx, was, v[WG_OF_NAME]))
		return *bad = WG_OF_NAME, wg_fail(ctx, WG_EINVAL, _("%s is already registered; change "
								   "that organization instead (F4 on its "
								   "row), or choose another name"),
						 v[WG_OF_NAME]);
	rc = wg_import_form(ctx, keys, row, WG_OF_COUNT, import_csv, &run, &col);
	if (col >= 0)
		*bad = (enum wg_org_field)col;
	return rc;
}

int wg_org_load(struct wg_ctx *ctx, int64_t id, char v[WG_OF_COUNT][WG_ORG_TEXT_SIZE])
{
	static const char sql[] =
		"SELECT name, coalesce(credit_code, ''), kind, contact, phone, domains,"
		" CASE status WHEN 'inactive' THEN '停用' ELSE '在用' END, notes"
		" FROM social_orgs WHERE id = ?1";
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Listing organizations"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < WG_OF_COUNT; i++)
			wg_col_copy(st, i, v[i], WG_ORG_TEXT_SIZE);
		if (wg_user_role(ctx) < WG_ROLE_ADMIN) /* as listed: masked below administrators */
			wg_mask_phone((const char *)sqlite3_column_text(st, WG_OF_PHONE), v[WG_OF_PHONE],
				      WG_ORG_TEXT_SIZE);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? WG_OK : rc == SQLITE_DONE
		? wg_fail(ctx, WG_EINVAL, _("organization %lld does not exist"), (long long)id)
		: wg_db_fail(ctx, _("reading an organization"));
}

/* ---- Export and list ---- */

static const char each_sql[] =
	"SELECT name, coalesce(credit_code, ''), kind, contact, phone, domains, status, notes"
	" FROM social_orgs ORDER BY name";

int wg_org_each(struct wg_ctx *ctx, int unmasked, int (*each)(void *arg, const struct wg_org *o),
		void *arg)
{
	int rc = wg_require_role(ctx, unmasked ? WG_ROLE_ADMIN : WG_ROLE_VIEWER,
				 unmasked ? _("A list with full phone numbers") : _("Listing organizations"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, each_sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_org o;
		const char *f[8];
		for (int i = 0; i < 8; i++)
			f[i] = (const char *)sqlite3_column_text(st, i);
		o.name = f[0], o.credit_code = f[1], o.kind = f[2], o.contact = f[3];
		o.domains = f[5], o.status = f[6], o.notes = f[7];
		if (unmasked)
			snprintf(o.phone, sizeof o.phone, "%s", f[4]);
		else
			wg_mask_phone(f[4], o.phone, sizeof o.phone);
		rc = each(arg, &o);
	}
	sqlite3_reset(st);
	return rc;
}

struct export_state {
	FILE *out;
	long rows;
};

static int export_one(void *arg, const struct wg_org *o)
{
	struct export_state *es = arg;
	const char *f[8] = { o->name, o->credit_code, o->kind, o->contact, o->phone, o->domains,
			     o->status, o->notes };
	wg_csv_write_row(es->out, f, 8);
	es->rows++;
	return WG_OK;
}

int wg_org_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows)
{
	static const char *const header[8] = { "name", "credit_code", "kind", "contact", "phone",
					       "domains", "status", "notes" };
	struct export_state es = { out, 0 };
	char detail[64];
	int rc = wg_require_role(ctx, unmasked ? WG_ROLE_ADMIN : WG_ROLE_CLERK,
				 unmasked ? _("An export with full phone numbers") : _("Exporting organizations"));
	if (rc != WG_OK)
		return rc;
	wg_csv_write_row(out, header, 8);
	rc = wg_org_each(ctx, unmasked, export_one, &es);
	*rows = es.rows;
	if (rc != WG_OK)
		return rc;
	snprintf(detail, sizeof detail, "%s, rows %ld", unmasked ? "unmasked" : "masked", es.rows);
	return wg_export_done(ctx, out, "orgs.export", "social_orgs", detail);
}
