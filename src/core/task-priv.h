/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Shared by the task modules only: the case row as the state machine sees it, clocks, small helpers. */
#ifndef WANGGE_TASK_PRIV_H
#define WANGGE_TASK_PRIV_H

#include <sqlite3.h>
#include <wangge/task.h>

/* The deadline clocks.  "handle" is the case's own limit (its category's),
 * running from filing until handled; the others are the per-step limits. */
enum {
	CLK_HANDLE = 1u << 0,
	CLK_DISPATCH = 1u << 1,
	CLK_ACCEPT = 1u << 2,
	CLK_VERIFY = 1u << 3,
	CLK_FILE = 1u << 4, /* intake: a reported case is filed or rejected within [tasks] file_hours */
	CLK_FEEDBACK = 1u << 5, /* 回访: a closed case's feedback within [tasks] feedback_hours */
};
#define CLK_COUNT 6

/* The open states in SQL, written exactly as in the partial indexes' WHERE so
 * the planner can use them. */
#define SQL_OPEN "state NOT IN ('closed','rejected','merged')"

struct task_row {
	int64_t id;
	char number[WG_TASK_NUMBER_SIZE];
	char title[4 * WG_TASK_TITLE_MAX + 1];
	enum wg_task_state state, resume_state;
	struct wg_handler handler;
	int64_t category_id, cell_id;
	time_t created_at;
	time_t deadline_at, warn_at, step_deadline_at, step_warn_at, closed_at;
	int supervision, rework_count, wrong_dispatch_count;
	int has_rating;
	char rating[16];
	char review_date[11];
	int64_t merged_into;
};

/* Reads a case for a move or a check; WG_EINVAL with a message when there is none. */
int task_row_load(struct wg_ctx *ctx, int64_t id, struct task_row *r);

/* The clocks running in a state (bits CLK_*). */
unsigned task_state_clocks(enum wg_task_state s);
const char *task_clock_name(unsigned clk);
/* The running step clock's name ("" none). */
const char *task_step_name(enum wg_task_state s);
/* The light of a case now: the worst of its running clocks. */
enum wg_light task_light(enum wg_task_state s, time_t now, time_t deadline, time_t warn,
			 time_t step_deadline, time_t step_warn);

/* The category's time limit in hours, its own or inherited; 0 when none. */
int task_category_limit(struct wg_ctx *ctx, int64_t category_id, int *hours);
/* Whether the handler is the acting user (a grid or social worker linked to the
 * account, or a team the linked social worker leads). */
int task_handler_is_mine(struct wg_ctx *ctx, const struct wg_handler *h);
/* Fills up to max handler identities of the acting user; returns how many. */
int task_my_handlers(struct wg_ctx *ctx, struct wg_handler *out, int max);

/* The moves the acting user may make on the case now (bit 1u << action). */
unsigned task_allowed_actions(struct wg_ctx *ctx, const struct task_row *r);

/* Links an escalated case to the undecided joint conference of that date (or a new one). */
int task_conference_escalate(struct wg_ctx *ctx, const struct task_row *r, const char *date);
/* Adds the case's line to the decision of the conference it was escalated to. */
int task_conference_decide(struct wg_ctx *ctx, const struct task_row *r, const char *decision);

/* One timeline row to write. */
struct task_event_new {
	const char *action, *from, *to, *note;
	const struct wg_handler *handler; /* may be NULL */
	const char *clock;
	time_t deadline;
	const char *rating; /* feedback only */
};
int task_event_add(struct wg_ctx *ctx, int64_t task_id, const struct task_event_new *e);
/* The same with a key the caller made (bulk generation). */
int task_event_write(struct wg_ctx *ctx, int64_t id, int64_t task_id, const struct task_event_new *e);

/* Column text (never NULL) and a time column (0 for NULL). */
const char *task_col(sqlite3_stmt *st, int col);
time_t task_col_time(sqlite3_stmt *st, int col);
/* Binds a time, NULL for 0. */
void task_bind_time(sqlite3_stmt *st, int idx, time_t t);
/* "2026-11-27 17:30", or "" for 0. */
void task_format_time(time_t t, char *out, size_t outsz);
/* NULL, or why s is not free text of at most max characters (line breaks only where multiline). */
const char *task_text_problem(const char *s, size_t max, int multiline);
/* Masks a reporter: a resident's name (surname kept) or free text with numbers hidden. */
void task_mask_reporter(const char *text, char *out, size_t outsz);

#endif
