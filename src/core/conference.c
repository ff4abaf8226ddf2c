/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Joint conferences (联席会议) as records: parties from the registers, cases, decisions per case. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/conference.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "record-priv.h"
#include "task-priv.h"

/* The word a party's kind is kept under: the handler kinds, and resident. */
static const char *party_kind(enum wg_handler_kind k)
{
	return k == WG_HK_NONE ? "resident" : wg_handler_kind_name(k);
}

static int check_text(struct wg_ctx *ctx, const char *field, const char *s, size_t max, int required)
{
	const char *why = s ? task_text_problem(s, max, 0) : NULL;
	if (required && !(s && *s))
		return wg_fail(ctx, WG_EUSAGE, _("%s: required"), field);
	if (why)
		return wg_fail(ctx, WG_EUSAGE, "%s: %s", field, why);
	return WG_OK;
}

static int check_new(struct wg_ctx *ctx, const struct wg_conference_new *in, char date[WG_DATE_SIZE])
{
	const char *why;
	int rc;
	if (!in->date || !*in->date)
		return wg_fail(ctx, WG_EUSAGE, _("--date: required, YYYY-MM-DD"));
	if ((why = wg_validate_date(in->date, date, WG_DATE_SIZE)))
		return wg_fail(ctx, WG_EUSAGE, "--date %s: %s", in->date, why);
	if ((rc = check_text(ctx, "--topic", in->topic, WG_CONF_TOPIC_MAX, 1)) != WG_OK ||
	    (rc = check_text(ctx, "--convener", in->convener, WG_CONF_NAME_MAX, 0)) != WG_OK ||
	    (rc = check_text(ctx, "--place", in->place, WG_CONF_NAME_MAX, 0)) != WG_OK)
		return rc;
	return WG_OK;
}

/* The conference an escalation opened for the date and nobody has recorded yet, or 0. */
static int64_t opened_by_escalation(struct wg_ctx *ctx, const char *date)
{
	static const char sql[] =
		"SELECT c.id FROM conferences c WHERE c.date = ?1 AND c.convener = '' AND c.decision = ''"
		" AND NOT EXISTS (SELECT 1 FROM conference_parties p WHERE p.conference_id = c.id)"
		" ORDER BY c.id LIMIT 1";
	return wg_id_by_text(ctx, sql, date);
}

static int write_conference(struct wg_ctx *ctx, const struct wg_conference_new *in, const char *date,
			    int64_t *id)
{
	static const char add_sql[] =
		"INSERT INTO conferences(id, date, topic, convener, place, created_at, created_by,"
		" updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)";
	static const char fill_sql[] =
		"UPDATE conferences SET date = ?2, topic = ?3, convener = ?4, place = ?5,"
		" updated_at = ?6, updated_by = ?7 WHERE id = ?1";
	int64_t open = opened_by_escalation(ctx, date);
	int rc = open < 0 ? WG_EIO : open ? WG_OK : wg_store_new_id(ctx, "conferences", id);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, open ? fill_sql : add_sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	if (open)
		*id = open;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, in->topic, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, in->convener ? in->convener : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, in->place ? in->place : "", -1, SQLITE_STATIC);
	wg_bind_stamp(ctx, st, 6);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording a joint conference"));
}

static int add_party(struct wg_ctx *ctx, int64_t conf, const char *spec)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO conference_parties(id, conference_id, kind, ref_id, name,"
		" created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)";
	struct wg_handler h;
	int64_t id;
	int rc = wg_party_resolve(ctx, spec, &h);
	if (rc != WG_OK || (rc = wg_store_new_id(ctx, "conference_parties", &id)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, conf);
	sqlite3_bind_text(st, 3, party_kind(h.kind), -1, SQLITE_STATIC);
	wg_bind_ref(st, 4, h.id);
	sqlite3_bind_text(st, 5, h.name, -1, SQLITE_TRANSIENT);
	wg_bind_stamp(ctx, st, 6);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording a joint conference"));
}

/* An escalated case comes before this conference (from another not held yet, if need be). */
static int bring_case(struct wg_ctx *ctx, int64_t conf, const char *ref)
{
	static const char move_sql[] =
		"DELETE FROM conference_tasks WHERE task_id = ?1 AND conference_id <> ?2 AND decision = ''";
	static const char add_sql[] =
		"INSERT OR IGNORE INTO conference_tasks(id, conference_id, task_id, created_at, created_by,"
		" updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)";
	struct task_row r;
	int64_t tid, id;
	int rc = wg_task_lookup(ctx, ref, &tid);
	if (rc != WG_OK || (rc = task_row_load(ctx, tid, &r)) != WG_OK)
		return rc;
	if (r.state != WG_TS_ESCALATED)
		return wg_fail(ctx, WG_EINVAL, _("case %s is '%s'; only an escalated case comes before a "
						 "joint conference (wangge tasks move %s escalate)"),
			       r.number, wg_task_state_label(r.state), r.number);
	sqlite3_stmt *st = wg_stmt(ctx, move_sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, tid);
	sqlite3_bind_int64(st, 2, conf);
	if (wg_step_done(st) != SQLITE_DONE || wg_store_new_id(ctx, "conference_tasks", &id) != WG_OK ||
	    !(st = wg_stmt(ctx, add_sql)))
		return wg_db_fail(ctx, _("recording a joint conference"));
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, conf);
	sqlite3_bind_int64(st, 3, tid);
	wg_bind_stamp(ctx, st, 4);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording a joint conference"));
}

static int add_all(struct wg_ctx *ctx, const struct wg_conference_new *in, const char *date, int64_t *id)
{
	char detail[256];
	int rc = write_conference(ctx, in, date, id);
	for (int i = 0; rc == WG_OK && i < in->nparties; i++)
		rc = add_party(ctx, *id, in->parties[i]);
	for (int i = 0; rc == WG_OK && i < in->ncases; i++)
		rc = bring_case(ctx, *id, in->cases[i]);
	if (rc != WG_OK)
		return rc;
	snprintf(detail, sizeof detail, "%s %.120s; %d parties, %d cases", date, in->topic, in->nparties,
		 in->ncases);
	return wg_audit(ctx, "conference.add", "conferences", *id, detail);
}

int wg_conference_add(struct wg_ctx *ctx, const struct wg_conference_new *in, int64_t *id)
{
	char date[WG_DATE_SIZE];
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Recording joint conferences"));
	if (rc != WG_OK || (rc = check_new(ctx, in, date)) != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = add_all(ctx, in, date, id)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

/* ---- Reading ---- */

#define CONF_COLS                                                                                  \
	"SELECT c.id, c.date, c.topic, c.convener, c.place,"                                       \
	" (SELECT count(*) FROM conference_parties p WHERE p.conference_id = c.id),"              \
	" (SELECT count(*) FROM conference_tasks t WHERE t.conference_id = c.id),"                \
	" (SELECT count(*) FROM conference_tasks t WHERE t.conference_id = c.id"                  \
	" AND t.decision <> '') FROM conferences c"

static void read_conf(sqlite3_stmt *st, struct wg_conference *c)
{
	c->id = sqlite3_column_int64(st, 0);
	wg_col_copy(st, 1, c->date, sizeof c->date);
	wg_col_copy(st, 2, c->topic, sizeof c->topic);
	wg_col_copy(st, 3, c->convener, sizeof c->convener);
	wg_col_copy(st, 4, c->place, sizeof c->place);
	c->nparties = sqlite3_column_int(st, 5);
	c->ncases = sqlite3_column_int(st, 6);
	c->ndecided = sqlite3_column_int(st, 7);
}

int wg_conference_list(struct wg_ctx *ctx, const char *from, const char *to,
		       int (*each)(void *arg, const struct wg_conference *c), void *arg)
{
	static const char sql[] = CONF_COLS " WHERE c.date >= ?1 AND c.date <= ?2"
				  " ORDER BY c.date DESC, c.id DESC";
	struct wg_conference c;
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading joint conferences"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_text(st, 1, from && *from ? from : "0000", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to && *to ? to : "9999", -1, SQLITE_STATIC);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		memset(&c, 0, sizeof c);
		read_conf(st, &c);
		rc = each(arg, &c);
	}
	sqlite3_reset(st);
	return rc;
}

static int load_parties(struct wg_ctx *ctx, struct wg_conference_detail *d)
{
	static const char sql[] = "SELECT kind, name FROM conference_parties WHERE conference_id = ?1"
				  " ORDER BY kind, name";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int n = 0;
	if (!st)
		return WG_EIO;
	d->parties = calloc((size_t)d->c.nparties + 1, sizeof *d->parties);
	if (!d->parties)
		return wg_fail(ctx, WG_EIO, _("out of memory"));
	sqlite3_bind_int64(st, 1, d->c.id);
	while (n < d->c.nparties && sqlite3_step(st) == SQLITE_ROW) {
		wg_col_copy(st, 0, d->parties[n].kind, sizeof d->parties[n].kind);
		wg_col_copy(st, 1, d->parties[n++].name, sizeof d->parties[n].name);
	}
	sqlite3_reset(st);
	d->c.nparties = n;
	return WG_OK;
}

static int load_cases(struct wg_ctx *ctx, struct wg_conference_detail *d)
{
	static const char sql[] =
		"SELECT t.id, t.number, t.title, t.state, ct.decision, ct.decided_at, f.number"
		" FROM conference_tasks ct JOIN tasks t ON t.id = ct.task_id"
		" LEFT JOIN tasks f ON f.id = ct.follow_up_id WHERE ct.conference_id = ?1 ORDER BY t.number";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int n = 0;
	if (!st)
		return WG_EIO;
	d->cases = calloc((size_t)d->c.ncases + 1, sizeof *d->cases);
	if (!d->cases)
		return wg_fail(ctx, WG_EIO, _("out of memory"));
	sqlite3_bind_int64(st, 1, d->c.id);
	while (n < d->c.ncases && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_conference_case *k = &d->cases[n++];
		k->task_id = sqlite3_column_int64(st, 0);
		wg_col_copy(st, 1, k->number, sizeof k->number);
		wg_col_copy(st, 2, k->title, sizeof k->title);
		wg_task_state_parse((const char *)sqlite3_column_text(st, 3), &k->state);
		wg_col_copy(st, 4, k->decision, sizeof k->decision);
		k->decided_at = (time_t)sqlite3_column_int64(st, 5);
		wg_col_copy(st, 6, k->follow_up, sizeof k->follow_up);
	}
	sqlite3_reset(st);
	d->c.ncases = n;
	return WG_OK;
}

int wg_conference_load(struct wg_ctx *ctx, int64_t id, struct wg_conference_detail *d)
{
	static const char sql[] = CONF_COLS " WHERE c.id = ?1";
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading joint conferences"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	memset(d, 0, sizeof *d);
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_conf(st, &d->c);
	sqlite3_reset(st);
	if (!found)
		return wg_fail(ctx, WG_EINVAL, _("there is no joint conference %lld; see 'wangge "
						 "conferences list'"), (long long)id);
	if ((rc = load_parties(ctx, d)) != WG_OK || (rc = load_cases(ctx, d)) != WG_OK)
		wg_conference_detail_free(d);
	return rc;
}

void wg_conference_detail_free(struct wg_conference_detail *d)
{
	free(d->parties);
	free(d->cases);
	d->parties = NULL;
	d->cases = NULL;
}

/* ---- Deciding ---- */

/* The end of the day decided, as the case's deadline. */
static int deadline_of(struct wg_ctx *ctx, const char *date, time_t *out)
{
	char text[32], day[WG_DATE_SIZE];
	const char *why;
	*out = 0;
	if (!date || !*date)
		return WG_OK;
	if ((why = wg_validate_date(date, day, sizeof day)))
		return wg_fail(ctx, WG_EUSAGE, "--deadline %s: %s", date, why);
	snprintf(text, sizeof text, "%sT23:59", day);
	if ((why = wg_validate_time(text, out)))
		return wg_fail(ctx, WG_EUSAGE, "--deadline %s: %s", date, why);
	return WG_OK;
}

/* The case as it stands before this conference: its line, not decided yet. */
static int case_before(struct wg_ctx *ctx, int64_t conf, const char *ref, struct task_row *r)
{
	static const char sql[] = "SELECT decision FROM conference_tasks WHERE conference_id = ?1"
				  " AND task_id = ?2";
	int64_t tid;
	int rc = wg_task_lookup(ctx, ref, &tid);
	if (rc != WG_OK || (rc = task_row_load(ctx, tid, r)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, conf);
	sqlite3_bind_int64(st, 2, tid);
	int found = sqlite3_step(st) == SQLITE_ROW;
	int decided = found && sqlite3_column_bytes(st, 0) > 0;
	sqlite3_reset(st);
	if (!found)
		return wg_fail(ctx, WG_EINVAL, _("case %s is not before this conference; bring it with "
						 "wangge conferences add --case"), r->number);
	if (decided || r->state != WG_TS_ESCALATED)
		return wg_fail(ctx, WG_EINVAL, _("case %s has been decided already (it is '%s')"),
			       r->number, wg_task_state_label(r->state));
	return WG_OK;
}

/* The new case the decision asks for: same cell and category, reported by the conference. */
static int follow_up(struct wg_ctx *ctx, const struct wg_conference *c, const struct task_row *r,
		     const char *title, char number[WG_TASK_NUMBER_SIZE])
{
	static const char sql[] = "UPDATE conference_tasks SET follow_up_id = ?3 WHERE conference_id = ?1"
				  " AND task_id = ?2";
	char description[256];
	int64_t id;
	snprintf(description, sizeof description, _("decided at the joint conference on %s about %s"),
		 c->date, r->number);
	struct wg_task_new n = { .cell_id = r->cell_id, .category_id = r->category_id, .title = title,
				 .description = description, .source = WG_SRC_CONFERENCE };
	int rc = wg_task_add(ctx, &n, WG_TASK_ALLOW_DUPLICATE, &id, number, NULL);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_int64(st, 2, r->id);
	sqlite3_bind_int64(st, 3, id);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("recording a follow-up case"));
}

/* The case's line of this conference keeps the decision as said, with when. */
static int keep_decision(struct wg_ctx *ctx, const struct wg_conference *c, const struct task_row *r,
			 const struct wg_conference_decision *in)
{
	static const char sql[] = "UPDATE conference_tasks SET decision = ?3, decided_at = ?4,"
				  " updated_at = ?4, updated_by = ?5 WHERE conference_id = ?1 AND task_id = ?2";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_int64(st, 2, r->id);
	sqlite3_bind_text(st, 3, in->decision, -1, SQLITE_STATIC);
	wg_bind_stamp(ctx, st, 4);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK
					       : wg_db_fail(ctx, _("recording the conference's decision"));
}

static int decide(struct wg_ctx *ctx, const struct wg_conference *c, const struct wg_conference_decision *in,
		  char number[WG_TASK_NUMBER_SIZE])
{
	char note[4 * WG_TASK_TEXT_MAX + 128];
	struct task_row r;
	struct wg_move m = { .action = WG_ACT_DISPATCH, .to_spec = in->to };
	int rc = case_before(ctx, c->id, in->case_ref, &r);
	if (rc != WG_OK || (rc = deadline_of(ctx, in->deadline, &m.deadline)) != WG_OK)
		return rc;
	/* the conference on the case's timeline: its date and topic before what it decided */
	snprintf(note, sizeof note, _("Joint conference %s (%.60s): %s"), c->date, c->topic, in->decision);
	m.note = note;
	if ((rc = wg_task_move(ctx, r.id, &m)) != WG_OK || (rc = keep_decision(ctx, c, &r, in)) != WG_OK)
		return rc;
	if (in->follow_up && *in->follow_up && (rc = follow_up(ctx, c, &r, in->follow_up, number)) != WG_OK)
		return rc;
	return wg_audit(ctx, "conference.decide", "conferences", c->id, r.number);
}

int wg_conference_decide(struct wg_ctx *ctx, int64_t id, const struct wg_conference_decision *in,
			 char follow_number[WG_TASK_NUMBER_SIZE])
{
	struct wg_conference_detail d;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Deciding at joint conferences"));
	follow_number[0] = '\0';
	if (rc == WG_OK)
		rc = check_text(ctx, _("the decision"), in->decision, WG_TASK_TEXT_MAX, 1);
	if (rc == WG_OK && in->follow_up)
		rc = check_text(ctx, "--follow-up", in->follow_up, WG_TASK_TITLE_MAX, 0);
	if (rc != WG_OK || (rc = wg_conference_load(ctx, id, &d)) != WG_OK)
		return rc;
	wg_conference_detail_free(&d);
	char today[WG_DATE_SIZE];
	wg_today_text(ctx, today);
	if (strcmp(d.c.date, today) > 0)
		return wg_fail(ctx, WG_EINVAL, _("the joint conference of %s has not been held yet; decide "
						 "its cases on the day or after"), d.c.date);
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = decide(ctx, &d.c, in, follow_number)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	follow_number[0] = '\0';
	return rc;
}

int wg_conference_pending(struct wg_ctx *ctx, int (*each)(void *arg, const char *number,
							  const char *title, const char *date),
			  void *arg)
{
	static const char sql[] =
		"SELECT t.number, t.title, coalesce(t.review_date, '') FROM tasks t"
		" WHERE t.state = 'escalated' ORDER BY t.review_date, t.number";
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading cases"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW)
		rc = each(arg, (const char *)sqlite3_column_text(st, 0),
			  (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
	sqlite3_reset(st);
	return rc;
}
