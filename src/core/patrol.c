/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Patrol logs: checking and saving a round, the newest-first list, and a finding turned into a task. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/patrol.h>
#include <wangge/store.h>
#include "record-priv.h"

/* Free text of at most max characters; line breaks only where multiline. */
static const char *text_problem(const char *s, size_t max, int multiline)
{
	size_t chars = 0;
	for (const char *p = s; *p; chars++) {
		uint32_t c = wg_utf8_next(&p);
		if (c == WG_UTF8_INVALID)
			return _("is not valid UTF-8 text");
		if (c < 0x20 && !(multiline && (c == '\n' || c == '\t')))
			return _("contains a line break or other control character; keep it on one line");
	}
	return chars > max ? _("is too long; shorten it") : NULL;
}

/* Who walked the round: the grid worker named (a clerk typing in a paper log), else the
 * acting user's own grid worker, else nobody (a clerk who does not know). */
static int patrol_worker(struct wg_ctx *ctx, struct wg_patrol *p)
{
	if (p->worker_id)
		return WG_OK;
	if (*p->worker_name) {
		if (wg_gridworker_find(ctx, p->worker_name, &p->worker_id) == WG_OK)
			return WG_OK;
		return wg_fail(ctx, WG_EINVAL, _("grid worker: there is no grid worker named %s; "
						 "leave it empty or give a name from screen 2"), p->worker_name);
	}
	if (wg_gridworker_of_user(ctx, &p->worker_id) != WG_OK)
		p->worker_id = 0;
	return WG_OK;
}

static int check_patrol(struct wg_ctx *ctx, struct wg_patrol *p)
{
	char today[WG_DATE_SIZE], norm[WG_DATE_SIZE];
	const char *why;
	int rc;
	wg_today_text(ctx, today);
	if (!*p->date)
		memcpy(p->date, today, sizeof today);
	if ((why = wg_validate_date(p->date, norm, sizeof norm)))
		return wg_fail(ctx, WG_EINVAL, _("date: %s"), why);
	if (strcmp(norm, today) > 0)
		return wg_fail(ctx, WG_EINVAL, _("date: %s is in the future; a patrol is recorded after "
						 "it took place"), norm);
	memcpy(p->date, norm, sizeof norm);
	if (!p->cell_id && (rc = wg_cell_find(ctx, p->cell_code, &p->cell_id)) != WG_OK)
		return rc;
	if ((why = text_problem(p->route, WG_PATROL_ROUTE_MAX, 0)))
		return wg_fail(ctx, WG_EINVAL, _("route: %s"), why);
	if ((why = text_problem(p->findings, WG_PATROL_FINDINGS_MAX, 1)))
		return wg_fail(ctx, WG_EINVAL, _("findings: %s"), why);
	if (!*p->route && !*p->findings)
		return wg_fail(ctx, WG_EINVAL, "%s", _("route: describe the route or what was found"));
	return patrol_worker(ctx, p);
}

int wg_patrol_may_record(struct wg_ctx *ctx)
{
	return wg_require_role(ctx, WG_ROLE_GRIDWORKER, _("Recording patrols"));
}

int wg_patrol_save(struct wg_ctx *ctx, struct wg_patrol *p)
{
	static const char ins[] =
		"INSERT INTO patrols(id, cell_id, worker_id, date, route, findings, created_at, created_by,"
		" updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8)";
	static const char upd[] =
		"UPDATE patrols SET cell_id = ?2, worker_id = ?3, date = ?4, route = ?5, findings = ?6,"
		" updated_at = ?7, updated_by = ?8 WHERE id = ?1";
	int isnew = p->id == 0, rc;
	if ((rc = wg_patrol_may_record(ctx)) != WG_OK ||
	    (rc = check_patrol(ctx, p)) != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if (isnew && (rc = wg_store_new_id(ctx, "patrols", &p->id)) != WG_OK) {
		wg_rollback(ctx);
		return rc;
	}
	sqlite3_stmt *st = wg_stmt(ctx, isnew ? ins : upd);
	if (st) {
		sqlite3_bind_int64(st, 1, p->id);
		sqlite3_bind_int64(st, 2, p->cell_id);
		wg_bind_ref(st, 3, p->worker_id);
		sqlite3_bind_text(st, 4, p->date, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, p->route, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, p->findings, -1, SQLITE_STATIC);
		wg_bind_stamp(ctx, st, 7);
	}
	int step = st ? wg_step_done(st) : SQLITE_ERROR;
	rc = step == SQLITE_DONE ? WG_OK
	     : step == SQLITE_CONSTRAINT ? wg_fail(ctx, WG_EINVAL, "%s", _("the cell or grid worker of "
									   "this patrol does not exist"))
	     : wg_db_fail(ctx, _("saving a patrol"));
	if (rc == WG_OK)
		return wg_commit(ctx);
	if (isnew)
		p->id = 0;
	wg_rollback(ctx);
	return rc;
}

int wg_patrol_load(struct wg_ctx *ctx, int64_t id, struct wg_patrol *p)
{
	static const char sql[] =
		"SELECT p.date, p.cell_id, c.code, c.name, coalesce(p.worker_id, 0), coalesce(w.name, ''),"
		" p.route, p.findings, coalesce(p.task_id, 0) FROM patrols p JOIN cells c ON c.id = p.cell_id"
		" LEFT JOIN grid_workers w ON w.id = p.worker_id WHERE p.id = ?1";
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading patrols"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	memset(p, 0, sizeof *p);
	p->id = id;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		wg_col_copy(st, 0, p->date, sizeof p->date);
		p->cell_id = sqlite3_column_int64(st, 1);
		wg_col_copy(st, 2, p->cell_code, sizeof p->cell_code);
		wg_col_copy(st, 3, p->cell_name, sizeof p->cell_name);
		p->worker_id = sqlite3_column_int64(st, 4);
		wg_col_copy(st, 5, p->worker_name, sizeof p->worker_name);
		wg_col_copy(st, 6, p->route, sizeof p->route);
		wg_col_copy(st, 7, p->findings, sizeof p->findings);
		p->task_id = sqlite3_column_int64(st, 8);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	return rc == SQLITE_DONE ? wg_fail(ctx, WG_EINVAL, _("patrol %lld does not exist"), (long long)id)
				 : wg_db_fail(ctx, _("reading a patrol"));
}

/* ---- The list: newest first ---- */

#define PATROL_HEAD \
	"SELECT p.id, p.date, c.name, coalesce(w.name, ''), p.findings, p.route," \
	" coalesce(t.number, '') FROM patrols p JOIN cells c ON c.id = p.cell_id" \
	" LEFT JOIN grid_workers w ON w.id = p.worker_id LEFT JOIN tasks t ON t.id = p.task_id" \
	" WHERE (?4 = 0 OR p.cell_id IN " WG_SQL_CELLS_UNDER("?4") ")"
/* Older rows (down the list) and newer rows (up the list, read in reverse). */
static const char older_sql[] = PATROL_HEAD " AND (p.date, p.id) < (?1, ?2)"
				" ORDER BY p.date DESC, p.id DESC LIMIT ?3";
static const char newer_sql[] = PATROL_HEAD " AND (p.date, p.id) > (?1, ?2)"
				" ORDER BY p.date, p.id LIMIT ?3";

/* The first line of text, for a one-line column; never cut inside a character. */
static void first_line(const char *s, char *out, size_t outsz)
{
	size_t n = strcspn(s, "\r\n");
	if (n >= outsz) {
		n = outsz - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, s, n);
	out[n] = '\0';
}

static int patrol_fetch(struct wg_ctx *ctx, void *arg, enum wg_page_dir dir,
			const struct wg_pagekey *key, int limit, struct wg_rows *out)
{
	const struct wg_patrol_query *q = arg;
	int newer = dir == WG_PAGE_BEFORE || dir == WG_PAGE_LAST;
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading patrols"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, newer ? newer_sql : older_sql) : NULL;
	wg_rows_clear(out);
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	const char *date = dir == WG_PAGE_FIRST ? "9999-99-99" : dir == WG_PAGE_LAST ? "" : key->text;
	sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, dir == WG_PAGE_FIRST ? INT64_MAX : dir == WG_PAGE_LAST ? 0 : key->id);
	sqlite3_bind_int(st, 3, limit);
	sqlite3_bind_int64(st, 4, q->cell_id);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		char found[256];
		const char *c[7];
		for (int i = 1; i < 7; i++)
			c[i] = (const char *)sqlite3_column_text(st, i);
		first_line(*c[4] ? c[4] : c[5], found, sizeof found);
		struct wg_pagekey k = { .id = sqlite3_column_int64(st, 0) };
		snprintf(k.text, sizeof k.text, "%s", c[1]);
		const char *cols[WG_PCOL_COUNT] = { c[1], c[2], c[3], found, c[6] };
		if (!wg_rows_add(out, &k, WG_PCOL_COUNT, cols))
			rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	}
	sqlite3_reset(st);
	if (newer)
		wg_rows_reverse(out);
	return rc;
}

struct wg_list_source wg_patrol_source(struct wg_patrol_query *q)
{
	return (struct wg_list_source){ patrol_fetch, q };
}

/* ---- From a finding to a task ---- */

int wg_patrol_task_prefill(struct wg_ctx *ctx, int64_t patrol_id, struct wg_task_prefill *out)
{
	struct wg_patrol p;
	int rc = wg_patrol_load(ctx, patrol_id, &p);
	if (rc != WG_OK)
		return rc;
	if (!*p.findings)
		return wg_fail(ctx, WG_EINVAL, _("patrol %lld found nothing to report; add its findings "
						 "first"), (long long)patrol_id);
	if (p.task_id)
		return wg_fail(ctx, WG_EINVAL, _("patrol %lld already has a task"), (long long)patrol_id);
	memset(out, 0, sizeof *out);
	out->patrol_id = patrol_id;
	out->cell_id = p.cell_id;
	memcpy(out->cell_code, p.cell_code, sizeof out->cell_code);
	/* The title: the first line, cut to the title's length at a character boundary. */
	size_t len = 0, chars = 0;
	for (const char *s = p.findings; *s && *s != '\n' && *s != '\r' && chars < WG_PATROL_TITLE_MAX;
	     chars++) {
		const char *start = s;
		wg_utf8_next(&s);
		memcpy(out->title + len, start, (size_t)(s - start));
		len += (size_t)(s - start);
	}
	out->title[len] = '\0';
	snprintf(out->description, sizeof out->description, _("%s\n(patrol of %s, route: %s)"),
		 p.findings, p.date, *p.route ? p.route : "-");
	snprintf(out->source, sizeof out->source, "patrol");
	return WG_OK;
}

int wg_patrol_link_task(struct wg_ctx *ctx, int64_t patrol_id, int64_t task_id)
{
	static const char sql[] = "UPDATE patrols SET task_id = ?2, updated_at = ?3, updated_by = ?4"
				  " WHERE id = ?1 AND task_id IS NULL";
	int rc = wg_require_role(ctx, WG_ROLE_GRIDWORKER, _("Recording patrols"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, patrol_id);
	sqlite3_bind_int64(st, 2, task_id);
	wg_bind_stamp(ctx, st, 3);
	int step = wg_step_done(st);
	if (step == SQLITE_CONSTRAINT)
		return wg_fail(ctx, WG_EINVAL, _("task %lld does not exist"), (long long)task_id);
	if (step != SQLITE_DONE)
		return wg_db_fail(ctx, _("linking a patrol to its task"));
	return sqlite3_changes(wg_db(ctx)) ? WG_OK
		: wg_fail(ctx, WG_EINVAL, _("patrol %lld does not exist or already has a task"),
			  (long long)patrol_id);
}

int wg_patrol_create_task(struct wg_ctx *ctx, int64_t patrol_id, wg_task_create_fn create,
			  void *arg, int64_t *task_id)
{
	struct wg_task_prefill pre;
	int rc;
	if ((rc = wg_patrol_task_prefill(ctx, patrol_id, &pre)) != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = create(ctx, &pre, arg, task_id)) == WG_OK &&
	    (rc = wg_patrol_link_task(ctx, patrol_id, *task_id)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}
