/* Maintained counts (schema.c migration 9): read by the overview, the tree and the queues,
 * counted again by the check (store-check.c). */
#ifndef WANGGE_TALLY_PRIV_H
#define WANGGE_TALLY_PRIV_H

/* An open case: the tasks_open_deadline index and the triggers say the same. */
#define WG_TALLY_OPEN "state NOT IN ('closed','rejected','merged')"

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
	" UNION ALL " WG_TALLY_CARE

/* Active residents with a key-care tag, per cell: from the few key-care tags to their
 * residents (CROSS JOIN keeps that order), never a scan of all residents. */
#define WG_TALLY_CARE                                                                              \
	"SELECT 'care.cell', coalesce(r.cell_id, 0), count(DISTINCT r.id) FROM tags t"             \
	" CROSS JOIN resident_tags rt CROSS JOIN residents r WHERE rt.tag_id = t.id"               \
	" AND r.id = rt.resident_id AND t.key_care = 1 AND r.active = 1 GROUP BY 2"

#endif
