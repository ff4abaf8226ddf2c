/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A fresh database for cell, resident and patrol tests: cells, an acting user, a pinned clock. */
#ifndef WANGGE_RESIDENT_FIXTURE_H
#define WANGGE_RESIDENT_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include <wangge/core.h>
#include <wangge/rows.h>

/* Opens a new database file with site 1, the clock at 2026-11-25 10:00 (Asia/Shanghai) and
 * user 1 "tester" acting in role; adds the cells of rf_cells when with_cells. */
struct wg_ctx *rf_open(enum wg_role role, int with_cells);
void rf_close(struct wg_ctx *ctx);

/* Street S1 > community C1 > grids G1 (甲网格), G2 (乙网格); community C2 (东社区) > grid G3 (丙网格). */
#define RF_STREET "110105001"
#define RF_C1 "110105001001"
#define RF_G1 "110105001001001"
#define RF_G2 "110105001001002"
#define RF_C2 "110105001002"
#define RF_G3 "110105001002001"
void rf_cells(struct wg_ctx *ctx);
int64_t rf_cell(struct wg_ctx *ctx, const char *code);

/* A valid 18-character ID number for birth date YYYYMMDD and a 3-digit sequence (odd: male). */
const char *rf_id(const char *birth8, int seq, char out[19]);

/* Adds a resident through the record's own checks (as a clerk); returns its id. */
int64_t rf_add(struct wg_ctx *ctx, const char *name, const char *id_number, const char *phone,
	       const char *cell, const char *building, const char *room, const char *tags);

/* Audit entries with this action. */
int rf_audit_count(struct wg_ctx *ctx, const char *action);

/* The bytes of utf8 converted to GB18030 by iconv; *len gets their length; free() it. */
char *rf_gb18030(const char *utf8, size_t *len);

/* All rows of a list source (pages of page_size), names (column 0) joined by ",". */
char *rf_names(struct wg_ctx *ctx, struct wg_list_source src, int page_size);

#endif
