/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The case state machine: one table of transitions, who may make them, the clocks they start and stop. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "core-int.h"
#include "task-priv.h"

#define S(x) (1u << WG_TS_##x)
/* Open and not parked: the states a case is worked on in. */
#define WORKING (S(REPORTED) | S(FILED) | S(DISPATCHED) | S(ACCEPTED) | S(HANDLED) | S(VERIFIED) | \
		 S(ESCALATED))
#define TO_SAME WG_TS_COUNT            /* urge, feedback (unsatisfied feedback reopens: see apply) */
#define TO_RESUME (WG_TS_COUNT + 1)    /* the state the case was suspended from */

enum who {
	BY_CLERK,   /* clerks and administrators */
	BY_HANDLER, /* also the grid or social worker the case is dispatched to */
};

struct transition {
	unsigned from; /* bit per state */
	int to;
	enum who who;
	unsigned needs; /* WG_NEED_* */
	const char *requirement; /* why the move is refused from another state */
};

/* Indexed by enum wg_task_action. */
static const struct transition table[WG_ACT_COUNT] = {
	[WG_ACT_FILE] = { S(REPORTED), WG_TS_FILED, BY_CLERK, 0,
			  N_("only a newly reported case can be filed") },
	[WG_ACT_REJECT] = { S(REPORTED), WG_TS_REJECTED, BY_CLERK, WG_NEED_NOTE,
			    N_("only a newly reported case can be rejected") },
	[WG_ACT_DISPATCH] = { S(FILED) | S(ESCALATED), WG_TS_DISPATCHED, BY_CLERK, WG_NEED_HANDLER,
			      N_("it must be filed before it can be dispatched") },
	[WG_ACT_ACCEPT] = { S(DISPATCHED), WG_TS_ACCEPTED, BY_HANDLER, 0,
			    N_("it must be dispatched before it can be accepted") },
	[WG_ACT_RETURN] = { S(DISPATCHED), WG_TS_FILED, BY_HANDLER, WG_NEED_NOTE,
			    N_("only a dispatched case that is not yet accepted can be returned") },
	[WG_ACT_HANDLE] = { S(ACCEPTED), WG_TS_HANDLED, BY_HANDLER, WG_NEED_NOTE,
			    N_("it must be accepted before it can be handled") },
	[WG_ACT_VERIFY] = { S(HANDLED), WG_TS_VERIFIED, BY_CLERK, 0,
			    N_("it must be handled before it can be verified") },
	[WG_ACT_REWORK] = { S(HANDLED), WG_TS_ACCEPTED, BY_CLERK, WG_NEED_NOTE,
			    N_("only a handled case can be sent back for rework") },
	[WG_ACT_CLOSE] = { S(VERIFIED), WG_TS_CLOSED, BY_CLERK, 0,
			   N_("it must be verified before it can be closed") },
	[WG_ACT_SUSPEND] = { WORKING, WG_TS_SUSPENDED, BY_CLERK, WG_NEED_NOTE | WG_NEED_REVIEW_DATE,
			     N_("only an open case that is not suspended already can be suspended") },
	[WG_ACT_RESUME] = { S(SUSPENDED), TO_RESUME, BY_CLERK, 0,
			    N_("only a suspended case can be resumed") },
	[WG_ACT_ESCALATE] = { WORKING & ~S(ESCALATED), WG_TS_ESCALATED, BY_CLERK, WG_NEED_NOTE,
			      N_("only an open case that is not already before a joint conference "
				 "can be escalated") },
	[WG_ACT_URGE] = { WORKING, TO_SAME, BY_CLERK, WG_NEED_LEVEL,
			  N_("only an open case that is not suspended can be urged") },
	[WG_ACT_FEEDBACK] = { S(CLOSED), TO_SAME, BY_CLERK, WG_NEED_RATING,
			      N_("feedback is taken after the case is closed") },
	[WG_ACT_MERGE] = { S(REPORTED) | S(FILED), WG_TS_MERGED, BY_CLERK, WG_NEED_TARGET,
			   N_("only a case that is not yet dispatched can be merged into another") },
};

int wg_task_transition(enum wg_task_state from, enum wg_task_action a, enum wg_task_state *to)
{
	if (a >= WG_ACT_COUNT || from >= WG_TS_COUNT || !(table[a].from & (1u << from)))
		return 0;
	if (to)
		*to = table[a].to == TO_SAME ? from : table[a].to == TO_RESUME ? WG_TS_COUNT
										  : (enum wg_task_state)table[a].to;
	return 1;
}

unsigned wg_task_action_needs(enum wg_task_action a)
{
	return a < WG_ACT_COUNT ? table[a].needs : 0;
}

/* ---- Clocks ---- */

unsigned task_state_clocks(enum wg_task_state s)
{
	switch (s) {
	case WG_TS_REPORTED: return CLK_FILE;
	case WG_TS_FILED: return CLK_HANDLE | CLK_DISPATCH;
	case WG_TS_DISPATCHED: return CLK_HANDLE | CLK_ACCEPT;
	case WG_TS_ACCEPTED: return CLK_HANDLE;
	case WG_TS_ESCALATED: return CLK_HANDLE;
	case WG_TS_HANDLED: return CLK_VERIFY;
	case WG_TS_CLOSED: return CLK_FEEDBACK; /* until the feedback is taken (step clock cleared) */
	default: return 0;
	}
}

const char *task_clock_name(unsigned clk)
{
	switch (clk) {
	case CLK_HANDLE: return "handle";
	case CLK_DISPATCH: return "dispatch";
	case CLK_ACCEPT: return "accept";
	case CLK_VERIFY: return "verify";
	case CLK_FILE: return "file";
	case CLK_FEEDBACK: return "feedback";
	default: return "";
	}
}

const char *task_step_name(enum wg_task_state s)
{
	return s == WG_TS_ACCEPTED ? "handle" : task_clock_name(task_state_clocks(s) & ~CLK_HANDLE);
}

enum wg_light task_light(enum wg_task_state s, time_t now, time_t deadline, time_t warn,
			 time_t step_deadline, time_t step_warn)
{
	unsigned clocks = task_state_clocks(s);
	enum wg_light a = WG_LIGHT_NONE, b = WG_LIGHT_NONE;
	if (clocks & CLK_HANDLE)
		a = wg_light_of(now, warn, deadline);
	if (clocks & ~CLK_HANDLE)
		b = wg_light_of(now, step_warn, step_deadline);
	return a > b ? a : b;
}

/* When the case was last suspended (its clocks stopped then). */
static time_t suspended_at(struct wg_ctx *ctx, int64_t id)
{
	static const char sql[] = "SELECT at FROM task_events WHERE task_id = ?1 AND action = 'suspend'"
				  " ORDER BY at DESC, id DESC LIMIT 1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	time_t at = 0;
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		at = task_col_time(st, 0);
	sqlite3_reset(st);
	return at;
}

/* A moment that lay ahead when the clock stopped keeps its remaining working time. */
static time_t carry_over(const struct wg_calendar *cal, time_t stopped, time_t t, time_t now)
{
	if (!t || !stopped || t <= stopped)
		return t;
	return wg_calendar_add(cal, now, wg_calendar_worked(cal, stopped, t));
}

static int start_case_clock(struct wg_ctx *ctx, const struct task_row *r, enum wg_task_action a,
			    struct task_row *n, time_t now)
{
	const struct wg_calendar *cal = wg_calendar_of(ctx);
	int hours;
	if (a == WG_ACT_RESUME) {
		time_t stopped = suspended_at(ctx, r->id);
		n->deadline_at = carry_over(cal, stopped, r->deadline_at, now);
		n->warn_at = carry_over(cal, stopped, r->warn_at, now);
		return WG_OK;
	}
	if (a == WG_ACT_REWORK) /* rework goes on against the case's own deadline */
		return WG_OK;
	if (task_category_limit(ctx, r->category_id, &hours) != WG_OK)
		return WG_EIO;
	if (hours <= 0)
		return wg_fail(ctx, WG_EINVAL, _("case %s: its category has no time limit; correct the "
						 "category table"), r->number);
	n->deadline_at = wg_calendar_add(cal, now, (long)hours * 3600);
	n->warn_at = wg_calendar_warn_at(cal, now, (long)hours * 3600);
	return WG_OK;
}

static void start_step_clock(struct wg_ctx *ctx, struct task_row *n, time_t now)
{
	const struct wg_task_policy *p = wg_task_policy_of(ctx);
	const struct wg_calendar *cal = wg_calendar_of(ctx);
	long hours = 0;
	switch (n->state) {
	case WG_TS_REPORTED: hours = p->file_hours; break;
	case WG_TS_CLOSED: hours = p->feedback_hours; break;
	case WG_TS_FILED: hours = p->dispatch_hours; break;
	case WG_TS_DISPATCHED: hours = p->accept_hours; break;
	case WG_TS_HANDLED: hours = p->verify_hours; break;
	case WG_TS_ACCEPTED: /* the handling step runs on the case's own clock */
		n->step_deadline_at = n->deadline_at;
		n->step_warn_at = n->warn_at;
		return;
	default:
		n->step_deadline_at = n->step_warn_at = 0;
		return;
	}
	n->step_deadline_at = wg_calendar_add(cal, now, hours * 3600);
	n->step_warn_at = wg_calendar_warn_at(cal, now, hours * 3600);
}

/* Starts and stops clocks for the change r -> n; writes "stop:x start:y" and the event's deadline. */
static int run_clocks(struct wg_ctx *ctx, const struct task_row *r, enum wg_task_action a,
		      struct task_row *n, char *clock, size_t clocksz, time_t *deadline)
{
	time_t now = wg_now(ctx);
	unsigned before = task_state_clocks(r->state), after = task_state_clocks(n->state);
	unsigned started = after & ~before, stopped = before & ~after;
	size_t used = 0;
	clock[0] = '\0';
	*deadline = 0;
	if ((started & CLK_HANDLE) && start_case_clock(ctx, r, a, n, now) != WG_OK)
		return WG_EINVAL;
	if (n->state != r->state)
		start_step_clock(ctx, n, now);
	if (a == WG_ACT_FEEDBACK && n->state == r->state) { /* taken: the closed case's last clock */
		n->step_deadline_at = n->step_warn_at = 0;
		stopped |= CLK_FEEDBACK;
	}
	for (unsigned c = 1; c < 1u << CLK_COUNT; c <<= 1)
		if (stopped & c)
			used += (size_t)snprintf(clock + used, clocksz - used, "%sstop:%s",
						 used ? " " : "", task_clock_name(c));
	for (unsigned c = 1; c < 1u << CLK_COUNT; c <<= 1)
		if (started & c)
			used += (size_t)snprintf(clock + used, clocksz - used, "%sstart:%s",
						 used ? " " : "", task_clock_name(c));
	if (started)
		*deadline = (started & CLK_HANDLE) ? n->deadline_at : n->step_deadline_at;
	else if (stopped)
		*deadline = (stopped & CLK_HANDLE) ? r->deadline_at : r->step_deadline_at;
	return WG_OK;
}

/* ---- Checks before a move ---- */

static int check_state(struct wg_ctx *ctx, const struct task_row *r, enum wg_task_action a)
{
	if (!wg_task_transition(r->state, a, NULL))
		return wg_fail(ctx, WG_EINVAL, _("case %s is '%s'; %s"), r->number,
			       wg_task_state_label(r->state), _(table[a].requirement));
	if (a == WG_ACT_FEEDBACK && r->has_rating)
		return wg_fail(ctx, WG_EINVAL, _("case %s already has the resident's feedback ('%s'); "
						 "feedback is taken once per closing"),
			       r->number, wg_rating_label(r->rating));
	return WG_OK;
}

static int check_permission(struct wg_ctx *ctx, const struct task_row *r, enum wg_task_action a)
{
	char what[128];
	snprintf(what, sizeof what, _("Moving a case (%s)"), wg_task_action_label(a));
	if (table[a].who == BY_CLERK || wg_user_role(ctx) >= WG_ROLE_CLERK)
		return wg_require_role(ctx, WG_ROLE_CLERK, what);
	if (task_handler_is_mine(ctx, &r->handler))
		return WG_OK;
	return wg_fail(ctx, WG_EPERM, _("case %s is dispatched to %s, not to user '%s'; only its "
					"handler or a clerk may %s it"),
		       r->number, r->handler.name[0] ? r->handler.name : _("nobody"),
		       wg_user_name(ctx), wg_task_action_label(a));
}

static int check_note(struct wg_ctx *ctx, const struct wg_move *m, int required)
{
	const char *why;
	const char *p = m->note ? m->note : "";
	p += strspn(p, " \t\n");
	if (!*p && required)
		return wg_fail(ctx, WG_EUSAGE, _("%s needs a note: the reason, result or decision"),
			       wg_task_action_label(m->action));
	if ((why = task_text_problem(m->note ? m->note : "", WG_TASK_TEXT_MAX, 1)) != NULL)
		return wg_fail(ctx, WG_EUSAGE, _("note: %s"), why);
	return WG_OK;
}

static int check_date(struct wg_ctx *ctx, const char *s, char out[WG_DATE_SIZE], int required)
{
	char today[WG_DATE_SIZE];
	const char *why;
	wg_format_time(wg_now(ctx), "%Y-%m-%d", today, sizeof today);
	if (!s || !*s) {
		if (required)
			return wg_fail(ctx, WG_EUSAGE, _("suspending needs a review date (YYYY-MM-DD): "
							 "when the case is looked at again"));
		snprintf(out, WG_DATE_SIZE, "%s", today);
		return WG_OK;
	}
	if ((why = wg_validate_date(s, out, WG_DATE_SIZE)) != NULL)
		return wg_fail(ctx, WG_EUSAGE, _("date '%s': %s"), s, why);
	if (strcmp(out, today) < 0)
		return wg_fail(ctx, WG_EUSAGE, _("date %s is in the past; give today or a later day"), out);
	return WG_OK;
}

/* Arguments the move needs; fills what follows from them. */
struct move_args {
	struct wg_handler to;
	const char *rating;
	char date[WG_DATE_SIZE];
	struct task_row target;
};

static int check_target(struct wg_ctx *ctx, const struct task_row *r, int64_t into,
			struct task_row *t)
{
	int rc;
	if (!into || into == r->id)
		return wg_fail(ctx, WG_EUSAGE, _("merging needs the case that %s duplicates"), r->number);
	if ((rc = task_row_load(ctx, into, t)) != WG_OK)
		return rc;
	if (!wg_task_state_open(t->state) || t->state == WG_TS_SUSPENDED)
		return wg_fail(ctx, WG_EINVAL, _("case %s is '%s'; a case can only be merged into an "
						 "open case"), t->number, wg_task_state_label(t->state));
	return WG_OK;
}

static int check_args(struct wg_ctx *ctx, const struct task_row *r, const struct wg_move *m,
		      struct move_args *args)
{
	unsigned needs = table[m->action].needs;
	int rc;
	/* After a joint conference the dispatch carries its decision. */
	int note_required = (needs & WG_NEED_NOTE) ||
			    (m->action == WG_ACT_DISPATCH && r->state == WG_TS_ESCALATED);
	if ((rc = check_note(ctx, m, note_required)) != WG_OK)
		return rc;
	if (needs & WG_NEED_HANDLER) {
		if (m->to.kind == WG_HK_NONE && !(m->to_spec && *m->to_spec))
			return wg_fail(ctx, WG_EUSAGE, _("dispatching needs a handler (KIND:ID)"));
		args->to = m->to;
		rc = m->to.kind == WG_HK_NONE ? wg_handler_resolve(ctx, m->to_spec, &args->to)
					      : wg_handler_check(ctx, &args->to);
		if (rc != WG_OK)
			return rc;
	}
	if ((needs & WG_NEED_RATING) && !(args->rating = wg_rating_normalize(m->rating)))
		return wg_fail(ctx, WG_EUSAGE, _("feedback needs the resident's rating: satisfied, "
						 "basic or unsatisfied"));
	if ((needs & WG_NEED_REVIEW_DATE) || m->action == WG_ACT_ESCALATE) {
		rc = check_date(ctx, m->review_date, args->date, (needs & WG_NEED_REVIEW_DATE) != 0);
		if (rc != WG_OK)
			return rc;
	}
	if ((needs & WG_NEED_LEVEL) && (m->level < 1 || m->level > 3))
		return wg_fail(ctx, WG_EUSAGE, _("urging needs a supervision level from 1 to 3"));
	if (needs & WG_NEED_TARGET)
		return check_target(ctx, r, m->into, &args->target);
	return WG_OK;
}

/* ---- Applying a move ---- */

static void apply(const struct task_row *r, const struct wg_move *m, const struct move_args *args,
		  time_t now, struct task_row *n)
{
	*n = *r;
	if (table[m->action].to < WG_TS_COUNT)
		n->state = (enum wg_task_state)table[m->action].to;
	switch (m->action) {
	case WG_ACT_DISPATCH: n->handler = args->to; break;
	case WG_ACT_RETURN:
		n->wrong_dispatch_count++;
		memset(&n->handler, 0, sizeof n->handler);
		break;
	case WG_ACT_REWORK: n->rework_count++; break;
	case WG_ACT_CLOSE:
		n->closed_at = now;
		n->has_rating = 0; /* a new closing waits for its own feedback */
		break;
	case WG_ACT_SUSPEND:
		n->resume_state = r->state;
		snprintf(n->review_date, sizeof n->review_date, "%s", args->date);
		break;
	case WG_ACT_RESUME:
		n->state = r->resume_state < WG_TS_COUNT ? r->resume_state : WG_TS_FILED;
		n->resume_state = WG_TS_COUNT;
		n->review_date[0] = '\0';
		break;
	case WG_ACT_URGE: n->supervision = m->level; break;
	case WG_ACT_FEEDBACK:
		n->has_rating = 1;
		snprintf(n->rating, sizeof n->rating, "%s", args->rating);
		if (strcmp(args->rating, "unsatisfied") == 0) { /* reopened for another round */
			n->state = WG_TS_FILED;
			n->closed_at = 0;
			memset(&n->handler, 0, sizeof n->handler);
		}
		break;
	case WG_ACT_MERGE: n->merged_into = args->target.id; break;
	default: break;
	}
}

static int save_row(struct wg_ctx *ctx, const struct task_row *n)
{
	static const char sql[] =
		"UPDATE tasks SET state = ?2, resume_state = ?3, handler_kind = ?4, handler_id = ?5,"
		" handler_name = ?6, supervision = ?7, deadline_at = ?8, warn_at = ?9,"
		" step_deadline_at = ?10, step_warn_at = ?11, review_date = ?12, merged_into = ?13,"
		" rework_count = ?14, wrong_dispatch_count = ?15, closed_at = ?16, rating = ?17,"
		" updated_at = ?18, updated_by = ?19 WHERE id = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, n->id);
	sqlite3_bind_text(st, 2, wg_task_state_name(n->state), -1, SQLITE_STATIC);
	if (n->resume_state < WG_TS_COUNT)
		sqlite3_bind_text(st, 3, wg_task_state_name(n->resume_state), -1, SQLITE_STATIC);
	if (n->handler.kind != WG_HK_NONE)
		sqlite3_bind_text(st, 4, wg_handler_kind_name(n->handler.kind), -1, SQLITE_STATIC);
	if (n->handler.id)
		sqlite3_bind_int64(st, 5, n->handler.id);
	sqlite3_bind_text(st, 6, n->handler.name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, n->supervision);
	task_bind_time(st, 8, n->deadline_at);
	task_bind_time(st, 9, n->warn_at);
	task_bind_time(st, 10, n->step_deadline_at);
	task_bind_time(st, 11, n->step_warn_at);
	if (n->review_date[0])
		sqlite3_bind_text(st, 12, n->review_date, -1, SQLITE_STATIC);
	if (n->merged_into)
		sqlite3_bind_int64(st, 13, n->merged_into);
	sqlite3_bind_int(st, 14, n->rework_count);
	sqlite3_bind_int(st, 15, n->wrong_dispatch_count);
	task_bind_time(st, 16, n->closed_at);
	if (n->has_rating)
		sqlite3_bind_text(st, 17, n->rating, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 18, (int64_t)wg_now(ctx));
	sqlite3_bind_int64(st, 19, ctx->user_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("saving the case"));
}

/* What else a move touches: the conference, the case merged into. */
static int side_effects(struct wg_ctx *ctx, const struct task_row *r, const struct task_row *n,
			const struct wg_move *m, const struct move_args *args)
{
	const char *name = wg_task_state_name(args->target.state);
	switch (m->action) {
	case WG_ACT_ESCALATE: return task_conference_escalate(ctx, r, args->date);
	case WG_ACT_DISPATCH:
		return r->state == WG_TS_ESCALATED ? task_conference_decide(ctx, n, m->note) : WG_OK;
	case WG_ACT_MERGE: {
		struct task_event_new e = { .action = "merge", .from = name, .to = name, .note = r->number };
		return task_event_add(ctx, args->target.id, &e);
	}
	default: return WG_OK;
	}
}

/* A dispatch with a deadline decided (a joint conference's) runs the case's clock to it. */
static int decided_deadline(struct wg_ctx *ctx, const struct wg_move *m, struct task_row *n)
{
	const struct wg_calendar *cal = wg_calendar_of(ctx);
	time_t now = wg_now(ctx);
	if (!m->deadline || m->action != WG_ACT_DISPATCH)
		return WG_OK;
	if (m->deadline <= now)
		return wg_fail(ctx, WG_EUSAGE, _("case %s: the deadline decided has passed already"),
			       n->number);
	n->deadline_at = m->deadline;
	n->warn_at = wg_calendar_warn_at(cal, now, wg_calendar_worked(cal, now, m->deadline));
	return WG_OK;
}

static int move_one(struct wg_ctx *ctx, int64_t id, const struct wg_move *m)
{
	struct task_row r, n;
	struct move_args args;
	char clock[64];
	time_t deadline;
	int rc;
	memset(&args, 0, sizeof args);
	if (m->action >= WG_ACT_COUNT)
		return wg_fail(ctx, WG_EUSAGE, _("unknown action"));
	if ((rc = wg_require_role(ctx, WG_ROLE_GRIDWORKER, _("Moving a case"))) != WG_OK ||
	    (rc = task_row_load(ctx, id, &r)) != WG_OK || (rc = check_state(ctx, &r, m->action)) != WG_OK ||
	    (rc = check_permission(ctx, &r, m->action)) != WG_OK ||
	    (rc = check_args(ctx, &r, m, &args)) != WG_OK)
		return rc;
	apply(&r, m, &args, wg_now(ctx), &n);
	if ((rc = run_clocks(ctx, &r, m->action, &n, clock, sizeof clock, &deadline)) != WG_OK ||
	    (rc = decided_deadline(ctx, m, &n)) != WG_OK || (rc = save_row(ctx, &n)) != WG_OK)
		return rc;
	/* The event names the handler the move concerns: the new one, or the one who returned it. */
	const struct wg_handler *h = m->action == WG_ACT_RETURN ? &r.handler : &n.handler;
	const char *note = m->action == WG_ACT_MERGE && !(m->note && *m->note) ? args.target.number : m->note;
	struct task_event_new e = { .action = wg_task_action_name(m->action),
				    .from = wg_task_state_name(r.state), .to = wg_task_state_name(n.state),
				    .note = note, .handler = h, .clock = clock, .deadline = deadline,
				    .rating = m->action == WG_ACT_FEEDBACK ? args.rating : NULL };
	rc = task_event_add(ctx, id, &e);
	return rc == WG_OK ? side_effects(ctx, &r, &n, m, &args) : rc;
}

int wg_task_move(struct wg_ctx *ctx, int64_t id, const struct wg_move *m)
{
	int rc = wg_begin(ctx);
	if (rc != WG_OK)
		return rc;
	if ((rc = move_one(ctx, id, m)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

int wg_task_dispatch_bulk(struct wg_ctx *ctx, const int64_t *ids, int n, const struct wg_handler *to,
			  const char *note)
{
	struct wg_move m = { .action = WG_ACT_DISPATCH, .note = note, .to = *to };
	int rc = wg_begin(ctx);
	if (rc != WG_OK)
		return rc;
	for (int i = 0; i < n && rc == WG_OK; i++)
		rc = move_one(ctx, ids[i], &m);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

unsigned task_allowed_actions(struct wg_ctx *ctx, const struct task_row *r)
{
	unsigned bits = 0;
	char saved[sizeof ctx->err];
	if (wg_user_role(ctx) < WG_ROLE_GRIDWORKER)
		return 0;
	memcpy(saved, ctx->err, sizeof saved); /* probing must not leave messages behind */
	for (int a = 0; a < WG_ACT_COUNT; a++)
		if (check_state(ctx, r, (enum wg_task_action)a) == WG_OK &&
		    check_permission(ctx, r, (enum wg_task_action)a) == WG_OK)
			bits |= 1u << a;
	memcpy(ctx->err, saved, sizeof saved);
	return bits;
}
