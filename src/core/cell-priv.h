/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The one writer of a cell row, for the form and the import (core-private). */
#ifndef WANGGE_CELL_PRIV_H
#define WANGGE_CELL_PRIV_H

#include <stdint.h>

#include <wangge/cell.h>

struct cell_row {
	int64_t id;        /* 0: a new cell, given its key here */
	const char *code, *name, *boundary, *notes;
	enum wg_cell_kind kind;
	int has_area;
	double area;
	int64_t parent_id; /* 0: none */
};

/* Inserts the row, or updates it where something differs (*changed: a row was written; may
 * be NULL).  A code another cell holds is WG_EINVAL, saying so. */
int cell_write(struct wg_ctx *ctx, struct cell_row *r, int *changed);

#endif
