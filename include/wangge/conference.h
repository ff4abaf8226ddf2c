/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Joint conferences (联席会议): who met, the escalated cases before them, what was decided. */
#ifndef WANGGE_CONFERENCE_H
#define WANGGE_CONFERENCE_H

#include <stdint.h>
#include <time.h>

#include <wangge/cell.h>
#include <wangge/core.h>
#include <wangge/task.h>
#include <wangge/text.h>
#include <wangge/validate.h>

#define WG_CONF_TOPIC_MAX 100  /* characters */
#define WG_CONF_NAME_MAX 60    /* convener, place */

struct wg_conference_new {
	const char *date;                /* YYYY-MM-DD, required */
	const char *topic;               /* required */
	const char *convener, *place;    /* may be NULL */
	const char *const *parties;      /* "KIND:REF" as for handlers, plus resident:NAME */
	int nparties;
	const char *const *cases;        /* escalated cases by number or key */
	int ncases;
};

/*
 * Records a conference.  The one escalation already opened for the date (a case escalated
 * with that conference date) is filled in rather than a second made.  Each party is checked
 * against its register (any active organization; dept: and resident: take a name); each case
 * must be escalated and not yet decided, and is moved here from another conference not yet
 * held.  All or nothing; clerks and above.
 */
int wg_conference_add(struct wg_ctx *ctx, const struct wg_conference_new *in, int64_t *id);

struct wg_conference {
	int64_t id;
	char date[WG_DATE_SIZE];
	char topic[WG_UTF8_SIZE(WG_CONF_TOPIC_MAX)];
	char convener[WG_UTF8_SIZE(WG_CONF_NAME_MAX)], place[WG_UTF8_SIZE(WG_CONF_NAME_MAX)];
	int nparties, ncases, ndecided;
};

/* Conferences between two dates (NULL: open), newest first. */
int wg_conference_list(struct wg_ctx *ctx, const char *from, const char *to,
		       int (*each)(void *arg, const struct wg_conference *c), void *arg);

struct wg_conference_party {
	char kind[16];                   /* org socialworker team volunteer worker dept resident */
	char name[128];
};

struct wg_conference_case {
	int64_t task_id;
	char number[WG_TASK_NUMBER_SIZE];
	char title[4 * WG_TASK_TITLE_MAX + 1];
	enum wg_task_state state;
	char decision[4 * WG_TASK_TEXT_MAX + 1]; /* "" until decided */
	time_t decided_at;
	char follow_up[WG_TASK_NUMBER_SIZE];     /* the case made from the decision, or "" */
};

struct wg_conference_detail {
	struct wg_conference c;
	struct wg_conference_party *parties;
	struct wg_conference_case *cases;
};

int wg_conference_load(struct wg_ctx *ctx, int64_t id, struct wg_conference_detail *d);
void wg_conference_detail_free(struct wg_conference_detail *d);

struct wg_conference_decision {
	const char *case_ref;            /* a case before the conference */
	const char *to;                  /* KIND:REF: who takes it on */
	const char *decision;            /* what was decided, required */
	const char *deadline;            /* YYYY-MM-DD: due by the end of that day; NULL: the category's */
	const char *follow_up;           /* a title: also a new case in the same cell and category */
};

/*
 * Decides one case: dispatched to the handler with the decision (the conference on its
 * timeline), the deadline set when given, the decision kept per case, and a follow-up case
 * reported when asked, all in one transaction.  follow_number gets its number (or "").
 */
int wg_conference_decide(struct wg_ctx *ctx, int64_t id, const struct wg_conference_decision *in,
			 char follow_number[WG_TASK_NUMBER_SIZE]);

/* The escalated cases waiting for a conference (number, title, the conference date asked for
 * or ""), the earliest date first: what a conference form offers. */
int wg_conference_pending(struct wg_ctx *ctx, int (*each)(void *arg, const char *number,
							  const char *title, const char *date),
			  void *arg);

#endif
