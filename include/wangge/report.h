/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The monthly report of the case loop: received, filed, closed, on time, rework, satisfaction. */
#ifndef WANGGE_REPORT_H
#define WANGGE_REPORT_H

#include <stdio.h>

#include <wangge/core.h>

/*
 * The counts of one month, as interfaces.md defines them (local time):
 *   received        cases created in the month
 *   filed           "file" moves (立案) in the month
 *   closed          cases closed in the month
 *   due             cases whose handling deadline falls in the month
 *   closed_on_time  of those, closed by their deadline
 *   suspended       of those, suspended (挂账) at the month's end
 *   rework, wrong_dispatch   rework and return (退回) moves in the month
 *   feedback, satisfied      feedback given in the month / rated satisfied
 * on_time_rate = closed_on_time / (due - suspended), satisfaction_rate =
 * satisfied / feedback; negative when the denominator is 0 (JSON null).
 */
struct wg_report_counts {
	long received, filed, closed, closed_on_time, due, suspended, rework, wrong_dispatch,
		satisfied, feedback;
};

double wg_report_on_time_rate(const struct wg_report_counts *c);
double wg_report_satisfaction_rate(const struct wg_report_counts *c);

/* One line of a breakdown: a sector or cell (code, name) or a handler (id "KIND:ID",
 * name).  A case with no category, cell or handler counts under code "" and the name
 * "(none)". */
struct wg_report_line {
	char code[64];
	char name[128];
	struct wg_report_counts c;
};

/* A volunteer's service time in the month (the hours ledger, by the day of the service). */
struct wg_report_hours {
	char vol_no[24];
	char name[128];
	long minutes;
};

struct wg_report {
	int year, month;
	char label[16];                      /* "YYYY-MM" */
	struct wg_report_counts total;
	char community[64];                  /* the community reported on, "" for all */
	char community_name[128];
	struct wg_report_line *sectors, *cells, *handlers; /* by code; handlers by name */
	struct wg_report_line *communities;  /* each case under the community cell above its cell */
	int nsectors, ncells, nhandlers, ncommunities;
	struct wg_report_hours *hours;       /* volunteers who served, most hours first */
	int nhours;
};

/* Counts month (1-12) of year; any logged-in user.  Sectors are the level-1 ancestors of
 * the cases' categories; handlers are the cases' current handlers.  Free with
 * wg_report_free. */
int wg_report_monthly(struct wg_ctx *ctx, int year, int month, struct wg_report *out);
/* The same for one community (the code of a cell of kind community; NULL, "" or "all": every
 * case, as wg_report_monthly): its cases, and the hours served on its shifts (or, without a
 * shift, by its volunteers).  An unknown code is WG_EINVAL with a message. */
int wg_report_monthly_in(struct wg_ctx *ctx, int year, int month, const char *community,
			 struct wg_report *out);
void wg_report_free(struct wg_report *r);
/* What --community gives: the code of a cell of kind community (its key in *id, which may be
 * NULL, and its name), or NULL, "" or "all" for the whole database (*id 0, name "").  WG_EINVAL
 * with a message saying what to give instead for a code no community has. */
int wg_community_find(struct wg_ctx *ctx, const char *code, int64_t *id, char *name, size_t namesz);
/* The communities here (cells of kind community), by code: what --community takes. */
int wg_report_communities(struct wg_ctx *ctx, int (*each)(void *arg, const char *code, const char *name),
			  void *arg);

/* Parses "YYYY-MM". NULL when good, else a translated reason. */
const char *wg_report_parse_month(const char *s, int *year, int *month);

/* The report as one JSON object (the keys of interfaces.md, "community" when it is one
 * community's, the arrays by_community, by_sector, by_cell and by_handler, and
 * volunteer_hours with vol_no, name and hours), as CSV (scope, code,
 * name, the counts and both rates; one row for the total, then one per line; the volunteer
 * hours are not in it), or as text for a terminal (with the volunteer hours). */
void wg_report_json(const struct wg_report *r, FILE *out);
void wg_report_csv(const struct wg_report *r, FILE *out);
void wg_report_text(const struct wg_report *r, FILE *out);

#endif
