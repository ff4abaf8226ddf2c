/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Dispatch suggestions: handlers ranked by responsibility, place, availability, skills, load, record. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/category.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "core-int.h"
#include "record-priv.h"
#include "task-priv.h"

/* Points, so that every score can be read back as its reasons. */
enum {
	PTS_SAME_CELL = 25,
	PTS_AVAILABLE = 15,
	PTS_SKILL = 20,
	PTS_DOMAIN = 25,   /* an organization whose service domains hold the case's sector */
	PTS_PER_OPEN_CASE = 3,
	PTS_LOAD_MAX = 30,
	PTS_ON_TIME = 20, /* times the on-time share of recent closings */
	RECORD_CASES = 20, /* how many recent closings the record looks at */
};

/* Which kinds of handler a category's responsible party points to, and how strongly. */
static const struct {
	const char *responsible;
	enum wg_handler_kind kind;
	int points;
} fits[] = {
	{ "grid_worker", WG_HK_WORKER, 40 },      { "community", WG_HK_WORKER, 30 },
	{ "community", WG_HK_SOCIALWORKER, 20 },  { "community", WG_HK_TEAM, 15 },
	{ "community", WG_HK_VOLUNTEER, 10 },     { "volunteer", WG_HK_VOLUNTEER, 40 },
	{ "volunteer", WG_HK_TEAM, 35 },          { "social_worker", WG_HK_SOCIALWORKER, 40 },
	{ "social_worker", WG_HK_TEAM, 25 },      { "social_org", WG_HK_ORG, 40 },
};
#define PTS_DEPT 40 /* any other party is an outside department */

/* What a case offers for matching. */
struct subject {
	int64_t id, cell_id;
	char responsible[32];
	char names[1024]; /* the category path's Chinese and English names */
	char sector[16], sector_name[128]; /* the path's top: its sector */
	int weekday, minute; /* now, for volunteers' availability (1 Monday .. 7) */
	int working;         /* now is inside the office's working hours */
};

/* The open load through the partial index of open cases by handler: the planner would otherwise
 * take the covering index of all cases by handler and read every closed case of each candidate. */
#define OPEN_BY_HANDLER " INDEXED BY tasks_handler_open"

/* Per kind: id, name, same cell, open load, available now (-1: by working hours), skills;
 * organizations also: their service domains hold the case's sector (?5), from the register. */
static const char *const candidate_sql[WG_HK_COUNT] = {
	[WG_HK_WORKER] =
		"SELECT g.id, g.name, EXISTS (SELECT 1 FROM cell_workers cw WHERE cw.worker_id = g.id"
		" AND cw.cell_id = ?1), (SELECT count(*) FROM tasks t" OPEN_BY_HANDLER
		" WHERE t.handler_kind = 'worker' AND t.handler_id = g.id AND t." SQL_OPEN "), -1, ''"
		" FROM grid_workers g WHERE g.active = 1",
	[WG_HK_VOLUNTEER] =
		"SELECT v.id, v.name, v.cell_id IS ?1, (SELECT count(*) FROM tasks t" OPEN_BY_HANDLER
		" WHERE t.handler_kind = 'volunteer' AND t.handler_id = v.id AND t." SQL_OPEN "),"
		" EXISTS (SELECT 1 FROM availability a WHERE a.volunteer_id = v.id AND a.weekday = ?2"
		" AND a.start_min <= ?3 AND a.end_min > ?3), (SELECT group_concat(s.name, char(31))"
		" FROM volunteer_skills vs JOIN skills s ON s.id = vs.skill_id"
		" WHERE vs.volunteer_id = v.id) FROM volunteers v WHERE v.active = 1",
	[WG_HK_TEAM] =
		"SELECT tm.id, tm.name, tm.cell_id IS ?1, (SELECT count(*) FROM tasks t" OPEN_BY_HANDLER
		" WHERE t.handler_kind = 'team' AND t.handler_id = tm.id AND t." SQL_OPEN "),"
		" EXISTS (SELECT 1 FROM team_members m JOIN availability a ON a.volunteer_id ="
		" m.volunteer_id WHERE m.team_id = tm.id AND a.weekday = ?2 AND a.start_min <= ?3"
		" AND a.end_min > ?3), (SELECT group_concat(name, char(31)) FROM (SELECT DISTINCT"
		" s.name FROM team_members m JOIN volunteer_skills vs ON vs.volunteer_id ="
		" m.volunteer_id JOIN skills s ON s.id = vs.skill_id WHERE m.team_id = tm.id))"
		" FROM teams tm",
	[WG_HK_SOCIALWORKER] =
		"SELECT w.id, w.name, EXISTS (SELECT 1 FROM teams tm WHERE tm.leader_id = w.id"
		" AND tm.cell_id = ?1), (SELECT count(*) FROM tasks t" OPEN_BY_HANDLER
		" WHERE t.handler_kind = 'socialworker' AND t.handler_id = w.id AND t." SQL_OPEN "),"
		" -1, '' FROM social_workers w WHERE w.active = 1",
	[WG_HK_ORG] =
		"SELECT o.id, o.name, 0, (SELECT count(*) FROM tasks t" OPEN_BY_HANDLER
		" WHERE t.handler_kind = 'org' AND t.handler_id = o.id AND t." SQL_OPEN "), -1, '',"
		" ?5 <> '' AND instr(';' || o.domains || ';', ';' || ?5 || ';') > 0"
		" FROM social_orgs o WHERE o.status = 'active'"
		" AND EXISTS (SELECT 1 FROM service_projects p WHERE p.org_id = o.id"
		" AND p.status = 'active' AND (p.start_date = '' OR p.start_date <= ?4)"
		" AND (p.end_date = '' OR p.end_date >= ?4))",
};

struct pool {
	struct wg_suggestion *v;
	int n, cap;
};

static void reason(struct wg_suggestion *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void reason(struct wg_suggestion *s, const char *fmt, ...)
{
	va_list ap;
	if (s->nreasons == WG_SUGGEST_REASONS)
		return;
	va_start(ap, fmt);
	vsnprintf(s->reasons[s->nreasons++], sizeof s->reasons[0], fmt, ap);
	va_end(ap);
}

/* Two-character words too common to say anything about a fit. */
static int common_word(const char *w)
{
	static const char *const words[] = { "服务", "管理", "工作", "问题", "社区", "人员", "居民" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(w, words[i]) == 0)
			return 1;
	return 0;
}

/* A skill fits when two characters of it in a row appear in the category's names. */
static int skill_fits(const char *skill, const char *names)
{
	const char *p = skill;
	const char *prev = NULL;
	while (*p) {
		const char *here = p;
		uint32_t c = wg_utf8_next(&p);
		if (c == 0 || c == WG_UTF8_INVALID)
			return 0;
		if (prev && c >= 0x3400) {
			char pair[16];
			snprintf(pair, sizeof pair, "%.*s", (int)(p - prev), prev);
			if (!common_word(pair) && strstr(names, pair))
				return 1;
		}
		prev = c >= 0x3400 ? here : NULL;
	}
	return 0;
}

/* The first of the candidate's skills (separated by unit separators) that fits, or NULL. */
static const char *fitting_skill(const char *skills, const char *names, char *buf, size_t bufsz)
{
	for (const char *p = skills; *p;) {
		size_t n = strcspn(p, "\x1f");
		snprintf(buf, bufsz, "%.*s", (int)n, p);
		if (buf[0] && skill_fits(buf, names))
			return buf;
		p += n + (p[n] != '\0');
	}
	return NULL;
}

static void score_record(struct wg_ctx *ctx, struct wg_suggestion *s)
{
	static const char sql[] =
		"SELECT count(*), coalesce(sum(closed_at <= deadline_at), 0) FROM (SELECT closed_at,"
		" deadline_at FROM tasks INDEXED BY tasks_handler_closed WHERE handler_kind = ?1"
		" AND handler_id = ?2 AND state = 'closed' ORDER BY closed_at DESC LIMIT ?3)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int closed = 0, on_time = 0;
	if (!st)
		return;
	sqlite3_bind_text(st, 1, wg_handler_kind_name(s->handler.kind), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, s->handler.id);
	sqlite3_bind_int(st, 3, RECORD_CASES);
	if (sqlite3_step(st) == SQLITE_ROW) {
		closed = sqlite3_column_int(st, 0);
		on_time = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (!closed)
		return;
	s->score += PTS_ON_TIME * on_time / closed;
	reason(s, _("closed on time %d of the last %d cases"), on_time, closed);
}

static int fit_points(const struct subject *sub, enum wg_handler_kind k)
{
	for (size_t i = 0; i < sizeof fits / sizeof fits[0]; i++)
		if (strcmp(fits[i].responsible, sub->responsible) == 0 && fits[i].kind == k)
			return fits[i].points;
	return 0;
}

static struct wg_suggestion *pool_add(struct pool *p, enum wg_handler_kind k, int64_t id,
				      const char *name)
{
	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 32;
		struct wg_suggestion *v = realloc(p->v, (size_t)cap * sizeof *v);
		if (!v)
			return NULL;
		p->v = v;
		p->cap = cap;
	}
	struct wg_suggestion *s = &p->v[p->n++];
	memset(s, 0, sizeof *s);
	s->handler.kind = k;
	s->handler.id = id;
	snprintf(s->handler.name, sizeof s->handler.name, "%s", name);
	return s;
}

/* Scores one candidate row of candidate_sql. */
static void score_row(const struct subject *sub, sqlite3_stmt *st, struct wg_suggestion *s)
{
	int fit = fit_points(sub, s->handler.kind), load = sqlite3_column_int(st, 3);
	int avail = sqlite3_column_int(st, 4);
	char skill[64];
	if (fit) {
		s->score += fit;
		reason(s, _("fits the responsible party (%s)"), wg_responsible_label(sub->responsible));
	}
	if (sqlite3_column_int(st, 2)) {
		s->score += PTS_SAME_CELL;
		reason(s, "%s", _("serves this grid cell"));
	}
	if (avail < 0 ? sub->working : avail) {
		s->score += PTS_AVAILABLE;
		reason(s, "%s", avail < 0 ? _("on duty now") : _("available now"));
	} else {
		reason(s, "%s", avail < 0 ? _("off duty now") : _("not available now"));
	}
	if (sqlite3_column_count(st) > 6 && sqlite3_column_int(st, 6)) {
		s->score += PTS_DOMAIN;
		reason(s, _("works in the case's sector (%s)"), sub->sector_name);
	}
	if (fitting_skill(task_col(st, 5), sub->names, skill, sizeof skill)) {
		s->score += PTS_SKILL;
		reason(s, _("skill '%s' fits the category"), skill);
	}
	s->score -= load * PTS_PER_OPEN_CASE < PTS_LOAD_MAX ? load * PTS_PER_OPEN_CASE : PTS_LOAD_MAX;
	reason(s, ngettext("%d open case", "%d open cases", (unsigned long)load), load);
}

static int add_kind(struct wg_ctx *ctx, const struct subject *sub, enum wg_handler_kind k,
		    struct pool *p)
{
	char today[16];
	sqlite3_stmt *st = wg_stmt(ctx, candidate_sql[k]);
	int rc = WG_OK;
	if (!st)
		return WG_EIO;
	wg_format_time(wg_now(ctx), "%Y-%m-%d", today, sizeof today);
	if (sub->cell_id)
		sqlite3_bind_int64(st, 1, sub->cell_id);
	sqlite3_bind_int(st, 2, sub->weekday);
	sqlite3_bind_int(st, 3, sub->minute);
	sqlite3_bind_text(st, 4, today, -1, SQLITE_TRANSIENT);
	if (k == WG_HK_ORG)
		sqlite3_bind_text(st, 5, sub->sector, -1, SQLITE_STATIC);
	/* Candidates are gathered first: scoring runs other statements. */
	int first = p->n;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_suggestion *s = pool_add(p, k, sqlite3_column_int64(st, 0), task_col(st, 1));
		if (!s)
			rc = wg_fail(ctx, WG_EIO, _("out of memory"));
		else
			score_row(sub, st, s);
	}
	sqlite3_reset(st);
	for (int i = first; i < p->n && rc == WG_OK; i++)
		score_record(ctx, &p->v[i]);
	return rc;
}

static int load_subject(struct wg_ctx *ctx, int64_t id, struct subject *sub)
{
	static const char sql[] =
		"WITH RECURSIVE up(parent_id, name_zh, name_en, responsible, depth, code) AS ("
		" SELECT parent_id, name_zh, name_en, responsible, 0, code FROM categories WHERE id = ?1"
		" UNION ALL SELECT c.parent_id, c.name_zh, c.name_en, c.responsible, up.depth + 1, c.code"
		" FROM categories c JOIN up ON c.id = up.parent_id)"
		" SELECT name_zh, name_en, responsible, code FROM up ORDER BY depth";
	struct task_row r;
	size_t used = 0;
	int rc = task_row_load(ctx, id, &r);
	if (rc != WG_OK)
		return rc;
	memset(sub, 0, sizeof *sub);
	sub->id = id;
	sub->cell_id = r.cell_id;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, r.category_id);
	while (sqlite3_step(st) == SQLITE_ROW && used < sizeof sub->names) {
		used += (size_t)snprintf(sub->names + used, sizeof sub->names - used, "%s %s ",
					 task_col(st, 0), task_col(st, 1));
		if (!sub->responsible[0]) /* the nearest party named on the path */
			wg_col_copy(st, 2, sub->responsible, sizeof sub->responsible);
		wg_col_copy(st, 3, sub->sector, sizeof sub->sector); /* the last row: the sector */
		wg_col_copy(st, wg_i18n_chinese_names() ? 0 : 1, sub->sector_name,
			    sizeof sub->sector_name);
	}
	sqlite3_reset(st);
	time_t now = wg_now(ctx);
	struct tm tm;
	localtime_r(&now, &tm);
	sub->weekday = tm.tm_wday == 0 ? 7 : tm.tm_wday;
	sub->minute = tm.tm_hour * 60 + tm.tm_min;
	sub->working = wg_calendar_working(wg_calendar_of(ctx), now);
	return WG_OK;
}

/* A party that is none of the community's own forces is an outside department. */
static int add_dept(struct wg_ctx *ctx, const struct subject *sub, struct pool *p)
{
	if (!sub->responsible[0])
		return WG_OK;
	for (size_t i = 0; i < sizeof fits / sizeof fits[0]; i++)
		if (strcmp(fits[i].responsible, sub->responsible) == 0)
			return WG_OK;
	struct wg_suggestion *s = pool_add(p, WG_HK_DEPT, 0, wg_responsible_label(sub->responsible));
	if (!s)
		return wg_fail(ctx, WG_EIO, _("out of memory"));
	s->score = PTS_DEPT;
	reason(s, _("the category's responsible party (%s)"), s->handler.name);
	return WG_OK;
}

static int by_score(const void *a, const void *b)
{
	const struct wg_suggestion *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	if (x->handler.kind != y->handler.kind)
		return (int)x->handler.kind - (int)y->handler.kind;
	return strcmp(x->handler.name, y->handler.name);
}

int wg_task_suggest(struct wg_ctx *ctx, int64_t id, struct wg_suggestion *out, int max, int *n)
{
	static const enum wg_handler_kind kinds[] = { WG_HK_WORKER, WG_HK_VOLUNTEER, WG_HK_TEAM,
						       WG_HK_SOCIALWORKER, WG_HK_ORG };
	struct subject sub;
	struct pool p = { 0 };
	int rc;
	*n = 0;
	if ((rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Suggesting handlers"))) != WG_OK ||
	    (rc = load_subject(ctx, id, &sub)) != WG_OK)
		return rc;
	rc = add_dept(ctx, &sub, &p);
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && rc == WG_OK; k++)
		rc = add_kind(ctx, &sub, kinds[k], &p);
	if (rc == WG_OK) {
		qsort(p.v, (size_t)p.n, sizeof *p.v, by_score);
		*n = p.n < max ? p.n : max;
		memcpy(out, p.v, (size_t)*n * sizeof *out);
	}
	free(p.v);
	return rc;
}
