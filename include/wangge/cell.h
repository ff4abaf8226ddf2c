/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Grid cells (street -> community -> grid), their grid workers and buildings, the tree and import/export. */
#ifndef WANGGE_CELL_H
#define WANGGE_CELL_H

#include <stdint.h>
#include <stdio.h>
#include <wangge/core.h>
#include <wangge/csv.h>
#include <wangge/problems.h>
#include <wangge/validate.h>

/*
 * Permissions: reading cells, workers and buildings needs no role (the
 * structure of the community is not personal data; worker phones come
 * masked).  Adding and changing cells, buildings and worker assignments
 * needs a clerk.
 */

enum wg_cell_kind { WG_CELL_NONE = 0, WG_CELL_STREET, WG_CELL_COMMUNITY, WG_CELL_GRID };

/* "street", "community", "grid" (the stored and exported words). */
const char *wg_cell_kind_name(enum wg_cell_kind kind);
/* Translated: 街道, 社区, 网格. */
const char *wg_cell_kind_label(enum wg_cell_kind kind);
/* street/community/grid in any case, or 街道/社区/网格; WG_CELL_NONE if unknown. */
enum wg_cell_kind wg_cell_kind_parse(const char *s);

/* Limits in characters.  Codes are any letters and digits (Beijing issues 15 digits:
 * 6 district, 3 street, 3 community, 3 grid); they are unique. */
#define WG_CELL_CODE_MAX 32
#define WG_CELL_NAME_MAX 40
#define WG_CELL_BOUNDARY_MAX 500
#define WG_CELL_NOTES_MAX 500
/* Bytes for n characters of UTF-8 and the terminating NUL. */
#define WG_UTF8_SIZE(n) ((n) * 4 + 1)

struct wg_cell {
	int64_t id;                               /* 0 for a new cell */
	char code[WG_CELL_CODE_MAX + 1];
	char name[WG_UTF8_SIZE(WG_CELL_NAME_MAX)];
	enum wg_cell_kind kind;
	int64_t parent_id;                        /* 0 at the top */
	char parent_code[WG_CELL_CODE_MAX + 1];   /* filled by wg_cell_get; used by wg_cell_save */
	char boundary[WG_UTF8_SIZE(WG_CELL_BOUNDARY_MAX)]; /* 四至: what borders it on each side */
	double area;                              /* as the district gives it; see has_area */
	int has_area;
	char notes[WG_UTF8_SIZE(WG_CELL_NOTES_MAX)];
};

/*
 * Field checks for a cell form: NULL when good, else a translated reason
 * naming no field.  A parent is one level up: a community's parent is a
 * street, a grid's a community; a street has none.  Any kind may stand at
 * the top (a file for one community need not list its street).
 */
const char *wg_cell_code_problem(const char *code);
const char *wg_cell_area_problem(const char *text, double *area);
const char *wg_cell_parent_problem(enum wg_cell_kind kind, enum wg_cell_kind parent_kind);

int wg_cell_get(struct wg_ctx *ctx, int64_t id, struct wg_cell *out);
/* Finds a cell by code; WG_EINVAL with a message naming the code if there is none. */
int wg_cell_find(struct wg_ctx *ctx, const char *code, int64_t *id);
/* Adds (id 0, sets id) or updates a cell; the parent is named by parent_code ("" for none). */
int wg_cell_save(struct wg_ctx *ctx, struct wg_cell *cell);

/* ---- Grid workers (网格员) ---- */

enum wg_employment { WG_EMPLOY_FULL = 0, WG_EMPLOY_PART };
const char *wg_employment_name(enum wg_employment e);  /* "full", "part" */
const char *wg_employment_label(enum wg_employment e); /* translated: full-time, part-time */

#define WG_PERSON_NAME_MAX 30

struct wg_gridworker {
	int64_t id;
	char name[WG_UTF8_SIZE(WG_PERSON_NAME_MAX)];
	char phone[WG_PHONE_SIZE];       /* masked */
	int64_t user_id;                 /* the account this worker logs in with, 0 if none */
	enum wg_employment employment;   /* in the cell the list is for */
};

/* Adds a worker; phone may be "" and user_id 0. */
int wg_gridworker_add(struct wg_ctx *ctx, const char *name, const char *phone, int64_t user_id,
		      int64_t *id);
/* The first active worker of that name; WG_EINVAL if none. */
int wg_gridworker_find(struct wg_ctx *ctx, const char *name, int64_t *id);
/* The worker linked to the acting user's account; WG_EINVAL if none. */
int wg_gridworker_of_user(struct wg_ctx *ctx, int64_t *id);
/* Puts a worker in a cell (or changes the employment if already there). */
int wg_cell_assign_worker(struct wg_ctx *ctx, int64_t cell_id, int64_t worker_id,
			  enum wg_employment employment);

/* ---- Buildings (楼栋) -> units (单元) -> rooms ---- */

#define WG_BUILDING_NAME_MAX 30
#define WG_UNIT_MAX 16   /* unit and room, characters */

struct wg_building {
	int64_t id;
	int64_t cell_id;
	char name[WG_UTF8_SIZE(WG_BUILDING_NAME_MAX)];
	int floors, units;          /* 0 when not known */
	int residents, households;  /* filled by lists */
};

/* The building of that name in the cell, created when missing (the rule of imports and forms).
 * A numbered building is one building however it is written: 5, 5号楼, 5栋, 5幢, 5#, ５号楼
 * find the building already there by its number (wg_building_key); a new one is stored
 * as wg_building_name spells it. */
int wg_building_ensure(struct wg_ctx *ctx, int64_t cell_id, const char *name, int64_t *id);
int wg_building_find(struct wg_ctx *ctx, int64_t cell_id, const char *name, int64_t *id);

/* How a building name is stored: full-width forms folded, blanks trimmed, and a bare number
 * or 5# written 5号楼; other names (5栋, A座, 综合楼) as given. */
void wg_building_name(const char *in, char *out, size_t outsz);
/* What makes two names the same building: "#5" for 5, 05号楼, 5栋, 5幢, 5楼, 5号, 5#; the
 * folded name otherwise. */
void wg_building_key(const char *name, char *key, size_t keysz);
/* A unit as stored: 1单元, 一单元 and １ are 1. */
void wg_unit_name(const char *in, char *out, size_t outsz);
/* A room as stored: 301室 and 301号 are 301. */
void wg_room_name(const char *in, char *out, size_t outsz);

/* An address in one text, split: "演示小区3号楼1单元301室", "3-1-301", "5栋1201" (no
 * unit).  Text before the building's number (street, compound) is not kept.  NULL on
 * success, else a translated reason saying how to write it. */
struct wg_address {
	char building[WG_UTF8_SIZE(WG_BUILDING_NAME_MAX)];
	char unit[WG_UTF8_SIZE(WG_UNIT_MAX)];
	char room[WG_UTF8_SIZE(WG_UNIT_MAX)];
};
const char *wg_address_split(const char *s, struct wg_address *a);
/* Buildings of one cell by name, with their resident and household counts. */
int wg_building_list(struct wg_ctx *ctx, int64_t cell_id,
		     int (*each)(void *arg, const struct wg_building *b), void *arg);

/* One room as residents and households give it (units and rooms are free text). */
struct wg_room {
	char unit[WG_UTF8_SIZE(WG_UNIT_MAX)];
	char room[WG_UTF8_SIZE(WG_UNIT_MAX)];
	int residents, households;
};
/* Units and rooms of a building, ordered by unit then room: the tree under a building. */
int wg_building_rooms(struct wg_ctx *ctx, int64_t building_id,
		      int (*each)(void *arg, const struct wg_room *r), void *arg);

/* ---- Counts, the tree (left pane) and a cell's detail (right pane) ---- */

struct wg_cell_counts {
	int residents;   /* active residents */
	int key_care;    /* active residents with a key-care tag (tags.key_care = 1) */
	int open_tasks;  /* tasks not closed, rejected or merged */
	int buildings, households, workers, patrols;
};

struct wg_cellnode {
	int64_t id;
	char *code, *name;
	enum wg_cell_kind kind;
	int depth;                               /* 0 at the top */
	int parent;                              /* index into nodes, -1 at the top */
	int first_child, next_sibling, nchildren; /* -1 when none; children in code order */
	struct wg_cell_counts counts;            /* the cell and everything under it */
};

struct wg_celltree {
	struct wg_cellnode *nodes;  /* parents before children */
	int n;
	int *roots, nroots;
};

int wg_celltree_load(struct wg_ctx *ctx, struct wg_celltree *tree);
void wg_celltree_free(struct wg_celltree *tree);
int wg_celltree_find(const struct wg_celltree *tree, int64_t id);
int wg_celltree_find_code(const struct wg_celltree *tree, const char *code);

struct wg_cell_detail {
	struct wg_cell cell;
	char path[512];                  /* "演示街道 › 演示社区 › 示范网格一" */
	struct wg_cell_counts counts;    /* the cell and everything under it */
	struct wg_gridworker *workers;   /* the cell's own workers, by name */
	int nworkers;
	struct wg_building *buildings;   /* the cell's own buildings, by name */
	int nbuildings;
};

/* The detail of the tree's node: its path and counts as the tree has them (read and rolled up
 * with it: no query over the subtree again), the cell, its workers and buildings from the
 * database. */
int wg_cell_detail_load(struct wg_ctx *ctx, const struct wg_celltree *tree, int node,
			struct wg_cell_detail *d);
void wg_cell_detail_free(struct wg_cell_detail *d);

/* ---- Import and export (interfaces.md: code, name, parent_code, kind, grid_worker, area, boundary) ---- */

struct wg_cell_import_result {
	int rows;
	int added, updated, unchanged;
	int workers_added;      /* grid workers new to the database */
	int assignments;        /* worker-cell links added or changed */
	enum wg_encoding encoding;
};

/*
 * Reads a cell table, checks all of it (parents may come after their
 * children), and writes it in one transaction: new codes are added,
 * known codes updated; nothing is deleted.  grid_worker lists names
 * separated by ; or ；, each optionally followed by "(part)" or "(兼职)"
 * for part-time; workers are found by name or created.  Every bad row
 * goes into probs and nothing is written (WG_EINVAL).
 */
int wg_cell_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
			struct wg_problems *probs, struct wg_cell_import_result *res);
int wg_cell_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
		       enum wg_encoding enc, struct wg_problems *probs,
		       struct wg_cell_import_result *res);
/* Writes every cell, parents first, in the import layout (plus notes). */
int wg_cell_export(struct wg_ctx *ctx, FILE *out);

#endif
