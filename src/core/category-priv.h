/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* What core's modules share about the category table. */
#ifndef WANGGE_CATEGORY_PRIV_H
#define WANGGE_CATEGORY_PRIV_H

/* A WITH clause: sector_of(id, top), every category with the sector (level 1) above it,
 * by a walk down the table (a few thousand rows). */
#define WG_SQL_SECTOR_OF                                                                          \
	"WITH RECURSIVE sector_of(id, top) AS (SELECT id, id FROM categories WHERE level = 1"       \
	" UNION ALL SELECT c.id, u.top FROM categories c JOIN sector_of u ON c.parent_id = u.id)"

#endif
