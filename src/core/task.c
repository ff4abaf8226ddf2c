/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Cases: the rules from the configuration, reporting a new case (number, duplicates), lookup, attachments. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include <wangge/category.h>
#include <wangge/config.h>
#include "core-int.h"
#include "record-priv.h"
#include "task-priv.h"

/* A setting's default from the settings table (config.c): one place for each number. */
static int setting_default(const char *key)
{
	const struct wg_setting *s = wg_setting_find(key);
	return s ? atoi(s->def) : 0;
}

void wg_task_policy_default(struct wg_task_policy *p)
{
	memset(p, 0, sizeof *p);
	p->file_hours = setting_default("tasks:file_hours");
	p->accept_hours = setting_default("tasks:accept_hours");
	p->dispatch_hours = setting_default("tasks:dispatch_hours");
	p->verify_hours = setting_default("tasks:verify_hours");
	p->feedback_hours = setting_default("tasks:feedback_hours");
	p->duplicate_days = setting_default("tasks:duplicate_days");
}

void wg_task_policy_from_config(const struct wg_config *cfg, struct wg_task_policy *p)
{
	wg_task_policy_default(p);
	snprintf(p->prefix, sizeof p->prefix, "%s", wg_config_str(cfg, "site:prefix"));
	p->file_hours = (int)wg_config_int(cfg, "tasks:file_hours");
	p->accept_hours = (int)wg_config_int(cfg, "tasks:accept_hours");
	p->dispatch_hours = (int)wg_config_int(cfg, "tasks:dispatch_hours");
	p->verify_hours = (int)wg_config_int(cfg, "tasks:verify_hours");
	p->feedback_hours = (int)wg_config_int(cfg, "tasks:feedback_hours");
	p->duplicate_days = (int)wg_config_int(cfg, "tasks:duplicate_days");
}

int wg_set_task_policy(struct wg_ctx *ctx, const struct wg_task_policy *p)
{
	if (!ctx->task_policy && !(ctx->task_policy = malloc(sizeof *ctx->task_policy)))
		return wg_fail(ctx, WG_EIO, _("out of memory"));
	*ctx->task_policy = *p;
	return WG_OK;
}

const struct wg_task_policy *wg_task_policy_of(const struct wg_ctx *ctx)
{
	static struct wg_task_policy def;
	static int ready;
	if (ctx && ctx->task_policy)
		return ctx->task_policy;
	if (!ready) {
		wg_task_policy_default(&def);
		ready = 1;
	}
	return &def;
}

int wg_tasks_configure(struct wg_ctx *ctx, const struct wg_config *cfg)
{
	struct wg_calendar cal;
	struct wg_task_policy pol;
	int rc = wg_calendar_from_config(ctx, cfg, &cal);
	if (rc == WG_OK)
		rc = wg_set_calendar(ctx, &cal);
	wg_task_policy_from_config(cfg, &pol);
	return rc == WG_OK ? wg_set_task_policy(ctx, &pol) : rc;
}

/* ---- Small helpers shared by the task modules ---- */

const char *task_col(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? s : "";
}

time_t task_col_time(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? 0 : (time_t)sqlite3_column_int64(st, col);
}

void task_bind_time(sqlite3_stmt *st, int idx, time_t t)
{
	if (t)
		sqlite3_bind_int64(st, idx, (int64_t)t);
	else
		sqlite3_bind_null(st, idx);
}

void task_format_time(time_t t, char *out, size_t outsz)
{
	if (!t) {
		snprintf(out, outsz, "%s", "");
		return;
	}
	wg_format_time(t, "%Y-%m-%d %H:%M", out, outsz);
}

/* Free text of at most max characters; line breaks only where multiline. */
const char *task_text_problem(const char *s, size_t max, int multiline)
{
	size_t n = 0;
	uint32_t c;
	for (const char *p = s; (c = wg_utf8_next(&p)) != 0; n++) {
		if (c == WG_UTF8_INVALID)
			return _("the text is not valid UTF-8");
		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t'))) || c == 0x7f)
			return multiline ? _("control characters are not allowed")
					 : _("line breaks and control characters are not allowed");
	}
	if (n > max) {
		static __thread char buf[96];
		snprintf(buf, sizeof buf, _("at most %zu characters are allowed"), max);
		return buf;
	}
	return NULL;
}

/* Keeps the first character of a word and stars the rest; long numbers get the phone or ID mask. */
static size_t mask_word(const char *w, size_t len, char *out, size_t outsz)
{
	char word[128], masked[160];
	size_t digits = 0;
	if (len >= sizeof word)
		len = sizeof word - 1;
	memcpy(word, w, len);
	word[len] = '\0';
	for (size_t i = 0; i < len; i++)
		digits += word[i] >= '0' && word[i] <= '9';
	if (digits >= 6 && len >= 15)
		wg_mask_id_number(word, masked, sizeof masked);
	else if (digits >= 6)
		wg_mask_phone(word, masked, sizeof masked);
	else {
		const char *p = word;
		wg_utf8_next(&p);
		size_t n = (size_t)(p - word);
		memcpy(masked, word, n);
		while (wg_utf8_next(&p) && n < sizeof masked - 1)
			masked[n++] = '*';
		masked[n] = '\0';
	}
	return (size_t)snprintf(out, outsz, "%s", masked);
}

void task_mask_reporter(const char *text, char *out, size_t outsz)
{
	size_t used = 0;
	out[0] = '\0';
	for (const char *p = text; *p && used + 1 < outsz;) {
		size_t blank = strspn(p, " \t");
		size_t word = strcspn(p + blank, " \t");
		used += (size_t)snprintf(out + used, outsz - used, "%.*s", (int)blank, p);
		if (word && used + 1 < outsz)
			used += mask_word(p + blank, word, out + used, outsz - used);
		p += blank + word;
	}
}

int task_category_limit(struct wg_ctx *ctx, int64_t category_id, int *hours)
{
	static const char sql[] =
		"WITH RECURSIVE up(parent_id, lim, depth) AS ("
		" SELECT parent_id, time_limit_hours, 0 FROM categories WHERE id = ?1"
		" UNION ALL SELECT c.parent_id, c.time_limit_hours, up.depth + 1"
		" FROM categories c JOIN up ON c.id = up.parent_id WHERE up.lim IS NULL)"
		" SELECT lim FROM up WHERE lim IS NOT NULL ORDER BY depth LIMIT 1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, category_id);
	*hours = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return WG_OK;
}

int task_event_add(struct wg_ctx *ctx, int64_t task_id, const struct task_event_new *e)
{
	int64_t id;
	if (wg_store_new_id(ctx, "task_events", &id) != WG_OK)
		return WG_EIO;
	return task_event_write(ctx, id, task_id, e);
}

int task_event_write(struct wg_ctx *ctx, int64_t id, int64_t task_id, const struct task_event_new *e)
{
	static const char sql[] =
		"INSERT INTO task_events(id, task_id, at, actor_id, action, from_state, to_state, note,"
		" handler_kind, handler_id, handler_name, clock, deadline_at, rating, created_at,"
		" created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		" ?11, ?12, ?13, ?14, ?3, ?4, ?3, ?4)";
	const struct wg_handler *h = e->handler;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, task_id);
	sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx));
	sqlite3_bind_int64(st, 4, ctx->user_id);
	sqlite3_bind_text(st, 5, e->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, e->from ? e->from : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e->to ? e->to : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, e->note ? e->note : "", -1, SQLITE_STATIC);
	if (h && h->kind != WG_HK_NONE) {
		sqlite3_bind_text(st, 9, wg_handler_kind_name(h->kind), -1, SQLITE_STATIC);
		if (h->id)
			sqlite3_bind_int64(st, 10, h->id);
	}
	sqlite3_bind_text(st, 11, h && h->kind != WG_HK_NONE ? h->name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, e->clock ? e->clock : "", -1, SQLITE_STATIC);
	task_bind_time(st, 13, e->deadline);
	if (e->rating)
		sqlite3_bind_text(st, 14, e->rating, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording the case's timeline"));
}

/* ---- Reading a case for the state machine ---- */

static const char row_sql[] =
	"SELECT id, number, title, state, coalesce(resume_state, ''), coalesce(handler_kind, ''),"
	" coalesce(handler_id, 0), handler_name, coalesce(category_id, 0), coalesce(cell_id, 0),"
	" created_at, deadline_at, warn_at, step_deadline_at, step_warn_at, closed_at, supervision,"
	" rework_count, wrong_dispatch_count, rating, coalesce(review_date, ''),"
	" coalesce(merged_into, 0) FROM tasks WHERE id = ?1";

static void row_fill(sqlite3_stmt *st, struct task_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	wg_col_copy(st, 1, r->number, sizeof r->number);
	wg_col_copy(st, 2, r->title, sizeof r->title);
	if (wg_task_state_parse(task_col(st, 3), &r->state) != 0)
		r->state = WG_TS_COUNT;
	if (wg_task_state_parse(task_col(st, 4), &r->resume_state) != 0)
		r->resume_state = WG_TS_COUNT;
	if (wg_handler_kind_parse(task_col(st, 5), &r->handler.kind) != 0)
		r->handler.kind = WG_HK_NONE;
	r->handler.id = sqlite3_column_int64(st, 6);
	wg_col_copy(st, 7, r->handler.name, sizeof r->handler.name);
	r->category_id = sqlite3_column_int64(st, 8);
	r->cell_id = sqlite3_column_int64(st, 9);
	r->created_at = task_col_time(st, 10);
	r->deadline_at = task_col_time(st, 11);
	r->warn_at = task_col_time(st, 12);
	r->step_deadline_at = task_col_time(st, 13);
	r->step_warn_at = task_col_time(st, 14);
	r->closed_at = task_col_time(st, 15);
	r->supervision = sqlite3_column_int(st, 16);
	r->rework_count = sqlite3_column_int(st, 17);
	r->wrong_dispatch_count = sqlite3_column_int(st, 18);
	r->has_rating = sqlite3_column_type(st, 19) != SQLITE_NULL;
	wg_col_copy(st, 19, r->rating, sizeof r->rating);
	wg_col_copy(st, 20, r->review_date, sizeof r->review_date);
	r->merged_into = sqlite3_column_int64(st, 21);
}

int task_row_load(struct wg_ctx *ctx, int64_t id, struct task_row *r)
{
	sqlite3_stmt *st = wg_stmt(ctx, row_sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row_fill(st, r);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	if (rc != SQLITE_DONE)
		return wg_db_fail(ctx, _("reading a case"));
	return wg_fail(ctx, WG_EINVAL, _("there is no case with id %lld"), (long long)id);
}

int wg_task_lookup(struct wg_ctx *ctx, const char *ref, int64_t *id)
{
	static const char sql[] = "SELECT id FROM tasks WHERE number = ?1 OR id = ?2";
	char *end;
	long long n = strtoll(ref, &end, 10);
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, *ref && !*end ? n : -1);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	return rc == SQLITE_DONE ? wg_fail(ctx, WG_EINVAL, _("there is no case '%s'; give its number "
							      "(e.g. S1-2026-000012) or id"), ref)
				 : wg_db_fail(ctx, _("finding a case"));
}

int wg_task_attach(struct wg_ctx *ctx, int64_t id, const char *path, const char *note)
{
	static const char sql[] =
		"INSERT INTO task_attachments(id, task_id, path, note, created_at, created_by,"
		" updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)";
	struct task_row r;
	int64_t aid;
	int rc = wg_require_role(ctx, WG_ROLE_GRIDWORKER, _("Attaching a file to a case"));
	if (rc == WG_OK && (!path || !*path || strlen(path) >= 1024))
		rc = wg_fail(ctx, WG_EUSAGE, _("an attachment needs a file path (at most 1023 bytes)"));
	if (rc != WG_OK || (rc = task_row_load(ctx, id, &r)) != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = wg_store_new_id(ctx, "task_attachments", &aid)) == WG_OK && !(st = wg_stmt(ctx, sql)))
		rc = WG_EIO;
	if (rc == WG_OK) {
		sqlite3_bind_int64(st, 1, aid);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_text(st, 3, path, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, note ? note : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, (int64_t)wg_now(ctx));
		sqlite3_bind_int64(st, 6, ctx->user_id);
		rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("saving an attachment"));
		sqlite3_reset(st);
	}
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}
