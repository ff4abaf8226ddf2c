/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A small community in memory for the task tests: categories, cells, handlers, users, a pinned clock. */
#ifndef WANGGE_TASK_FIXTURE_H
#define WANGGE_TASK_FIXTURE_H

#include <stdint.h>
#include <time.h>

#include <wangge/core.h>
#include <wangge/task.h>

struct fx {
	struct wg_ctx *ctx;
	int64_t street, community, cell[3];
	int64_t user[WG_ROLE_ADMIN + 1]; /* one account per role */
	int64_t worker[2];     /* worker 0 serves cell 0 and is the gridworker account */
	int64_t volunteer[2];  /* volunteer 0 lives in cell 0, helps with meals, free Monday mornings */
	int64_t team;          /* led by the social worker, in cell 0 */
	int64_t socialworker;  /* the socialworker account */
	int64_t org, org_idle; /* with and without a running service project */
};

extern struct fx fx;

/* Fresh database; the clock stands at Monday 2026-03-02 09:00 and the acting user is admin. */
void fx_setup(void);
void fx_teardown(void);

/* Local time from "YYYY-MM-DDTHH:MM". */
time_t fx_time(const char *s);
void fx_at(const char *s);
void fx_as(enum wg_role role);

/* A new case in cell 0 (duplicates allowed); asserts success. */
int64_t fx_add(const char *category);
/* A move with ordinary arguments (a note, worker 0, a review date, ...). */
int fx_move(int64_t id, enum wg_task_action a);
/* A new case driven into state s along the usual path. */
int64_t fx_case_in(enum wg_task_state s);

enum wg_task_state fx_state(int64_t id);
int fx_nevents(int64_t id);
/* One integer from a query with one int64 parameter. */
int64_t fx_int(const char *sql, int64_t arg);

#endif
