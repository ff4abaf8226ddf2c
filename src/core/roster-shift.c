/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Shifts: planning, putting volunteers on them (with the checks a clerk would make), check-in and out. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/pinyin.h>
#include <wangge/store.h>
#include <wangge/volunteer.h>
#include "record-priv.h"

/* A skill by name, added when missing (a shift may ask for a skill nobody has yet). */
static int skill_id(struct wg_ctx *ctx, const char *name, int64_t *id)
{
	static const char find[] = "SELECT id FROM skills WHERE name = ?1";
	static const char add[] = "INSERT INTO skills(id, name, created_at, created_by, updated_at,"
				  " updated_by) VALUES (?1, ?2, ?3, ?4, ?3, ?4)";
	const char *why = wg_validate_text(name, 32);
	if (why)
		return wg_fail(ctx, WG_EINVAL, _("skill: %s"), why);
	if ((*id = wg_id_by_text(ctx, find, name)) != 0)
		return *id > 0 ? WG_OK : WG_EIO;
	int rc = wg_store_new_id(ctx, "skills", id);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, add) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	wg_bind_stamp(ctx, st, 3);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("adding a skill"));
}

const char *wg_shift_times(const char *date, const char *start, const char *end, time_t *from,
			   time_t *to, int *bad)
{
	int y, m, d, a, b;
	const char *why;
	if ((why = wg_parse_date(date, &y, &m, &d)))
		return *bad = 0, why;
	if ((why = wg_validate_clock(start, &a)))
		return *bad = 1, why;
	if ((why = wg_validate_clock(end, &b)))
		return *bad = 2, why;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = a / 60,
			 .tm_min = a % 60, .tm_isdst = -1 };
	*from = mktime(&tm);
	tm = (struct tm){ .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + (b <= a),
			  .tm_hour = b / 60, .tm_min = b % 60, .tm_isdst = -1 };
	*to = mktime(&tm);
	return NULL;
}

const char *wg_shift_clock(time_t shift_start, time_t after, const char *text, time_t *out)
{
	int minute;
	if (!wg_validate_clock(text, &minute)) {
		struct tm tm;
		localtime_r(&shift_start, &tm);
		tm.tm_hour = minute / 60;
		tm.tm_min = minute % 60;
		tm.tm_sec = 0;
		tm.tm_isdst = -1;
		*out = mktime(&tm);
		if (*out <= after) { /* past midnight: an overnight shift's next morning */
			tm.tm_mday++;
			tm.tm_isdst = -1;
			time_t next = mktime(&tm);
			if (next - after < 24 * 3600)
				*out = next;
		}
		return NULL;
	}
	return wg_validate_time(text, out) ? _("is not a time: write HH:MM as on the sheet (the "
					      "shift's day), or YYYY-MM-DD HH:MM") : NULL;
}

int wg_shift_may_plan(struct wg_ctx *ctx)
{
	return wg_require_role(ctx, WG_ROLE_CLERK, _("Planning shifts"));
}

/* A shift serves a project that is still running. */
static int project_running(struct wg_ctx *ctx, int64_t id)
{
	sqlite3_stmt *st = wg_stmt(ctx, "SELECT status FROM service_projects WHERE id = ?1");
	char status[16] = "";
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		wg_col_copy(st, 0, status, sizeof status);
	sqlite3_reset(st);
	if (!found)
		return wg_fail(ctx, WG_EINVAL, _("there is no project %lld; see 'wangge projects list'"),
			       (long long)id);
	if (strcmp(status, "active") != 0)
		return wg_fail(ctx, WG_EINVAL, _("project %lld is closed (结项); its shifts are over"),
			       (long long)id);
	return WG_OK;
}

int wg_shift_add(struct wg_ctx *ctx, const struct wg_shift_new *in, int64_t *id)
{
	static const char cell_sql[] = "SELECT id FROM cells WHERE code = ?1";
	static const char sql[] =
		"INSERT INTO shifts(id, post, cell_id, start_at, end_at, need, skill_id, project_id,"
		" created_at, created_by, updated_at, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?10, ?8, ?9, ?8, ?9)";
	int64_t cell = 0, skill = 0;
	char code[64];
	const char *why;
	int rc = wg_shift_may_plan(ctx);
	if (rc != WG_OK)
		return rc;
	if ((why = wg_validate_text(in->post ? in->post : "", 64)))
		return wg_fail(ctx, WG_EINVAL, _("post: %s"), why);
	if (in->end <= in->start)
		return wg_fail(ctx, WG_EINVAL, "%s", _("the shift ends before it starts; give an end "
						       "after the start"));
	if (in->end - in->start > 24 * 3600)
		return wg_fail(ctx, WG_EINVAL, "%s", _("a shift is at most 24 hours; plan longer duty "
						       "as several shifts"));
	if (in->need < 1 || in->need > 999)
		return wg_fail(ctx, WG_EINVAL, "%s", _("need: give how many volunteers, 1 to 999"));
	if (in->cell_code && *in->cell_code) {
		snprintf(code, sizeof code, "%s", in->cell_code);
		wg_tidy_code(code);
		if ((cell = wg_id_by_text(ctx, cell_sql, code)) <= 0)
			return cell < 0 ? WG_EIO
					: wg_fail(ctx, WG_EINVAL, _("there is no cell with the code %s"), code);
	}
	if (in->project_id && (rc = project_running(ctx, in->project_id)) != WG_OK)
		return rc;
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if (in->skill && *in->skill)
		rc = skill_id(ctx, in->skill, &skill);
	if (rc == WG_OK)
		rc = wg_store_new_id(ctx, "shifts", id);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (st) {
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_text(st, 2, in->post, -1, SQLITE_STATIC);
		wg_bind_ref(st, 3, cell);
		sqlite3_bind_int64(st, 4, (int64_t)in->start);
		sqlite3_bind_int64(st, 5, (int64_t)in->end);
		sqlite3_bind_int(st, 6, in->need);
		wg_bind_ref(st, 7, skill);
		wg_bind_stamp(ctx, st, 8);
		wg_bind_ref(st, 10, in->project_id);
		rc = wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("planning a shift"));
	} else if (rc == WG_OK) {
		rc = WG_EIO;
	}
	if (rc == WG_OK)
		rc = wg_audit(ctx, "shift.add", "shifts", *id, in->post);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

struct shift_row {
	time_t start, end;
	int need, assigned;
	int64_t skill;
	char post[WG_UTF8_SIZE(64)], skill_name[WG_UTF8_SIZE(32)];
};

static int load_shift(struct wg_ctx *ctx, int64_t id, struct shift_row *s)
{
	static const char sql[] =
		"SELECT s.start_at, s.end_at, s.need, coalesce(s.skill_id, 0), s.post,"
		" coalesce(k.name, ''), (SELECT count(*) FROM assignments a WHERE a.shift_id = s.id)"
		" FROM shifts s LEFT JOIN skills k ON k.id = s.skill_id WHERE s.id = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		s->start = (time_t)sqlite3_column_int64(st, 0);
		s->end = (time_t)sqlite3_column_int64(st, 1);
		s->need = sqlite3_column_int(st, 2);
		s->skill = sqlite3_column_int64(st, 3);
		wg_col_copy(st, 4, s->post, sizeof s->post);
		wg_col_copy(st, 5, s->skill_name, sizeof s->skill_name);
		s->assigned = sqlite3_column_int(st, 6);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	return rc == SQLITE_DONE ? wg_fail(ctx, WG_EINVAL, _("there is no shift %lld; see 'wangge "
							     "shifts list'"), (long long)id)
				 : wg_db_fail(ctx, _("reading a shift"));
}

/* Whether [start, end) lies inside one of the volunteer's stated periods; 1 when none stated. */
static int available(struct wg_ctx *ctx, int64_t vid, time_t start, time_t end)
{
	static const char any_sql[] = "SELECT count(*) FROM availability WHERE volunteer_id = ?1";
	static const char fit_sql[] =
		"SELECT 1 FROM availability WHERE volunteer_id = ?1 AND weekday = ?2"
		" AND start_min <= ?3 AND end_min >= ?4";
	struct tm a, b;
	sqlite3_stmt *st = wg_stmt(ctx, any_sql);
	int stated = 0, fits = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, vid);
	if (sqlite3_step(st) == SQLITE_ROW)
		stated = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (!stated)
		return 1;
	localtime_r(&start, &a);
	time_t last = end - 1;
	localtime_r(&last, &b);
	if (a.tm_yday != b.tm_yday || a.tm_year != b.tm_year)
		return 0; /* over midnight: no single period covers it */
	if (!(st = wg_stmt(ctx, fit_sql)))
		return -1;
	sqlite3_bind_int64(st, 1, vid);
	sqlite3_bind_int(st, 2, a.tm_wday == 0 ? 7 : a.tm_wday);
	sqlite3_bind_int(st, 3, a.tm_hour * 60 + a.tm_min);
	sqlite3_bind_int(st, 4, b.tm_hour * 60 + b.tm_min + 1);
	fits = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return fits;
}

/* Another shift of the volunteer's that overlaps; its post in out, or "" when none. */
static int overlapping(struct wg_ctx *ctx, int64_t vid, int64_t shift, time_t start, time_t end,
		       char *out, size_t outsz)
{
	static const char sql[] =
		"SELECT s.post || ' ' || strftime('%Y-%m-%d %H:%M', s.start_at, 'unixepoch', 'localtime')"
		" FROM assignments a JOIN shifts s ON s.id = a.shift_id"
		" WHERE a.volunteer_id = ?1 AND s.id <> ?2 AND s.start_at < ?4 AND s.end_at > ?3 LIMIT 1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	out[0] = '\0';
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, vid);
	sqlite3_bind_int64(st, 2, shift);
	sqlite3_bind_int64(st, 3, (int64_t)start);
	sqlite3_bind_int64(st, 4, (int64_t)end);
	if (sqlite3_step(st) == SQLITE_ROW)
		wg_col_copy(st, 0, out, outsz);
	sqlite3_reset(st);
	return WG_OK;
}

static int has_skill(struct wg_ctx *ctx, int64_t vid, int64_t skill)
{
	static const char sql[] =
		"SELECT 1 FROM volunteer_skills WHERE volunteer_id = ?1 AND skill_id = ?2";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, vid);
	sqlite3_bind_int64(st, 2, skill);
	int yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

/* What the screen would ask about before assigning; NULL when nothing. */
static int assign_checks(struct wg_ctx *ctx, int64_t shift_id, const struct shift_row *s,
			 const struct wg_volunteer *v, int *confirmable)
{
	char other[200];
	int rc;
	*confirmable = 0;
	if (!v->active)
		return wg_fail(ctx, WG_EINVAL, _("%s (%s) is no longer active"), v->name, v->vol_no);
	if ((rc = overlapping(ctx, v->id, shift_id, s->start, s->end, other, sizeof other)) != WG_OK)
		return rc;
	if (*other)
		return wg_fail(ctx, WG_EINVAL, _("%s (%s) is on another shift at that time: %s"), v->name,
			       v->vol_no, other);
	*confirmable = 1;
	if (s->assigned >= s->need)
		return wg_fail(ctx, WG_EINVAL, _("the shift already has the %d volunteers it needs; "
						 "confirm to add one more"), s->need);
	if (s->skill && has_skill(ctx, v->id, s->skill) == 0)
		return wg_fail(ctx, WG_EINVAL, _("%s (%s) does not have the skill %s the shift asks "
						 "for; confirm to assign anyway"),
			       v->name, v->vol_no, s->skill_name);
	if (available(ctx, v->id, s->start, s->end) == 0)
		return wg_fail(ctx, WG_EINVAL, _("the shift is outside the times %s (%s) said they "
						 "are free; confirm to assign anyway"),
			       v->name, v->vol_no);
	*confirmable = 0;
	return WG_OK;
}

static int volunteer_by_id(struct wg_ctx *ctx, int64_t id, struct wg_volunteer *v)
{
	char key[32];
	snprintf(key, sizeof key, "%lld", (long long)id);
	return wg_volunteer_find(ctx, key, v);
}

int wg_shift_assign(struct wg_ctx *ctx, int64_t shift_id, int64_t volunteer_id, int confirmed,
		    int *confirmable)
{
	static const char sql[] =
		"INSERT INTO assignments(id, shift_id, volunteer_id, created_at, created_by, updated_at,"
		" updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)";
	struct shift_row s;
	struct wg_volunteer v;
	int64_t id;
	int ask = 0, rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Assigning volunteers"));
	if (confirmable)
		*confirmable = 0;
	if (rc != WG_OK || (rc = load_shift(ctx, shift_id, &s)) != WG_OK ||
	    (rc = volunteer_by_id(ctx, volunteer_id, &v)) != WG_OK)
		return rc;
	if ((rc = assign_checks(ctx, shift_id, &s, &v, &ask)) != WG_OK && !(ask && confirmed)) {
		if (confirmable)
			*confirmable = ask;
		return rc;
	}
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	rc = wg_store_new_id(ctx, "assignments", &id);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, shift_id);
		sqlite3_bind_int64(st, 3, volunteer_id);
		wg_bind_stamp(ctx, st, 4);
		int step = wg_step_done(st);
		rc = step == SQLITE_DONE ? WG_OK
		     : step == SQLITE_CONSTRAINT
			     ? wg_fail(ctx, WG_EINVAL, _("%s (%s) is already on this shift"), v.name, v.vol_no)
			     : wg_db_fail(ctx, _("assigning a volunteer"));
	} else if (rc == WG_OK) {
		rc = WG_EIO;
	}
	if (rc == WG_OK)
		rc = wg_audit(ctx, confirmed && ask ? "shift.assign.confirmed" : "shift.assign", "shifts",
			      shift_id, v.vol_no);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

/* The assignment's key and times; WG_EINVAL naming both when the volunteer is not on the shift. */
static int assignment(struct wg_ctx *ctx, int64_t shift_id, int64_t vid, int64_t *id, time_t *in,
		      time_t *out)
{
	static const char sql[] = "SELECT id, coalesce(checkin_at, 0), coalesce(checkout_at, 0)"
				  " FROM assignments WHERE shift_id = ?1 AND volunteer_id = ?2";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, shift_id);
	sqlite3_bind_int64(st, 2, vid);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*in = (time_t)sqlite3_column_int64(st, 1);
		*out = (time_t)sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	return rc == SQLITE_DONE ? wg_fail(ctx, WG_EINVAL, _("the volunteer is not on shift %lld; "
							     "assign them first"), (long long)shift_id)
				 : wg_db_fail(ctx, _("reading an assignment"));
}

static int set_time(struct wg_ctx *ctx, int64_t assignment_id, const char *column, time_t at)
{
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE assignments SET %s = ?2, updated_at = ?3, updated_by = ?4"
		 " WHERE id = ?1", column);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("recording a check-in"));
	sqlite3_bind_int64(st, 1, assignment_id);
	sqlite3_bind_int64(st, 2, (int64_t)at);
	wg_bind_stamp(ctx, st, 3);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording a check-in"));
}

int wg_shift_checkin(struct wg_ctx *ctx, int64_t shift_id, int64_t volunteer_id, time_t at)
{
	struct shift_row s;
	int64_t aid;
	time_t in, out;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Recording check-ins"));
	if (rc != WG_OK || (rc = load_shift(ctx, shift_id, &s)) != WG_OK ||
	    (rc = assignment(ctx, shift_id, volunteer_id, &aid, &in, &out)) != WG_OK)
		return rc;
	at = at ? at : wg_now(ctx);
	if (in)
		return wg_fail(ctx, WG_EINVAL, "%s", _("already checked in on this shift"));
	if (at < s.start - 2 * 3600 || at > s.end)
		return wg_fail(ctx, WG_EINVAL, "%s", _("a check-in is from two hours before the shift "
						       "to its end; check the time of the check-in"));
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = set_time(ctx, aid, "checkin_at", at)) == WG_OK)
		rc = wg_audit(ctx, "shift.checkin", "assignments", aid, s.post);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

int wg_shift_checkout(struct wg_ctx *ctx, int64_t shift_id, int64_t volunteer_id, time_t at,
		      long *minutes)
{
	static const char ledger_sql[] =
		"INSERT INTO hours_ledger(id, volunteer_id, assignment_id, date, minutes, kind, note,"
		" created_at, created_by, updated_at, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, 'shift', ?6, ?7, ?8, ?7, ?8)";
	struct shift_row s;
	int64_t aid, lid;
	time_t in, out;
	char date[WG_DATE_SIZE];
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Recording check-ins"));
	if (rc != WG_OK || (rc = load_shift(ctx, shift_id, &s)) != WG_OK ||
	    (rc = assignment(ctx, shift_id, volunteer_id, &aid, &in, &out)) != WG_OK)
		return rc;
	at = at ? at : wg_now(ctx);
	if (!in)
		return wg_fail(ctx, WG_EINVAL, "%s", _("not checked in on this shift; check in first"));
	if (out)
		return wg_fail(ctx, WG_EINVAL, "%s", _("already checked out of this shift"));
	if (at <= in)
		return wg_fail(ctx, WG_EINVAL, "%s", _("the check-out is not after the check-in; check "
						       "the time of the check-out"));
	if (at > s.end + 12 * 3600)
		return wg_fail(ctx, WG_EINVAL, "%s", _("the check-out is more than 12 hours after the "
						       "shift ended; give the real time of the check-out"));
	*minutes = (long)((at - in) / 60);
	wg_format_time(s.start, "%Y-%m-%d", date, sizeof date);
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	rc = set_time(ctx, aid, "checkout_at", at);
	if (rc == WG_OK)
		rc = wg_store_new_id(ctx, "hours_ledger", &lid);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, ledger_sql) : NULL;
	if (st) {
		sqlite3_bind_int64(st, 1, lid);
		sqlite3_bind_int64(st, 2, volunteer_id);
		sqlite3_bind_int64(st, 3, aid);
		sqlite3_bind_text(st, 4, date, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, *minutes);
		sqlite3_bind_text(st, 6, s.post, -1, SQLITE_STATIC);
		wg_bind_stamp(ctx, st, 7);
		rc = wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording hours"));
	} else if (rc == WG_OK) {
		rc = WG_EIO;
	}
	if (rc == WG_OK)
		rc = wg_audit(ctx, "shift.checkout", "assignments", aid, s.post);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

int wg_shift_each(struct wg_ctx *ctx, const char *from, const char *to, int64_t area,
		  int (*each)(void *arg, const struct wg_shift *s), void *arg)
{
	static const char sql[] =
		"SELECT s.id, s.post, coalesce(c.code, ''), coalesce(c.name, ''), s.start_at, s.end_at,"
		" s.need, (SELECT count(*) FROM assignments a WHERE a.shift_id = s.id),"
		" coalesce(k.name, ''), coalesce((SELECT group_concat(v.name ||"
		"  CASE WHEN a.checkout_at IS NOT NULL THEN '✓✓' WHEN a.checkin_at IS NOT NULL THEN '✓'"
		"  ELSE '' END, '、') FROM assignments a JOIN volunteers v ON v.id = a.volunteer_id"
		"  WHERE a.shift_id = s.id), '')"
		" FROM shifts s LEFT JOIN cells c ON c.id = s.cell_id LEFT JOIN skills k ON k.id = s.skill_id"
		" WHERE s.start_at >= ?1 AND s.start_at < ?2"
		" AND (?3 = 0 OR s.cell_id IN " WG_SQL_CELLS_UNDER("?3") ") ORDER BY s.start_at, s.id";
	struct wg_shift s;
	time_t lo, hi;
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading shifts"));
	if (rc != WG_OK || (rc = wg_day_range(ctx, from, to, &lo, &hi)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, (int64_t)lo);
	sqlite3_bind_int64(st, 2, (int64_t)hi);
	sqlite3_bind_int64(st, 3, area);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		memset(&s, 0, sizeof s);
		s.id = sqlite3_column_int64(st, 0);
		wg_col_copy(st, 1, s.post, sizeof s.post);
		wg_col_copy(st, 2, s.cell_code, sizeof s.cell_code);
		wg_col_copy(st, 3, s.cell_name, sizeof s.cell_name);
		s.start = (time_t)sqlite3_column_int64(st, 4);
		s.end = (time_t)sqlite3_column_int64(st, 5);
		s.need = sqlite3_column_int(st, 6);
		s.assigned = sqlite3_column_int(st, 7);
		wg_col_copy(st, 8, s.skill, sizeof s.skill);
		wg_col_copy(st, 9, s.volunteers, sizeof s.volunteers);
		rc = each(arg, &s);
	}
	sqlite3_reset(st);
	return rc;
}

int wg_shift_roster(struct wg_ctx *ctx, int64_t shift_id,
		    int (*each)(void *arg, const struct wg_roster_entry *e), void *arg)
{
	static const char sql[] =
		"SELECT v.id, v.vol_no, v.name, coalesce(a.checkin_at, 0), coalesce(a.checkout_at, 0)"
		" FROM assignments a JOIN volunteers v ON v.id = a.volunteer_id WHERE a.shift_id = ?1"
		" ORDER BY v.name, v.id";
	struct wg_roster_entry e;
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading shifts"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, shift_id);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		e.volunteer_id = sqlite3_column_int64(st, 0);
		wg_col_copy(st, 1, e.vol_no, sizeof e.vol_no);
		wg_col_copy(st, 2, e.name, sizeof e.name);
		e.checkin = (time_t)sqlite3_column_int64(st, 3);
		e.checkout = (time_t)sqlite3_column_int64(st, 4);
		rc = each(arg, &e);
	}
	sqlite3_reset(st);
	return rc;
}

/* ---- Who could take a shift: the assignment picker's list ---- */

/*
 * Every active volunteer whose name, number or pinyin (full or initials) matches the query
 * (an empty query: all), with what decides the choice: the shift's skill, availability at
 * its start, and the minutes already served in its week.  Volunteers only: a shift is not a
 * case for grid workers or organizations.
 */
static const char candidates_sql[] =
	"WITH s AS (SELECT skill_id, start_at, end_at,"
	/* %w is 0 for Sunday; availability counts 1 Monday .. 7 Sunday (%u is newer than 3.40) */
	"  (CAST(strftime('%w', start_at, 'unixepoch', 'localtime') AS INTEGER) + 6) % 7 + 1 AS wd,"
	"  CAST(strftime('%H', start_at, 'unixepoch', 'localtime') AS INTEGER) * 60"
	"  + CAST(strftime('%M', start_at, 'unixepoch', 'localtime') AS INTEGER) AS minute,"
	"  date(start_at, 'unixepoch', 'localtime', 'weekday 0', '-6 days') AS monday"
	"  FROM shifts WHERE id = ?1)"
	" SELECT v.id, v.vol_no, v.name,"
	"  coalesce((SELECT 1 FROM volunteer_skills vs WHERE vs.volunteer_id = v.id"
	"   AND vs.skill_id = s.skill_id), 0),"
	"  EXISTS (SELECT 1 FROM availability a WHERE a.volunteer_id = v.id AND a.weekday = s.wd"
	"   AND a.start_min <= s.minute AND a.end_min > s.minute),"
	"  (SELECT coalesce(sum(h.minutes), 0) FROM hours_ledger h WHERE h.volunteer_id = v.id"
	"   AND h.date >= s.monday AND h.date < date(s.monday, '+7 days')),"
	"  s.skill_id IS NOT NULL"
	" FROM volunteers v, s WHERE v.active = 1"
	" AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.shift_id = ?1 AND a.volunteer_id = v.id)"
	" ORDER BY v.vol_no";

static int candidate_rank(const void *a, const void *b)
{
	const struct wg_shift_candidate *x = a, *y = b;
	if (x->match != y->match)
		return y->match - x->match;
	if (x->has_skill != y->has_skill)
		return y->has_skill - x->has_skill;
	if (x->available != y->available)
		return y->available - x->available;
	if (x->week_minutes != y->week_minutes)
		return x->week_minutes < y->week_minutes ? -1 : 1;
	return strcmp(x->vol_no, y->vol_no);
}

/* How well the query names the volunteer: by number or name text, else by pinyin. */
static int name_match(const char *query, const char *vol_no, const char *name)
{
	if (!*query)
		return 1;
	if (strcmp(query, vol_no) == 0 || strcmp(query, name) == 0)
		return 10;
	if (strstr(name, query) || strstr(vol_no, query))
		return strncmp(name, query, strlen(query)) == 0 ? 8 : 6;
	struct wg_pyname pn;
	if (wg_pyname_init(&pn, name) != 0)
		return 0;
	enum wg_pymatch m = wg_pyname_match(&pn, query);
	wg_pyname_fini(&pn);
	return (int)m; /* 0 none .. 4 from the start, whole readings */
}

int wg_shift_candidates(struct wg_ctx *ctx, int64_t shift_id, const char *query,
			struct wg_shift_candidate *out, int max, int *n)
{
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading shifts"));
	*n = 0;
	if (rc != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, candidates_sql);
	if (!st)
		return WG_EIO;
	struct wg_shift_candidate *all = NULL;
	int count = 0, cap = 0;
	sqlite3_bind_int64(st, 1, shift_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct wg_shift_candidate c = { .id = sqlite3_column_int64(st, 0) };
		wg_col_copy(st, 1, c.vol_no, sizeof c.vol_no);
		wg_col_copy(st, 2, c.name, sizeof c.name);
		if (!(c.match = name_match(query ? query : "", c.vol_no, c.name)))
			continue;
		c.has_skill = sqlite3_column_int(st, 3);
		c.available = sqlite3_column_int(st, 4);
		c.week_minutes = (long)sqlite3_column_int64(st, 5);
		c.skill_wanted = sqlite3_column_int(st, 6);
		if (count == cap) {
			struct wg_shift_candidate *more = realloc(all, (size_t)(cap = cap ? cap * 2 : 64) *
								      sizeof *more);
			if (!more) {
				sqlite3_reset(st);
				free(all);
				return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
			}
			all = more;
		}
		all[count++] = c;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(all);
		return wg_db_fail(ctx, _("reading shifts"));
	}
	if (count)
		qsort(all, (size_t)count, sizeof *all, candidate_rank);
	*n = count < max ? count : max;
	if (*n)
		memcpy(out, all, (size_t)*n * sizeof *out);
	free(all);
	return WG_OK;
}
