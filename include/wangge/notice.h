/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Notices (信息沟通): from the committee to the parties, with each recipient's acknowledgement. */
#ifndef WANGGE_NOTICE_H
#define WANGGE_NOTICE_H

#include <stdint.h>
#include <time.h>

#include <wangge/cell.h>
#include <wangge/core.h>
#include <wangge/task.h>

#define WG_NOTICE_TITLE_MAX 100  /* characters */
#define WG_NOTICE_BODY_MAX 2000

struct wg_notice_new {
	const char *title;               /* required, one line */
	const char *body;                /* may be NULL; lines allowed */
	const char *const *to;           /* recipients "KIND:REF" (org, team, socialworker, worker,
					    volunteer by register; dept:NAME) */
	int nto;
	const char *task;                /* a related case (number or key), or NULL */
	int64_t project_id;              /* a related service project, or 0 */
	const char *due;                 /* YYYY-MM-DD (end of that day) or YYYY-MM-DDTHH:MM; NULL none */
};

/* Sends a notice: checked whole, then one transaction; clerks and above; audited. */
int wg_notice_add(struct wg_ctx *ctx, const struct wg_notice_new *in, int64_t *id);

struct wg_notice {
	int64_t id;
	char title[WG_UTF8_SIZE(WG_NOTICE_TITLE_MAX)];
	time_t sent_at, due_at;          /* due_at 0: none */
	char sender[64];
	char task[WG_TASK_NUMBER_SIZE];  /* "" none */
	char project[WG_UTF8_SIZE(64)];  /* "" none */
	int recipients, acked;
	int overdue;                     /* past due with someone not acknowledged */
};

/*
 * Notices, newest first; open_only: those someone has not acknowledged.  Clerks and above see
 * every notice; anyone else only the notices sent to them (their grid worker, social worker,
 * the team they lead or the organization they work for).
 */
int wg_notice_list(struct wg_ctx *ctx, int open_only,
		   int (*each)(void *arg, const struct wg_notice *n), void *arg);

struct wg_notice_recipient {
	char kind[16];
	char name[128];
	time_t read_at, acked_at;        /* 0: not yet */
	char acked_by[64];               /* the user who recorded it */
	char note[WG_UTF8_SIZE(100)];
	int mine;                        /* the acting user speaks for this recipient */
};

struct wg_notice_detail {
	struct wg_notice n;
	char body[WG_UTF8_SIZE(WG_NOTICE_BODY_MAX)];
	struct wg_notice_recipient *to;  /* n.recipients of them */
};

/* One notice with its recipients; a recipient reading it is marked read (the first time). */
int wg_notice_load(struct wg_ctx *ctx, int64_t id, struct wg_notice_detail *d);
void wg_notice_detail_free(struct wg_notice_detail *d);

/*
 * Acknowledges a notice: by its recipient's own user (by NULL), or by a clerk for the
 * recipient by (KIND:REF, e.g. told by phone); note may say how.  *already is 1 when it had
 * been acknowledged (nothing changes).
 */
int wg_notice_ack(struct wg_ctx *ctx, int64_t id, const char *by, const char *note, int *already);

/* Notices past their due time that someone has not acknowledged (the overview's count). */
int wg_notice_overdue_count(struct wg_ctx *ctx, int *n);

#endif
