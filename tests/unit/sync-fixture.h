/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* What the sync tests share: pairing two sites, counting rows, a new laptop. */
#ifndef WANGGE_SYNC_FIXTURE_H
#define WANGGE_SYNC_FIXTURE_H

#include <stddef.h>

#include <wangge/core.h>
#include <wangge/sync.h>

/* Site a records b's public key, as an administrator does with 'wangge sync pair'. */
void sfx_pair(struct wg_ctx *a, struct wg_ctx *b);
/* The first column of the first row of sql (a count), -1 when there is none. */
int sfx_count(struct wg_ctx *ctx, const char *sql);
/* A new database at path for site (as 'wangge init --site-id'), the clock at 2026-11-25 10:00
 * and user 1 "tester" acting as an administrator. */
struct wg_ctx *sfx_site(const char *path, int site, const char *name);
/* The same with the office whose accounts it takes, and the community's code. */
struct wg_ctx *sfx_site_office(const char *path, int site, int office, const char *name, const char *code);
/* from writes its file for site to at path, as 'wangge sync export' (asserted). */
void sfx_send(struct wg_ctx *from, int to, const char *path);
/* ctx takes the file at path, as 'wangge sync import' (asserted). */
struct wg_sync_import_result sfx_take(struct wg_ctx *ctx, const char *path);
/* Each of a and b records the other's key. */
void sfx_pair_both(struct wg_ctx *a, struct wg_ctx *b);

/* SQL run as wangge's own write would be (recorded for sync), but past every check of core:
 * what a site's owner could do to its own database with the sqlite3 shell (asserted). */
void sfx_behind_core(struct wg_ctx *ctx, const char *sql);
/* How many problems 'wangge check' finds; its lines (up to 4 KB) in lines when not NULL. */
int sfx_problems(struct wg_ctx *ctx, char *lines, size_t sz);

/* The office (resident fixture, site 1) and a laptop (site 2) in a new folder /tmp/wg-TAG-...
 * (dir), paired both ways; file the path of the sync file there. */
void sfx_office_laptop(const char *tag, char dir[64], char file[96], struct wg_ctx **office, struct wg_ctx **laptop);

/* The laptop (site 2) holds the office's records, and the office has heard from the laptop;
 * the laptop's user acts as an administrator. */
void sfx_synced(struct wg_ctx *office, struct wg_ctx *laptop, const char *file);

/* Frees the laptop, closes the office (resident fixture) and removes the folder. */
void sfx_close(struct wg_ctx *office, struct wg_ctx *laptop, const char *dir);

#endif
