/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Grid cells one by one: kinds, checks, saving; grid workers and their cells; buildings and rooms. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wangge/cell.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "cell-priv.h"
#include "record-priv.h"

static const struct {
	enum wg_cell_kind kind;
	const char *name, *zh, *label;
} kinds[] = {
	{ WG_CELL_STREET, "street", "街道", N_("street") },
	{ WG_CELL_COMMUNITY, "community", "社区", N_("community") },
	{ WG_CELL_GRID, "grid", "网格", N_("grid cell") },
};

const char *wg_cell_kind_name(enum wg_cell_kind kind)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (kinds[i].kind == kind)
			return kinds[i].name;
	return "";
}

const char *wg_cell_kind_label(enum wg_cell_kind kind)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (kinds[i].kind == kind)
			return _(kinds[i].label);
	return "";
}

enum wg_cell_kind wg_cell_kind_parse(const char *s)
{
	for (size_t i = 0; s && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcasecmp(s, kinds[i].name) == 0 || strcmp(s, kinds[i].zh) == 0)
			return kinds[i].kind;
	return WG_CELL_NONE;
}

const char *wg_cell_code_problem(const char *code)
{
	size_t n = strlen(code);
	if (n == 0)
		return _("is empty; enter the cell's code, such as 110105001001001");
	if (n > WG_CELL_CODE_MAX)
		return _("is longer than 32 characters; enter the code the district issued");
	if (wg_spreadsheet_mangled(code))
		return wg_spreadsheet_mangled(code);
	for (const char *p = code; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      *p == '-' || *p == '_' || *p == '.'))
			return _("may hold only letters, digits, '-', '_' and '.'");
	return NULL;
}

const char *wg_cell_area_problem(const char *text, double *area)
{
	char *end;
	double v = strtod(text, &end);
	if (end == text || *end || v < 0 || v > 1e7)
		return _("is not an area: give a number such as 0.35 or 12, without units");
	*area = v;
	return NULL;
}

const char *wg_cell_parent_problem(enum wg_cell_kind kind, enum wg_cell_kind parent_kind)
{
	if (parent_kind == WG_CELL_NONE || parent_kind == kind - 1)
		return NULL;
	if (kind == WG_CELL_STREET)
		return _("a street is at the top: it has no parent cell");
	if (kind == WG_CELL_COMMUNITY)
		return _("the parent of a community must be a street");
	return _("the parent of a grid cell must be a community");
}

static const char get_sql[] =
	"SELECT c.id, c.code, c.name, c.kind, coalesce(c.parent_id, 0), coalesce(p.code, ''),"
	" c.boundary, c.area, c.notes FROM cells c LEFT JOIN cells p ON p.id = c.parent_id"
	" WHERE c.id = ?1";

int wg_cell_get(struct wg_ctx *ctx, int64_t id, struct wg_cell *out)
{
	sqlite3_stmt *st = wg_stmt(ctx, get_sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return wg_fail(ctx, WG_EINVAL, _("there is no cell with the number %lld"), (long long)id);
	}
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(st, 0);
	wg_col_copy(st, 1, out->code, sizeof out->code);
	wg_col_copy(st, 2, out->name, sizeof out->name);
	out->kind = wg_cell_kind_parse((const char *)sqlite3_column_text(st, 3));
	out->parent_id = sqlite3_column_int64(st, 4);
	wg_col_copy(st, 5, out->parent_code, sizeof out->parent_code);
	wg_col_copy(st, 6, out->boundary, sizeof out->boundary);
	out->has_area = sqlite3_column_type(st, 7) != SQLITE_NULL;
	out->area = sqlite3_column_double(st, 7);
	wg_col_copy(st, 8, out->notes, sizeof out->notes);
	sqlite3_reset(st);
	return WG_OK;
}

/* Looks up a code: id and kind, WG_EINVAL when unknown. */
static int find_kind(struct wg_ctx *ctx, const char *code, int64_t *id, enum wg_cell_kind *kind)
{
	static const char sql[] = "SELECT id, kind FROM cells WHERE code = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (kind)
			*kind = wg_cell_kind_parse((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	return rc == SQLITE_DONE ? wg_fail(ctx, WG_EINVAL, _("there is no cell with the code %s; "
							     "check the code or import the cells first"), code)
				 : wg_db_fail(ctx, _("looking up a cell"));
}

int wg_cell_find(struct wg_ctx *ctx, const char *code, int64_t *id)
{
	return find_kind(ctx, code, id, NULL);
}

static int check_cell(struct wg_ctx *ctx, const struct wg_cell *c, int64_t *parent_id)
{
	const char *why;
	enum wg_cell_kind pk = WG_CELL_NONE;
	int rc;
	if ((why = wg_cell_code_problem(c->code)))
		return wg_fail(ctx, WG_EINVAL, _("code: %s"), why);
	if ((why = wg_validate_text(c->name, WG_CELL_NAME_MAX)))
		return wg_fail(ctx, WG_EINVAL, _("name: %s"), why);
	if (c->kind < WG_CELL_STREET || c->kind > WG_CELL_GRID)
		return wg_fail(ctx, WG_EINVAL, "%s", _("kind: choose street, community or grid cell"));
	if (*c->boundary && (why = wg_validate_text(c->boundary, WG_CELL_BOUNDARY_MAX)))
		return wg_fail(ctx, WG_EINVAL, _("boundary: %s"), why);
	*parent_id = 0;
	if (*c->parent_code && (rc = find_kind(ctx, c->parent_code, parent_id, &pk)) != WG_OK)
		return rc;
	if ((why = wg_cell_parent_problem(c->kind, pk)))
		return wg_fail(ctx, WG_EINVAL, _("parent %s: %s"), c->parent_code, why);
	return WG_OK;
}

/* A changed kind must still fit the cells under it. */
static int check_children(struct wg_ctx *ctx, const struct wg_cell *c)
{
	static const char sql[] = "SELECT code, kind FROM cells WHERE parent_id = ?1 AND kind <> ?2"
				  " LIMIT 1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_text(st, 2, wg_cell_kind_name(c->kind + 1), -1, SQLITE_STATIC);
	int rc = WG_OK;
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = wg_fail(ctx, WG_EINVAL, _("kind: cell %s below this one is a %s, which cannot be "
					       "under a %s; move it first"),
			     (const char *)sqlite3_column_text(st, 0),
			     wg_cell_kind_label(wg_cell_kind_parse((const char *)sqlite3_column_text(st, 1))),
			     wg_cell_kind_label(c->kind));
	sqlite3_reset(st);
	return rc;
}

int cell_write(struct wg_ctx *ctx, struct cell_row *r, int *changed)
{
	static const char ins[] =
		"INSERT INTO cells(id, code, name, kind, parent_id, boundary, area, notes,"
		" created_at, created_by, updated_at, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?10)";
	static const char upd[] =
		"UPDATE cells SET code = ?2, name = ?3, kind = ?4, parent_id = ?5, boundary = ?6,"
		" area = ?7, notes = ?8, updated_at = ?9, updated_by = ?10 WHERE id = ?1 AND (code <> ?2"
		" OR name <> ?3 OR kind <> ?4 OR parent_id IS NOT ?5 OR boundary <> ?6 OR area IS NOT ?7"
		" OR notes <> ?8)";
	int isnew = r->id == 0, rc;
	if (isnew && (rc = wg_store_new_id(ctx, "cells", &r->id)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, isnew ? ins : upd);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, r->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, wg_cell_kind_name(r->kind), -1, SQLITE_STATIC);
	wg_bind_ref(st, 5, r->parent_id);
	sqlite3_bind_text(st, 6, r->boundary, -1, SQLITE_STATIC);
	if (r->has_area)
		sqlite3_bind_double(st, 7, r->area);
	sqlite3_bind_text(st, 8, r->notes, -1, SQLITE_STATIC);
	wg_bind_stamp(ctx, st, 9);
	rc = wg_step_done(st);
	if (changed)
		*changed = rc == SQLITE_DONE && sqlite3_changes(ctx->db) > 0;
	if (rc == SQLITE_CONSTRAINT) {
		if (isnew)
			r->id = 0;
		return wg_fail(ctx, WG_EINVAL, _("code: %s is already used by another cell"), r->code);
	}
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("saving a cell"));
}

static int write_cell(struct wg_ctx *ctx, struct wg_cell *c, int64_t parent_id)
{
	struct cell_row r = { c->id, c->code, c->name, c->boundary, c->notes, c->kind, c->has_area,
			      c->area, parent_id };
	int rc = cell_write(ctx, &r, NULL);
	c->id = r.id;
	return rc;
}

int wg_cell_save(struct wg_ctx *ctx, struct wg_cell *c)
{
	int64_t parent_id;
	int rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Changing grid cells"))) != WG_OK ||
	    (rc = check_cell(ctx, c, &parent_id)) != WG_OK)
		return rc;
	if (c->id && parent_id == c->id)
		return wg_fail(ctx, WG_EINVAL, "%s", _("a cell cannot be its own parent"));
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((c->id == 0 || (rc = check_children(ctx, c)) == WG_OK) &&
	    (rc = write_cell(ctx, c, parent_id)) == WG_OK) {
		c->parent_id = parent_id;
		return wg_commit(ctx);
	}
	wg_rollback(ctx);
	return rc;
}

/* ---- Grid workers ---- */

const char *wg_employment_name(enum wg_employment e)
{
	return e == WG_EMPLOY_PART ? "part" : "full";
}

const char *wg_employment_label(enum wg_employment e)
{
	return e == WG_EMPLOY_PART ? _("part-time") : _("full-time");
}

int wg_gridworker_add(struct wg_ctx *ctx, const char *name, const char *phone, int64_t user_id,
		      int64_t *id)
{
	static const char sql[] =
		"INSERT INTO grid_workers(id, name, phone, user_id, created_at, created_by,"
		" updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)";
	char norm[WG_PHONE_SIZE] = "";
	const char *why;
	int rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Adding grid workers"))) != WG_OK)
		return rc;
	if ((why = wg_validate_text(name, WG_PERSON_NAME_MAX)))
		return wg_fail(ctx, WG_EINVAL, _("grid worker's name: %s"), why);
	if (phone && *phone && (why = wg_validate_phone(phone, norm, sizeof norm, NULL)))
		return wg_fail(ctx, WG_EINVAL, _("grid worker's phone: %s"), why);
	if ((rc = wg_store_new_id(ctx, "grid_workers", id)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, norm, -1, SQLITE_STATIC);
	wg_bind_ref(st, 4, user_id);
	wg_bind_stamp(ctx, st, 5);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("adding a grid worker"));
}

static int find_id(struct wg_ctx *ctx, const char *sql, const char *text, int64_t num, int64_t *id)
{
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, num);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? WG_OK : rc == SQLITE_DONE ? WG_EINVAL : wg_db_fail(ctx, _("looking up"));
}

int wg_gridworker_find(struct wg_ctx *ctx, const char *name, int64_t *id)
{
	static const char sql[] = "SELECT id FROM grid_workers WHERE name = ?1 AND active = 1"
				  " ORDER BY id LIMIT 1";
	int rc = find_id(ctx, sql, name, 0, id);
	return rc == WG_EINVAL ? wg_fail(ctx, rc, _("there is no grid worker named %s"), name) : rc;
}

int wg_gridworker_of_user(struct wg_ctx *ctx, int64_t *id)
{
	static const char sql[] = "SELECT id FROM grid_workers WHERE user_id = ?1 AND active = 1"
				  " ORDER BY id LIMIT 1";
	int rc = find_id(ctx, sql, NULL, ctx->user_id, id);
	return rc == WG_EINVAL ? wg_fail(ctx, rc, _("user '%s' is not linked to a grid worker; "
						      "choose the grid worker"), ctx->user_name) : rc;
}

int wg_cell_assign_worker(struct wg_ctx *ctx, int64_t cell_id, int64_t worker_id,
			  enum wg_employment employment)
{
	static const char sql[] =
		"INSERT INTO cell_workers(id, cell_id, worker_id, employment, created_at, created_by,"
		" updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)"
		" ON CONFLICT(cell_id, worker_id) DO UPDATE SET employment = excluded.employment,"
		" updated_at = excluded.updated_at, updated_by = excluded.updated_by"
		" WHERE employment <> excluded.employment";
	int64_t id;
	int rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Assigning grid workers"))) != WG_OK ||
	    (rc = wg_store_new_id(ctx, "cell_workers", &id)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, cell_id);
	sqlite3_bind_int64(st, 3, worker_id);
	sqlite3_bind_text(st, 4, wg_employment_name(employment), -1, SQLITE_STATIC);
	wg_bind_stamp(ctx, st, 5);
	rc = wg_step_done(st);
	if (rc == SQLITE_CONSTRAINT)
		return wg_fail(ctx, WG_EINVAL, "%s", _("that cell or grid worker does not exist"));
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("assigning a grid worker"));
}

/* ---- Buildings ---- */

/* A numbered building spelt another way (5栋 for 5号楼): the cell's buildings compared by key. */
static int building_by_key(struct wg_ctx *ctx, int64_t cell_id, const char *key, int64_t *id)
{
	static const char sql[] = "SELECT id, name FROM buildings WHERE cell_id = ?1 ORDER BY id";
	char other[256];
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc;
	if (!st)
		return SQLITE_ERROR;
	sqlite3_bind_int64(st, 1, cell_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		wg_building_key((const char *)sqlite3_column_text(st, 1), other, sizeof other);
		if (strcmp(other, key) == 0) {
			*id = sqlite3_column_int64(st, 0);
			break;
		}
	}
	sqlite3_reset(st);
	return rc;
}

int wg_building_find(struct wg_ctx *ctx, int64_t cell_id, const char *name, int64_t *id)
{
	static const char sql[] = "SELECT id FROM buildings WHERE cell_id = ?1 AND name = ?2";
	char canon[256], key[sizeof canon];
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	wg_building_name(name, canon, sizeof canon);
	sqlite3_bind_int64(st, 1, cell_id);
	sqlite3_bind_text(st, 2, canon, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	wg_building_key(canon, key, sizeof key);
	if (rc == SQLITE_DONE && key[0] == '#')
		rc = building_by_key(ctx, cell_id, key, id);
	if (rc == SQLITE_DONE)
		return wg_fail(ctx, WG_EINVAL, _("there is no building %s in this cell"), name);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(ctx, _("looking up a building"));
}

int wg_building_ensure(struct wg_ctx *ctx, int64_t cell_id, const char *name, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO buildings(id, cell_id, name, created_at, created_by, updated_at, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)";
	const char *why;
	char canon[256];
	int rc = wg_building_find(ctx, cell_id, name, id);
	if (rc != WG_EINVAL)
		return rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Adding buildings"))) != WG_OK)
		return rc;
	wg_building_name(name, canon, sizeof canon);
	name = canon;
	if ((why = wg_validate_text(name, WG_BUILDING_NAME_MAX)))
		return wg_fail(ctx, WG_EINVAL, _("building: %s"), why);
	if ((rc = wg_store_new_id(ctx, "buildings", id)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_int64(st, 2, cell_id);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	wg_bind_stamp(ctx, st, 4);
	rc = wg_step_done(st);
	if (rc == SQLITE_CONSTRAINT)
		return wg_fail(ctx, WG_EINVAL, "%s", _("the cell of this building does not exist"));
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("adding a building"));
}

int wg_building_list(struct wg_ctx *ctx, int64_t cell_id,
		     int (*each)(void *arg, const struct wg_building *b), void *arg)
{
	/* length() first: "2号楼" before "10号楼" */
	static const char sql[] =
		"SELECT b.id, b.name, coalesce(b.floors, 0), coalesce(b.units, 0),"
		" (SELECT count(*) FROM residents r WHERE r.building_id = b.id AND r.active = 1),"
		" (SELECT count(*) FROM households h WHERE h.building_id = b.id)"
		" FROM buildings b WHERE b.cell_id = ?1 ORDER BY length(b.name), b.name";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc = WG_OK;
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, cell_id);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_building b = { .cell_id = cell_id };
		b.id = sqlite3_column_int64(st, 0);
		wg_col_copy(st, 1, b.name, sizeof b.name);
		b.floors = sqlite3_column_int(st, 2);
		b.units = sqlite3_column_int(st, 3);
		b.residents = sqlite3_column_int(st, 4);
		b.households = sqlite3_column_int(st, 5);
		rc = each(arg, &b);
	}
	sqlite3_reset(st);
	return rc;
}

int wg_building_rooms(struct wg_ctx *ctx, int64_t building_id,
		      int (*each)(void *arg, const struct wg_room *r), void *arg)
{
	static const char sql[] =
		"SELECT unit, room, sum(res), sum(hh) FROM ("
		" SELECT unit, room, 1 AS res, 0 AS hh FROM residents"
		"  WHERE building_id = ?1 AND active = 1"
		" UNION ALL SELECT unit, room, 0, 1 FROM households WHERE building_id = ?1)"
		" GROUP BY unit, room ORDER BY length(unit), unit, length(room), room";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc = WG_OK;
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, building_id);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_room r;
		wg_col_copy(st, 0, r.unit, sizeof r.unit);
		wg_col_copy(st, 1, r.room, sizeof r.room);
		r.residents = sqlite3_column_int(st, 2);
		r.households = sqlite3_column_int(st, 3);
		rc = each(arg, &r);
	}
	sqlite3_reset(st);
	return rc;
}
