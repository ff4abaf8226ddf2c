/* The four social forces around the committee: organizations, their social workers and projects;
 * joint conferences. */
#ifndef WANGGE_FORCES_H
#define WANGGE_FORCES_H

#include <stdint.h>

#include <wangge/core.h>

/* What an organization is and does, line by line for a detail view: kind 0 a field of the
 * organization, 1 one of its social workers, 2 one of its service projects. */
int wg_org_detail(struct wg_ctx *ctx, int64_t org_id,
		  int (*each)(void *arg, int kind, const char *label, const char *text), void *arg);

/* Joint conferences (联席会议), newest first, at most limit: date, topic, the number of cases
 * brought to it, and its decision ("" while open). */
int wg_conference_each(struct wg_ctx *ctx, int limit,
		       int (*each)(void *arg, const char *date, const char *topic, int cases,
				   const char *decision),
		       void *arg);

#endif
