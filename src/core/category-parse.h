/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Category import, first half: reading either layout into checked nodes. */
#ifndef WANGGE_CATEGORY_PARSE_H
#define WANGGE_CATEGORY_PARSE_H

#include <wangge/category.h>
#include "csv-codemap.h"

struct imp_node {
	const char *code, *parent, *name_zh, *name_en, *resp, *prio;
	int level, limit, active;
	long line;
};

struct imp_table {
	struct imp_node *nodes;
	int n, cap;
	struct wg_codemap index; /* code -> node */
	const char *file;
	struct wg_problems *probs;
	/* the node layout's parent and level columns as the header spells them, for messages */
	const char *parent_col, *level_col;
};

/* Reads every record of csv (either layout) into t, listing problems. */
int wg_catimp_read(struct wg_csv *csv, struct imp_table *t, char layout[8]);
/* Checks parents and levels once all rows are in. */
void wg_catimp_check_tree(struct imp_table *t);
void wg_catimp_free(struct imp_table *t);

#endif
