/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Patrol logs (巡查记录): what a grid worker saw on a round, and turning a finding into a task. */
#ifndef WANGGE_PATROL_H
#define WANGGE_PATROL_H

#include <stdint.h>
#include <wangge/cell.h>
#include <wangge/core.h>
#include <wangge/rows.h>

/* Permissions: reading needs any logged-in role; adding, changing and linking a grid worker or above. */

#define WG_PATROL_ROUTE_MAX 200
#define WG_PATROL_FINDINGS_MAX 1000
#define WG_PATROL_TITLE_MAX 40

struct wg_patrol {
	int64_t id;                      /* 0 for a new patrol */
	char date[WG_DATE_SIZE];         /* YYYY-MM-DD; "" means today */
	int64_t cell_id;
	char cell_code[WG_CELL_CODE_MAX + 1];  /* used when cell_id is 0 */
	char cell_name[WG_UTF8_SIZE(WG_CELL_NAME_MAX)];
	int64_t worker_id;               /* 0: the grid worker named below, else the acting
					  * user's grid worker, if any */
	char worker_name[WG_UTF8_SIZE(WG_PERSON_NAME_MAX)]; /* "" or an active grid worker's name */
	char route[WG_UTF8_SIZE(WG_PATROL_ROUTE_MAX)];
	char findings[WG_UTF8_SIZE(WG_PATROL_FINDINGS_MAX)]; /* may span lines */
	int64_t task_id;                 /* the task made from the findings, 0 if none */
};

/* Checks and adds (id 0; sets id) or updates a patrol; the date may not be in the future. */
int wg_patrol_save(struct wg_ctx *ctx, struct wg_patrol *p);
/* Whether the acting user may record patrols (WG_EPERM, saying why, if not). */
int wg_patrol_may_record(struct wg_ctx *ctx);
int wg_patrol_load(struct wg_ctx *ctx, int64_t id, struct wg_patrol *p);

/* Columns of a patrol row; key.text is the date, key.id the patrol id. */
enum wg_patrol_col { WG_PCOL_DATE, WG_PCOL_CELL, WG_PCOL_WORKER, WG_PCOL_FINDINGS,
		     WG_PCOL_TASK, WG_PCOL_COUNT };

/* Which patrols a list shows: one cell and those under it (0: all). */
struct wg_patrol_query {
	int64_t cell_id;
};
/* Newest first (date, then id, descending); WG_PAGE_AFTER goes to older ones. */
struct wg_list_source wg_patrol_source(struct wg_patrol_query *q);

/*
 * A finding becomes a task in one step.  The task module owns tasks; this
 * module hands it what the new task starts with, and records the link.
 */
struct wg_task_prefill {
	int64_t patrol_id;
	int64_t cell_id;
	char cell_code[WG_CELL_CODE_MAX + 1];
	char title[WG_UTF8_SIZE(WG_PATROL_TITLE_MAX)];                 /* first line of the findings */
	char description[WG_UTF8_SIZE(WG_PATROL_FINDINGS_MAX + 64)]; /* findings, date and route */
	char source[16];                                             /* "patrol" */
};

/* Fills out from a patrol; WG_EINVAL if it has no findings or already has a task. */
int wg_patrol_task_prefill(struct wg_ctx *ctx, int64_t patrol_id, struct wg_task_prefill *out);
/* Records that task_id was made from the patrol. */
int wg_patrol_link_task(struct wg_ctx *ctx, int64_t patrol_id, int64_t task_id);

/* Creates the task through the task module's function and links it: prefill, create, link. */
typedef int (*wg_task_create_fn)(struct wg_ctx *ctx, const struct wg_task_prefill *pre,
				 void *arg, int64_t *task_id);
int wg_patrol_create_task(struct wg_ctx *ctx, int64_t patrol_id, wg_task_create_fn create,
			  void *arg, int64_t *task_id);

#endif
