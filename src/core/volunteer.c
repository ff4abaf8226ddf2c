/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Volunteers as records: finding one by any of its keys, the list, the hours ledger, star levels. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/config.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/volunteer.h>
#include "record-priv.h"

/* Hours for one to five stars (national volunteer service record rules). */
static const long national_stars[5] = { 100, 300, 600, 1000, 1500 };

static const long *stars_of(const struct wg_ctx *ctx)
{
	return ctx && ctx->star_hours[0] ? ctx->star_hours : national_stars;
}

int wg_volunteers_configure(struct wg_ctx *ctx, const struct wg_config *cfg)
{
	long hours[5];
	const char *v = wg_config_str(cfg, "volunteers:star_hours");
	if (!v || !*v)
		return WG_OK;
	if (wg_rising_parse(v, hours, 5) != 0) /* the loader checked it; a caller may not have */
		return wg_fail(ctx, WG_EUSAGE, _("[volunteers] star_hours = %s: five rising whole "
						 "numbers are needed"), v);
	memcpy(ctx->star_hours, hours, sizeof hours);
	return WG_OK;
}

int wg_star_level(const struct wg_ctx *ctx, long minutes)
{
	const long *hours = stars_of(ctx);
	int level = 0;
	while (level < 5 && minutes >= hours[level] * 60)
		level++;
	return level;
}

long wg_star_next(const struct wg_ctx *ctx, long minutes)
{
	int level = wg_star_level(ctx, minutes);
	return level == 5 ? 0 : stars_of(ctx)[level] * 60 - minutes;
}

#define VOL_COLS \
	"SELECT v.id, v.vol_no, v.name, v.phone, coalesce(v.id_number, ''), coalesce(c.code, '')," \
	" coalesce(c.name, ''), coalesce((SELECT group_concat(t.name, '、') FROM team_members m" \
	"  JOIN teams t ON t.id = m.team_id WHERE m.volunteer_id = v.id), '')," \
	" coalesce((SELECT group_concat(s.name, '、') FROM volunteer_skills vs" \
	"  JOIN skills s ON s.id = vs.skill_id WHERE vs.volunteer_id = v.id), '')," \
	" coalesce((SELECT sum(minutes) FROM hours_ledger h WHERE h.volunteer_id = v.id), 0), v.active" \
	" FROM volunteers v LEFT JOIN cells c ON c.id = v.cell_id"

static void read_volunteer(sqlite3_stmt *st, struct wg_volunteer *v)
{
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(st, 0);
	wg_col_copy(st, 1, v->vol_no, sizeof v->vol_no);
	wg_col_copy(st, 2, v->name, sizeof v->name);
	wg_mask_phone((const char *)sqlite3_column_text(st, 3), v->phone, sizeof v->phone);
	wg_mask_id_number((const char *)sqlite3_column_text(st, 4), v->id_number, sizeof v->id_number);
	wg_col_copy(st, 5, v->cell_code, sizeof v->cell_code);
	wg_col_copy(st, 6, v->cell_name, sizeof v->cell_name);
	wg_col_copy(st, 7, v->team, sizeof v->team);
	wg_col_copy(st, 8, v->skills, sizeof v->skills);
	v->minutes = (long)sqlite3_column_int64(st, 9);
	v->active = sqlite3_column_int(st, 10);
}

/* Found by the whole ID number (not its number or key): a match on digits the lists hide, so
 * recorded as resident search records it (resident-search.c). */
static int found_by_id_number(struct wg_ctx *ctx, const char *key, const struct wg_volunteer *v)
{
	char detail[128];
	if (strcmp(key, v->vol_no) == 0 || strtoll(key, NULL, 10) == v->id)
		return WG_OK;
	snprintf(detail, sizeof detail, "query %s; found by the whole ID number", key);
	return wg_audit_alone(ctx, "volunteer.find", "volunteers", v->id, detail);
}

int wg_volunteer_find(struct wg_ctx *ctx, const char *ref, struct wg_volunteer *out)
{
	static const char sql[] = VOL_COLS " WHERE v.vol_no = ?1 OR v.id_number = upper(?1)"
				  " OR v.id = CAST(?1 AS INTEGER) LIMIT 1";
	char key[64];
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading volunteers"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	snprintf(key, sizeof key, "%s", ref ? ref : "");
	wg_tidy_code(key);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_volunteer(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return found_by_id_number(ctx, key, out);
	return rc == SQLITE_DONE ? wg_fail(ctx, WG_EINVAL, _("there is no volunteer %s; give the "
							     "volunteer number (V0001), the ID number or "
							     "the key"), key)
				 : wg_db_fail(ctx, _("finding a volunteer"));
}

int wg_volunteer_each(struct wg_ctx *ctx, int64_t area, int (*each)(void *arg, const struct wg_volunteer *v),
		      void *arg)
{
	static const char sql[] = VOL_COLS " WHERE v.active = 1"
				  " AND (?1 = 0 OR v.cell_id IN " WG_SQL_CELLS_UNDER("?1") ") ORDER BY v.vol_no";
	struct wg_volunteer v;
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading volunteers"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, area);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		read_volunteer(st, &v);
		rc = each(arg, &v);
	}
	sqlite3_reset(st);
	return rc;
}

int wg_volunteer_hours(struct wg_ctx *ctx, int64_t volunteer_id,
		       int (*each)(void *arg, const struct wg_hours_line *l), void *arg)
{
	static const char sql[] =
		"SELECT h.date, h.minutes, h.kind, CASE WHEN s.id IS NOT NULL THEN s.post ||"
		" coalesce(' (' || c.name || ')', '') ELSE h.note END"
		" FROM hours_ledger h LEFT JOIN assignments a ON a.id = h.assignment_id"
		" LEFT JOIN shifts s ON s.id = a.shift_id LEFT JOIN cells c ON c.id = s.cell_id"
		" WHERE h.volunteer_id = ?1 ORDER BY h.date, h.id";
	struct wg_hours_line l;
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading volunteers"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, volunteer_id);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		wg_col_copy(st, 0, l.date, sizeof l.date);
		l.minutes = (long)sqlite3_column_int64(st, 1);
		wg_col_copy(st, 2, l.kind, sizeof l.kind);
		wg_col_copy(st, 3, l.what, sizeof l.what);
		rc = each(arg, &l);
	}
	sqlite3_reset(st);
	return rc;
}
