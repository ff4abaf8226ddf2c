/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Notices (信息沟通): sent to parties from the registers, read and acknowledged per recipient. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/notice.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "record-priv.h"
#include "task-priv.h"

/* Whether recipient row r (kind, ref_id) is spoken for by user ?U: their grid worker, social
 * worker, the team their social worker leads, or the organization it works for. */
#define MINE(U)                                                                                    \
	"((r.kind = 'worker' AND r.ref_id IN (SELECT id FROM grid_workers WHERE user_id = " U "))" \
	" OR (r.kind = 'socialworker' AND r.ref_id IN"                                            \
	" (SELECT id FROM social_workers WHERE user_id = " U "))"                                  \
	" OR (r.kind = 'team' AND r.ref_id IN (SELECT t.id FROM teams t JOIN social_workers s"     \
	" ON s.id = t.leader_id WHERE s.user_id = " U "))"                                         \
	" OR (r.kind = 'org' AND r.ref_id IN (SELECT org_id FROM social_workers WHERE user_id = " U \
	")))"

/* ---- Sending ---- */

static int due_of(struct wg_ctx *ctx, const char *s, time_t *out)
{
	char text[40];
	const char *why;
	*out = 0;
	if (!s || !*s)
		return WG_OK;
	/* a day alone is due by its end */
	snprintf(text, sizeof text, strlen(s) <= 10 ? "%sT23:59" : "%s", s);
	if ((why = wg_validate_time(text, out)))
		return wg_fail(ctx, WG_EUSAGE, "--due %s: %s", s, why);
	if (*out <= wg_now(ctx))
		return wg_fail(ctx, WG_EUSAGE, _("--due %s has passed already"), s);
	return WG_OK;
}

static int check_new(struct wg_ctx *ctx, const struct wg_notice_new *in, time_t *due, int64_t *task)
{
	const char *why;
	int rc;
	*task = 0;
	if (!in->title || !*in->title)
		return wg_fail(ctx, WG_EUSAGE, _("--title: required"));
	if ((why = task_text_problem(in->title, WG_NOTICE_TITLE_MAX, 0)))
		return wg_fail(ctx, WG_EUSAGE, "--title: %s", why);
	if (in->body && (why = task_text_problem(in->body, WG_NOTICE_BODY_MAX, 1)))
		return wg_fail(ctx, WG_EUSAGE, "--body: %s", why);
	if (in->nto <= 0)
		return wg_fail(ctx, WG_EUSAGE, _("a notice needs at least one recipient (--to KIND:REF)"));
	if ((rc = due_of(ctx, in->due, due)) != WG_OK)
		return rc;
	if (in->task && *in->task && (rc = wg_task_lookup(ctx, in->task, task)) != WG_OK)
		return rc;
	return WG_OK;
}

static int project_exists(struct wg_ctx *ctx, int64_t id)
{
	sqlite3_stmt *st = wg_stmt(ctx, "SELECT 1 FROM service_projects WHERE id = ?1");
	int found;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static int add_recipient(struct wg_ctx *ctx, int64_t notice, const char *spec)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO notice_recipients(id, notice_id, kind, ref_id, name, created_at,"
		" created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)";
	struct wg_handler h;
	int64_t id;
	int rc = wg_party_resolve(ctx, spec, &h);
	if (rc == WG_OK && h.kind == WG_HK_NONE)
		return wg_fail(ctx, WG_EUSAGE, _("%s: notices go to the parties in the registers (org, "
						 "team, socialworker, worker, volunteer) or dept:NAME"),
			       spec);
	if (rc != WG_OK || (rc = wg_store_new_id(ctx, "notice_recipients", &id)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, notice);
	sqlite3_bind_text(st, 3, wg_handler_kind_name(h.kind), -1, SQLITE_STATIC);
	wg_bind_ref(st, 4, h.id);
	sqlite3_bind_text(st, 5, h.name, -1, SQLITE_TRANSIENT);
	wg_bind_stamp(ctx, st, 6);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("sending the notice"));
}

static int write_notice(struct wg_ctx *ctx, const struct wg_notice_new *in, time_t due, int64_t task,
			int64_t *id)
{
	static const char sql[] =
		"INSERT INTO notices(id, title, body, publish_at, task_id, project_id, due_at, created_at,"
		" created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?4, ?8, ?4, ?8)";
	char detail[200];
	int rc = wg_store_new_id(ctx, "notices", id);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_text(st, 2, in->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, in->body ? in->body : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (int64_t)wg_now(ctx));
	wg_bind_ref(st, 5, task);
	wg_bind_ref(st, 6, in->project_id);
	wg_bind_ref(st, 7, (int64_t)due);
	wg_bind_ref(st, 8, ctx->user_id);
	if (wg_step_done(st) != SQLITE_DONE)
		return wg_db_fail(ctx, _("sending the notice"));
	for (int i = 0; rc == WG_OK && i < in->nto; i++)
		rc = add_recipient(ctx, *id, in->to[i]);
	snprintf(detail, sizeof detail, "%.120s; %d recipients", in->title, in->nto);
	return rc == WG_OK ? wg_audit(ctx, "notice.add", "notices", *id, detail) : rc;
}

int wg_notice_add(struct wg_ctx *ctx, const struct wg_notice_new *in, int64_t *id)
{
	time_t due;
	int64_t task;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Sending notices"));
	if (rc != WG_OK || (rc = check_new(ctx, in, &due, &task)) != WG_OK)
		return rc;
	if (in->project_id) {
		int found = project_exists(ctx, in->project_id);
		if (found <= 0)
			return found < 0 ? WG_EIO
					 : wg_fail(ctx, WG_EINVAL, _("there is no project %lld; see 'wangge "
								     "projects list'"),
						   (long long)in->project_id);
	}
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = write_notice(ctx, in, due, task, id)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

/* ---- Reading ---- */

#define NOTICE_COLS                                                                                \
	"SELECT n.id, n.title, n.publish_at, coalesce(n.due_at, 0), coalesce(u.name, ''),"         \
	" coalesce(t.number, ''), coalesce(p.name, ''),"                                           \
	" (SELECT count(*) FROM notice_recipients r WHERE r.notice_id = n.id),"                    \
	" (SELECT count(*) FROM notice_recipients r WHERE r.notice_id = n.id"                      \
	"  AND r.acked_at IS NOT NULL), n.body FROM notices n LEFT JOIN users u ON u.id = n.created_by" \
	" LEFT JOIN tasks t ON t.id = n.task_id LEFT JOIN service_projects p ON p.id = n.project_id"

static void read_notice(struct wg_ctx *ctx, sqlite3_stmt *st, struct wg_notice *n)
{
	memset(n, 0, sizeof *n);
	n->id = sqlite3_column_int64(st, 0);
	wg_col_copy(st, 1, n->title, sizeof n->title);
	n->sent_at = (time_t)sqlite3_column_int64(st, 2);
	n->due_at = (time_t)sqlite3_column_int64(st, 3);
	wg_col_copy(st, 4, n->sender, sizeof n->sender);
	wg_col_copy(st, 5, n->task, sizeof n->task);
	wg_col_copy(st, 6, n->project, sizeof n->project);
	n->recipients = sqlite3_column_int(st, 7);
	n->acked = sqlite3_column_int(st, 8);
	n->overdue = n->due_at && n->due_at < wg_now(ctx) && n->acked < n->recipients;
}

/* Clerks read every notice; others the ones sent to them. */
static int sees_all(struct wg_ctx *ctx)
{
	return wg_user_role(ctx) >= WG_ROLE_CLERK;
}

int wg_notice_list(struct wg_ctx *ctx, int open_only,
		   int (*each)(void *arg, const struct wg_notice *n), void *arg)
{
	static const char sql[] =
		NOTICE_COLS " WHERE (?1 OR EXISTS (SELECT 1 FROM notice_recipients r"
		" WHERE r.notice_id = n.id AND " MINE("?2") "))"
		" AND (NOT ?3 OR EXISTS (SELECT 1 FROM notice_recipients r WHERE r.notice_id = n.id"
		" AND r.acked_at IS NULL)) ORDER BY n.publish_at DESC, n.id DESC";
	struct wg_notice n;
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading notices"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int(st, 1, sees_all(ctx));
	sqlite3_bind_int64(st, 2, ctx->user_id);
	sqlite3_bind_int(st, 3, open_only != 0);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		read_notice(ctx, st, &n);
		rc = each(arg, &n);
	}
	sqlite3_reset(st);
	return rc;
}

static int load_recipients(struct wg_ctx *ctx, struct wg_notice_detail *d, int *mine)
{
	static const char sql[] =
		"SELECT r.kind, r.name, coalesce(r.read_at, 0), coalesce(r.acked_at, 0),"
		" coalesce(u.name, ''), r.ack_note, " MINE("?2") " FROM notice_recipients r"
		" LEFT JOIN users u ON u.id = r.acked_by WHERE r.notice_id = ?1 ORDER BY r.kind, r.name";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int n = 0;
	*mine = 0;
	if (!st)
		return WG_EIO;
	d->to = calloc((size_t)d->n.recipients + 1, sizeof *d->to);
	if (!d->to)
		return wg_fail(ctx, WG_EIO, _("out of memory"));
	sqlite3_bind_int64(st, 1, d->n.id);
	sqlite3_bind_int64(st, 2, ctx->user_id);
	while (n < d->n.recipients && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_notice_recipient *r = &d->to[n++];
		wg_col_copy(st, 0, r->kind, sizeof r->kind);
		wg_col_copy(st, 1, r->name, sizeof r->name);
		r->read_at = (time_t)sqlite3_column_int64(st, 2);
		r->acked_at = (time_t)sqlite3_column_int64(st, 3);
		wg_col_copy(st, 4, r->acked_by, sizeof r->acked_by);
		wg_col_copy(st, 5, r->note, sizeof r->note);
		r->mine = sqlite3_column_int(st, 6);
		*mine |= r->mine;
	}
	sqlite3_reset(st);
	d->n.recipients = n;
	return WG_OK;
}

/* A recipient's user opening the notice has read it: the first time is kept. */
static int mark_read(struct wg_ctx *ctx, int64_t id)
{
	static const char sql[] =
		"UPDATE notice_recipients AS r SET read_at = ?3, updated_at = ?3, updated_by = ?2"
		" WHERE r.notice_id = ?1 AND r.read_at IS NULL AND " MINE("?2");
	int rc = wg_begin(ctx);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st) {
		wg_rollback(ctx);
		return rc != WG_OK ? rc : WG_EIO;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, ctx->user_id);
	sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx));
	if (wg_step_done(st) != SQLITE_DONE) {
		wg_rollback(ctx);
		return wg_db_fail(ctx, _("marking the notice read"));
	}
	return wg_commit(ctx);
}

static int load(struct wg_ctx *ctx, int64_t id, struct wg_notice_detail *d, int *mine)
{
	static const char sql[] = NOTICE_COLS " WHERE n.id = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	memset(d, 0, sizeof *d);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		read_notice(ctx, st, &d->n);
		wg_col_copy(st, 9, d->body, sizeof d->body);
	}
	sqlite3_reset(st);
	if (!found)
		return wg_fail(ctx, WG_EINVAL, _("there is no notice %lld; see 'wangge notices list'"),
			       (long long)id);
	int rc = load_recipients(ctx, d, mine);
	if (rc == WG_OK && !*mine && !sees_all(ctx))
		rc = wg_fail(ctx, WG_EPERM, _("notice %lld was not sent to you; ask a clerk"), (long long)id);
	if (rc != WG_OK)
		wg_notice_detail_free(d);
	return rc;
}

int wg_notice_load(struct wg_ctx *ctx, int64_t id, struct wg_notice_detail *d)
{
	int mine, rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading notices"));
	if (rc != WG_OK || (rc = load(ctx, id, d, &mine)) != WG_OK)
		return rc;
	if (!mine)
		return WG_OK;
	for (int i = 0; i < d->n.recipients; i++)
		if (d->to[i].mine && !d->to[i].read_at)
			d->to[i].read_at = wg_now(ctx);
	if ((rc = mark_read(ctx, id)) != WG_OK)
		wg_notice_detail_free(d);
	return rc;
}

void wg_notice_detail_free(struct wg_notice_detail *d)
{
	free(d->to);
	d->to = NULL;
}

/* ---- Acknowledging ---- */

/* The recipient rows the acknowledgement is for: ?1 notice, then by user or by party. */
static int ack_rows(struct wg_ctx *ctx, int64_t id, const struct wg_handler *party, const char *note,
		    int *changed)
{
	static const char by_user[] =
		"UPDATE notice_recipients AS r SET acked_at = ?3, read_at = coalesce(read_at, ?3),"
		" acked_by = ?2, ack_note = ?4, updated_at = ?3, updated_by = ?2"
		" WHERE r.notice_id = ?1 AND r.acked_at IS NULL AND " MINE("?2");
	static const char by_party[] =
		"UPDATE notice_recipients AS r SET acked_at = ?3, read_at = coalesce(read_at, ?3),"
		" acked_by = ?2, ack_note = ?4, updated_at = ?3, updated_by = ?2"
		" WHERE r.notice_id = ?1 AND r.acked_at IS NULL AND r.kind = ?5 AND r.name = ?6";
	sqlite3_stmt *st = wg_stmt(ctx, party ? by_party : by_user);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, ctx->user_id);
	sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx));
	sqlite3_bind_text(st, 4, note ? note : "", -1, SQLITE_STATIC);
	if (party) {
		sqlite3_bind_text(st, 5, wg_handler_kind_name(party->kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, party->name, -1, SQLITE_STATIC);
	}
	if (wg_step_done(st) != SQLITE_DONE)
		return wg_db_fail(ctx, _("recording the acknowledgement"));
	*changed = sqlite3_changes(wg_db(ctx));
	return WG_OK;
}

/* Whom the acknowledgement is for: the acting user's own, or a party a clerk names. */
static int ack_for(struct wg_ctx *ctx, const struct wg_notice_detail *d, int mine, const char *by,
		   struct wg_handler *party)
{
	int rc;
	if (!by || !*by) {
		if (mine)
			return WG_OK;
		return wg_fail(ctx, WG_EINVAL, _("you are not among the recipients of notice %lld; a clerk "
						 "records a recipient's acknowledgement with --by "
						 "KIND:REF"), (long long)d->n.id);
	}
	if ((rc = wg_party_resolve(ctx, by, party)) != WG_OK)
		return rc;
	for (int i = 0; i < d->n.recipients; i++)
		if (strcmp(d->to[i].kind, wg_handler_kind_name(party->kind)) == 0 &&
		    strcmp(d->to[i].name, party->name) == 0)
			return WG_OK;
	return wg_fail(ctx, WG_EINVAL, _("%s is not among the recipients of notice %lld"), by,
		       (long long)d->n.id);
}

int wg_notice_ack(struct wg_ctx *ctx, int64_t id, const char *by, const char *note, int *already)
{
	struct wg_notice_detail d;
	struct wg_handler party;
	const char *why;
	int mine, changed = 0;
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Acknowledging notices"));
	*already = 0;
	if (rc == WG_OK && by && *by)
		rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Acknowledging for a recipient"));
	if (rc == WG_OK && note && (why = task_text_problem(note, 100, 0)))
		rc = wg_fail(ctx, WG_EUSAGE, "--note: %s", why);
	if (rc != WG_OK || (rc = load(ctx, id, &d, &mine)) != WG_OK)
		return rc;
	rc = ack_for(ctx, &d, mine, by, &party);
	wg_notice_detail_free(&d);
	if (rc != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	rc = ack_rows(ctx, id, by && *by ? &party : NULL, note, &changed);
	if (rc == WG_OK && changed)
		rc = wg_audit(ctx, "notice.ack", "notices", id, by && *by ? by : "");
	if (rc == WG_OK) {
		*already = changed == 0;
		return wg_commit(ctx);
	}
	wg_rollback(ctx);
	return rc;
}

int wg_notice_overdue_count(struct wg_ctx *ctx, int *n)
{
	static const char sql[] =
		"SELECT count(*) FROM notices n WHERE n.due_at < ?1 AND EXISTS (SELECT 1 FROM"
		" notice_recipients r WHERE r.notice_id = n.id AND r.acked_at IS NULL)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	*n = 0;
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, (int64_t)wg_now(ctx));
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return WG_OK;
}
