/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Figures for the overview screen: cases, sectors, volunteers on duty, last sync. */
#ifndef WANGGE_DASHBOARD_H
#define WANGGE_DASHBOARD_H

#include <time.h>
#include <wangge/core.h>

#define WG_DASH_SECTORS 16

struct wg_dashboard {
	int open, overdue, due_today, closed_month;
	int nsectors;
	struct {
		char code[16];
		char name[64];
		int open;
	} sectors[WG_DASH_SECTORS];
	int on_duty;         /* volunteers assigned to a shift today */
	int residents, volunteers, cells;
	time_t last_sync;    /* 0: never */
	int sync_conflicts;  /* changes sync imports set aside, not yet dealt with */
	int notices_overdue; /* notices past due that someone has not acknowledged */
	char community_name[128]; /* the community counted (wg_dashboard_in); "" the whole database */
};

int wg_dashboard(struct wg_ctx *ctx, struct wg_dashboard *out);
/* The figures of one community of a street's database (the code of its cell of kind community;
 * NULL, "" or "all" for everything): its cases, grid cells, residents, volunteers and shifts.
 * The sync and notice figures stay the database's.  WG_EINVAL for a code no community has. */
int wg_dashboard_in(struct wg_ctx *ctx, const char *community, struct wg_dashboard *out);

#endif
