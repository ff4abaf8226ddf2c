/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Cases (案件) and their closed loop: reporting, state machine, deadlines, queues, suggestions. */
#ifndef WANGGE_TASK_H
#define WANGGE_TASK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <wangge/calendar.h>
#include <wangge/config.h>
#include <wangge/core.h>
#include <wangge/rows.h>

/* ---- Vocabularies: stored names (English, stable) and translated labels. ---- */

enum wg_task_state {
	WG_TS_REPORTED, WG_TS_FILED, WG_TS_DISPATCHED, WG_TS_ACCEPTED, WG_TS_HANDLED,
	WG_TS_VERIFIED, WG_TS_CLOSED, WG_TS_REJECTED, WG_TS_MERGED, WG_TS_SUSPENDED,
	WG_TS_ESCALATED, WG_TS_COUNT
};
const char *wg_task_state_name(enum wg_task_state s);
const char *wg_task_state_label(enum wg_task_state s);
/* Accepts the stored name or the label; returns 0 when known. */
int wg_task_state_parse(const char *s, enum wg_task_state *out);
/* Open: not closed, rejected or merged. */
int wg_task_state_open(enum wg_task_state s);

enum wg_task_action {
	WG_ACT_FILE, WG_ACT_REJECT, WG_ACT_DISPATCH, WG_ACT_ACCEPT, WG_ACT_RETURN, WG_ACT_HANDLE,
	WG_ACT_VERIFY, WG_ACT_REWORK, WG_ACT_CLOSE, WG_ACT_SUSPEND, WG_ACT_RESUME, WG_ACT_ESCALATE,
	WG_ACT_URGE, WG_ACT_FEEDBACK, WG_ACT_MERGE, WG_ACT_COUNT
};
const char *wg_task_action_name(enum wg_task_action a); /* "dispatch" */
const char *wg_task_action_label(enum wg_task_action a);
int wg_task_action_parse(const char *s, enum wg_task_action *out);

enum wg_task_source {
	WG_SRC_PATROL, WG_SRC_VISIT, WG_SRC_PHONE, WG_SRC_HOTLINE, WG_SRC_SUPERIOR,
	WG_SRC_CONFERENCE, WG_SRC_COUNT
};
const char *wg_task_source_name(enum wg_task_source s);
const char *wg_task_source_label(enum wg_task_source s);
int wg_task_source_parse(const char *s, enum wg_task_source *out);

/* Resident feedback after a revisit. */
const char *wg_rating_normalize(const char *s); /* satisfied|basic|unsatisfied (or Chinese); NULL */
const char *wg_rating_label(const char *code);

/* ---- Handlers ---- */

enum wg_handler_kind {
	WG_HK_NONE, WG_HK_WORKER, WG_HK_VOLUNTEER, WG_HK_TEAM, WG_HK_SOCIALWORKER, WG_HK_ORG,
	WG_HK_DEPT, WG_HK_COUNT
};

struct wg_handler {
	enum wg_handler_kind kind;
	int64_t id;     /* 0 for a department */
	char name[128]; /* display name; the department's name for dept */
};

const char *wg_handler_kind_name(enum wg_handler_kind k); /* worker volunteer team ... */
const char *wg_handler_kind_label(enum wg_handler_kind k);
int wg_handler_kind_parse(const char *s, enum wg_handler_kind *out);
/*
 * Resolves "KIND:ID" (worker, volunteer, team, socialworker, org, dept).  ID is
 * the row id or the exact name (a volunteer also by number); dept takes any
 * department name.  Refuses unknown or inactive handlers, and organizations
 * without an active service project.
 */
int wg_handler_resolve(struct wg_ctx *ctx, const char *spec, struct wg_handler *out);
/* A party to a conference or a notice's recipient: a handler as above (any active
 * organization, project or not), or resident:NAME for a resident named as told. */
int wg_party_resolve(struct wg_ctx *ctx, const char *spec, struct wg_handler *out);
/* Checks a handler given by kind and id (or name for dept) and fills its name. */
int wg_handler_check(struct wg_ctx *ctx, struct wg_handler *h);
/* Handlers whose name (or volunteer number) contains query, by kind then name (for pickers). */
int wg_handler_search(struct wg_ctx *ctx, const char *query, struct wg_handler *out, int max, int *n);
/* "grid worker 网格员甲" */
void wg_handler_format(const struct wg_handler *h, char *out, size_t outsz);

/* ---- Rules from the configuration ---- */

struct wg_task_policy {
	char prefix[24];     /* case number prefix; "" means S and the site number */
	int file_hours;      /* working hours to file a reported case */
	int accept_hours;    /* working hours to accept a dispatched case */
	int dispatch_hours;  /* to dispatch a filed case */
	int verify_hours;    /* to verify a handled case */
	int feedback_hours;  /* to take the resident's feedback on a closed case */
	int duplicate_days;  /* look-back for possible duplicates; 0 turns it off */
};
void wg_task_policy_default(struct wg_task_policy *p);
void wg_task_policy_from_config(const struct wg_config *cfg, struct wg_task_policy *p);
int wg_set_task_policy(struct wg_ctx *ctx, const struct wg_task_policy *p);
const struct wg_task_policy *wg_task_policy_of(const struct wg_ctx *ctx);
/* Both front ends call this once after loading the configuration: calendar and policy. */
int wg_tasks_configure(struct wg_ctx *ctx, const struct wg_config *cfg);

/* ---- Reporting a case ---- */

#define WG_TASK_NUMBER_SIZE 64
#define WG_TASK_TITLE_MAX 100  /* characters */
#define WG_TASK_TEXT_MAX 2000  /* description and notes, characters */

struct wg_task_new {
	int64_t cell_id;           /* or cell_code */
	const char *cell_code;
	int64_t category_id;       /* or category_code */
	const char *category_code;
	const char *title;
	const char *description;   /* may be NULL */
	const char *address;       /* may be NULL */
	int64_t building_id;       /* 0 none */
	enum wg_task_source source;
	const char *priority;      /* NULL: the category's */
	int64_t reporter_resident_id; /* 0 none */
	const char *reporter_text; /* free text when no resident; may be NULL */
};

/* A short reference to a case, for duplicate warnings and merges. */
struct wg_task_brief {
	int64_t id;
	char number[WG_TASK_NUMBER_SIZE];
	char title[4 * WG_TASK_TITLE_MAX + 1];
	enum wg_task_state state;
	time_t created_at;
};

/* An open case in the same cell and category reported in the last duplicate_days.
 * Returns WG_OK and dup->id = 0 when there is none. */
int wg_task_find_duplicate(struct wg_ctx *ctx, int64_t cell_id, int64_t category_id,
			   struct wg_task_brief *dup);

#define WG_TASK_ALLOW_DUPLICATE 1u
/*
 * Records a new case in state 'reported' and gives its id and number.  A
 * possible duplicate is refused (WG_EINVAL, *dup filled when dup is not NULL)
 * unless flags has WG_TASK_ALLOW_DUPLICATE; merge it afterwards with
 * WG_ACT_MERGE if the clerk says it is the same problem.
 */
/* Whether the acting user may report a case (WG_EPERM, saying why, if not). */
int wg_task_may_report(struct wg_ctx *ctx);
int wg_task_add(struct wg_ctx *ctx, const struct wg_task_new *in, unsigned flags, int64_t *id,
		char number[WG_TASK_NUMBER_SIZE], struct wg_task_brief *dup);
/* Records a file reference (the file itself is not copied). */
int wg_task_attach(struct wg_ctx *ctx, int64_t id, const char *path, const char *note);
/* A case by number ("S1-2026-000012") or row id. */
int wg_task_lookup(struct wg_ctx *ctx, const char *ref, int64_t *id);

/* ---- One case with its timeline ---- */

struct wg_task_event {
	int64_t id;
	time_t at;
	char actor[64];
	enum wg_task_action action; /* WG_ACT_COUNT for the report itself ("report") */
	char action_name[16];
	enum wg_task_state from, to; /* from is WG_TS_COUNT for the report */
	char *note;                  /* never NULL; freed by wg_task_detail_free */
	struct wg_handler handler;   /* kind WG_HK_NONE when none */
	char clock[64];              /* "stop:dispatch start:accept" */
	time_t deadline_at;          /* of the clock started (or stopped); 0 none */
	char rating[16];             /* feedback: satisfied|basic|unsatisfied; "" otherwise */
};

struct wg_task_attachment {
	int64_t id;
	char path[1024];
	char note[256];
	time_t created_at;
};

struct wg_task {
	int64_t id;
	char number[WG_TASK_NUMBER_SIZE];
	enum wg_task_source source;
	char reporter[256];          /* masked */
	int64_t cell_id;
	char cell_code[32], cell_name[128];
	int64_t building_id;
	char building[128], address[256];
	int64_t category_id;
	char category_code[16], category_name[128], category_path[512];
	char responsible[32];        /* category's responsible party code */
	char title[4 * WG_TASK_TITLE_MAX + 1];
	char description[4 * WG_TASK_TEXT_MAX + 1];
	char priority[8];
	enum wg_task_state state;
	enum wg_task_state resume_state; /* WG_TS_COUNT unless suspended */
	struct wg_handler handler;
	int supervision;                 /* 督办 level 0-3 */
	time_t deadline_at, warn_at;     /* the case's handling clock; 0 none */
	time_t step_deadline_at, step_warn_at; /* the current step's clock; 0 none */
	char step[16];                   /* running step clock: dispatch accept handle verify, "" */
	enum wg_light light;             /* worst of the running clocks, now */
	char review_date[11];
	int64_t merged_into;
	char merged_into_number[WG_TASK_NUMBER_SIZE];
	int rework_count, wrong_dispatch_count;
	time_t closed_at;
	char rating[16];                 /* "" when none */
	time_t created_at;
	char created_by[64];
};

struct wg_task_detail {
	struct wg_task task;
	struct wg_task_event *events; /* oldest first */
	int nevents;
	struct wg_task_attachment *atts;
	int natts;
	unsigned allowed;             /* bit (1u << action) for each move the acting user may make now */
};

int wg_task_load(struct wg_ctx *ctx, int64_t id, struct wg_task_detail *d);
void wg_task_detail_free(struct wg_task_detail *d);

/* ---- Moving a case: one table of transitions (task-flow.c) ---- */

struct wg_move {
	enum wg_task_action action;
	const char *note;        /* reason, result, decision, the resident's words */
	struct wg_handler to;    /* dispatch: kind and id (name for dept) */
	const char *to_spec;     /* or "KIND:ID", resolved once the move is known to be allowed */
	const char *rating;      /* feedback: satisfied|basic|unsatisfied */
	const char *review_date; /* suspend: when to look again; escalate: the conference date */
	int level;               /* urge: supervision level 1-3 */
	int64_t into;            /* merge: the case this one duplicates */
	time_t deadline;         /* dispatch: a deadline decided (a joint conference); 0 the category's */
};

/*
 * Applies one move: refuses an illegal transition (WG_EINVAL, saying what the
 * case's state needs), a missing argument (WG_EUSAGE) or a user without the
 * right (WG_EPERM); else updates the case and writes a timeline event in one
 * transaction.
 */
int wg_task_move(struct wg_ctx *ctx, int64_t id, const struct wg_move *m);
/* Dispatches several cases to one handler in one transaction: all or none. */
int wg_task_dispatch_bulk(struct wg_ctx *ctx, const int64_t *ids, int n, const struct wg_handler *to,
			  const char *note);
/* Whether the table has the transition at all; *to (may be NULL) gets the state
 * it leads to: the same state for urge and feedback (unsatisfied feedback
 * reopens to filed), WG_TS_COUNT for resume (the state it was suspended from). */
int wg_task_transition(enum wg_task_state from, enum wg_task_action a, enum wg_task_state *to);
/* What the move needs, for forms: bits of WG_NEED_*. */
enum {
	WG_NEED_NOTE = 1u << 0, WG_NEED_HANDLER = 1u << 1, WG_NEED_RATING = 1u << 2,
	WG_NEED_REVIEW_DATE = 1u << 3, WG_NEED_LEVEL = 1u << 4, WG_NEED_TARGET = 1u << 5,
};
unsigned wg_task_action_needs(enum wg_task_action a);

/* ---- Queues (task-queue.c) ---- */

enum wg_task_queue {
	WG_Q_MINE, WG_Q_TO_FILE, WG_Q_TO_DISPATCH, WG_Q_OVERDUE, WG_Q_DUE_TODAY, WG_Q_SUSPENDED,
	WG_Q_TO_VERIFY, WG_Q_FEEDBACK, WG_Q_ALL, WG_Q_COUNT
};
const char *wg_task_queue_name(enum wg_task_queue q); /* "to-dispatch" */
int wg_task_queue_parse(const char *s, enum wg_task_queue *out);

enum wg_task_sort {
	WG_TSORT_DEFAULT,  /* the queue's own: deadline first, or newest for all and to-file */
	WG_TSORT_DEADLINE, /* earliest deadline first, cases without one first */
	WG_TSORT_NEWEST,
	WG_TSORT_OLDEST,
};

struct wg_task_filter {
	int64_t cell_id;     /* 0 any; a street or community includes its cells */
	char sector[16];     /* category code prefix ("01", "0101"); "" any */
	int64_t sector_id;   /* or a category node id; 0 any */
	int has_state;
	enum wg_task_state state;
	struct wg_handler handler; /* kind WG_HK_NONE: any */
	time_t from, to;     /* reported in [from, to); 0 open-ended */
	enum wg_task_sort sort;
};

/* Display columns of a queue row; row->key.id is the case id, row->tone its light
 * (enum wg_light: wg_light_label gives its words). */
enum wg_task_col {
	WG_TCOL_NUMBER, WG_TCOL_STATE, WG_TCOL_PRIORITY, WG_TCOL_TITLE, WG_TCOL_CELL,
	WG_TCOL_CATEGORY,    /* "code name" */
	WG_TCOL_HANDLER, WG_TCOL_DEADLINE, WG_TCOL_CREATED,
	WG_TCOL_SUPERVISION, /* "" or the level */
	WG_TCOL_STATE_NAME,  /* stored names, for scripts */
	WG_TCOL_PRIORITY_NAME,
	WG_TCOL_CLOCK,       /* whose the deadline shown is: "step" (本环节时限) or "case" (处置时限) */
	WG_TCOL_COUNT
};

/* Sets the reported-date range from two dates (both days included) or times; "" leaves
 * a side open.  NULL when good, else a translated reason. */
const char *wg_task_filter_dates(struct wg_task_filter *filter, const char *from, const char *to);
/* Sets filter->cell_id from a cell code. */
int wg_task_filter_cell(struct wg_ctx *ctx, struct wg_task_filter *filter, const char *code);

struct wg_task_queue_src;
/*
 * Opens a queue as a keyset-paged list source (rows.h).  filter may be NULL.
 * Overdue and due-today read the partial index on open deadlines; no queue's
 * first page scans all cases.  Close with wg_task_queue_close.
 */
int wg_task_queue_open(struct wg_ctx *ctx, enum wg_task_queue q, const struct wg_task_filter *filter,
		       struct wg_task_queue_src **out, struct wg_list_source *src);
void wg_task_queue_close(struct wg_task_queue_src *qs);
int wg_task_queue_count(struct wg_ctx *ctx, enum wg_task_queue q, const struct wg_task_filter *filter,
			long *count);
/* Every queue's count, for the queue bar. */
int wg_task_queue_counts(struct wg_ctx *ctx, const struct wg_task_filter *filter,
			 long counts[WG_Q_COUNT]);

/* ---- Dispatch suggestions (task-suggest.c) ---- */

#define WG_SUGGEST_REASONS 6

struct wg_suggestion {
	struct wg_handler handler;
	int score;
	int nreasons;
	char reasons[WG_SUGGEST_REASONS][160]; /* translated, e.g. "works in this cell" */
};

/* Ranks possible handlers for a case, best first, with the reasons for each
 * score; *n gets the number stored (at most max). */
int wg_task_suggest(struct wg_ctx *ctx, int64_t id, struct wg_suggestion *out, int max, int *n);

#endif
