/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Maintained counts (schema.c migration 9): read by the overview, the tree and the queues,
 * counted again by the check (store-check.c). */
#ifndef WANGGE_TALLY_PRIV_H
#define WANGGE_TALLY_PRIV_H

/* An open case: the tasks_open_deadline index and the triggers say the same. */
#define WG_TALLY_OPEN "state NOT IN ('closed','rejected','merged')"
/* The states whose case deadline runs (the overdue queue's, task-queue.c). */
#define WG_CLOCK_STATES "('filed','dispatched','accepted','escalated')"
/* A day of deadlines, as tallies key them: whole days of the Unix clock (UTC), so that the
 * triggers' keys do not follow the writer's time zone. */
#define WG_DUE_DAY 86400

/* The deadlines by day (migration 15): a running case under its case deadline's day
 * (due.run), a reported one under its intake limit's (due.intake).  The overdue count is the
 * days before today's from these, and the few cases of today's read from the index. */
#define WG_TALLY_DUE                                                                               \
	"SELECT 'due.run' AS kind, deadline_at / 86400 AS key, count(*) AS n FROM tasks"           \
	" INDEXED BY tasks_open_deadline WHERE " WG_TALLY_OPEN " AND state IN " WG_CLOCK_STATES     \
	" AND deadline_at IS NOT NULL GROUP BY 2"                                                  \
	" UNION ALL SELECT 'due.intake', step_deadline_at / 86400, count(*) FROM tasks"            \
	" WHERE state = 'reported' AND step_deadline_at IS NOT NULL GROUP BY 2"

/* Every count from the tables themselves, (kind, key, n) rows with n > 0: the migration's first
 * fill and the check's comparison. */
#define WG_TALLY_COUNTED                                                                           \
	"SELECT 'state' AS kind, state AS key, count(*) AS n FROM tasks GROUP BY state"                                \
	" UNION ALL SELECT 'open.cell', coalesce(cell_id, 0), count(*) FROM tasks"                 \
	" INDEXED BY tasks_open_deadline WHERE " WG_TALLY_OPEN " GROUP BY 2"                       \
	" UNION ALL SELECT 'open.cat', coalesce(category_id, 0), count(*) FROM tasks"              \
	" INDEXED BY tasks_open_deadline WHERE " WG_TALLY_OPEN " GROUP BY 2"                       \
	" UNION ALL SELECT 'feedback', 0, count(*) FROM tasks INDEXED BY tasks_awaiting_feedback" \
	" WHERE state = 'closed' AND rating IS NULL GROUP BY 2"                           \
	" UNION ALL SELECT 'res.cell', coalesce(cell_id, 0), count(*) FROM residents"              \
	" WHERE active = 1 GROUP BY 2"                                                             \
	" UNION ALL " WG_TALLY_CARE " UNION ALL " WG_TALLY_DUE

/* Active residents with a key-care tag, per cell: from the few key-care tags to their
 * residents (CROSS JOIN keeps that order), never a scan of all residents. */
#define WG_TALLY_CARE                                                                              \
	"SELECT 'care.cell', coalesce(r.cell_id, 0), count(DISTINCT r.id) FROM tags t"             \
	" CROSS JOIN resident_tags rt CROSS JOIN residents r WHERE rt.tag_id = t.id"               \
	" AND r.id = rt.resident_id AND t.key_care = 1 AND r.active = 1 GROUP BY 2"

#endif
