/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The SQLite file: opening, migrations, row keys, transactions, settings. */
#ifndef WANGGE_STORE_H
#define WANGGE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wangge/core.h>

/* application_id written into every wangge file ("WGG1"). */
#define WG_APPLICATION_ID 0x57474731
/* Number of the newest migration this build knows. */
int wg_schema_version(void);

enum wg_open_mode {
	WG_OPEN_EXISTING, /* refuse a missing file */
	WG_OPEN_CREATE,   /* create a new file; refuse one that already holds data */
};

/* Opens (and migrates) path; refuses non-wangge or newer files without writing. */
int wg_store_open(struct wg_ctx *ctx, const char *path, enum wg_open_mode mode);
void wg_store_close(struct wg_ctx *ctx);
/* After the file's contents were replaced (a restore): forgets prepared statements, checks
 * the file is wangge's, upgrades it to this program's schema and reads its site number. */
int wg_store_reload(struct wg_ctx *ctx);
/* Default path: $XDG_DATA_HOME/wangge/wangge.db or ~/.local/share/wangge/wangge.db. */
int wg_store_default_path(char *out, size_t outsz);
/* 1 with a translated warning in msg (naming the file and the chmod that fixes it) when
 * the open database file may be read or written by others than its owner; else 0.  A
 * database wangge creates is 0600 in a 0700 folder; one made otherwise is only warned of. */
int wg_store_exposed(const struct wg_ctx *ctx, char *msg, size_t msgsz);
/* Creates the parent directory of path if missing, and every missing folder above it, 0700. */
int wg_store_make_parent(struct wg_ctx *ctx, const char *path);

/* A new row key for table, unique across sites (see the scheme in store.c). */
int wg_store_new_id(struct wg_ctx *ctx, const char *table, int64_t *id);
#define WG_SITE_SHIFT 40
static inline int wg_id_site(int64_t id) { return (int)(id >> WG_SITE_SHIFT); }

int wg_begin(struct wg_ctx *ctx);
int wg_commit(struct wg_ctx *ctx);
void wg_rollback(struct wg_ctx *ctx);

/*
 * A mark of what the database holds, to compare with a later one: it moves on every commit,
 * this process's (here: rows written) or another's (elsewhere: PRAGMA data_version).  Cheap
 * enough for every turn of the screen's loop.  A reader that writes as it reads (the audit
 * entry of a search) should take "here" after reading and "elsewhere" before, so that its own
 * entry does not count as news and another's commit during the read is not lost.
 */
struct wg_changes {
	int64_t here;
	int64_t elsewhere;
};
int wg_store_changes(struct wg_ctx *ctx, struct wg_changes *out);

/* For a program that stays open (the screens): SQLite keeps at most about 2 MiB of its own,
 * so that the process stays small on an old PC however many screens and reports were seen. */
void wg_store_stay_small(void);
/* When the clerk pauses: SQLite's cached pages and the heap freed since go back to the system,
 * so a screen that needed much for a moment (a month's report) does not keep it. */
void wg_store_shrink(struct wg_ctx *ctx);
bool wg_changes_differ(const struct wg_changes *a, const struct wg_changes *b);

/* Turns an SQLite failure into a context message; returns WG_EIO. */
int wg_db_fail(struct wg_ctx *ctx, const char *what);

/*
 * A GLOB pattern "*TEXT*" that matches TEXT literally inside a value: *, ? and [ go in
 * brackets.  Every pattern built from what someone typed goes through here.  GLOB, not LIKE:
 * a LIKE ... ESCAPE keeps SQLite from using an FTS5 trigram index, a GLOB does not (and the
 * text searched is already folded to lower case).  Returns -1 when OUT is too small.
 */
int wg_glob_inside(const char *text, char *out, size_t outsz);

/* Small key/value settings kept in the file (community name, site). */
int wg_meta_get(struct wg_ctx *ctx, const char *key, char *out, size_t outsz);
int wg_meta_set(struct wg_ctx *ctx, const char *key, const char *value);

/* integrity_check, foreign_key_check, schema version, audit chain; lines to out. */
struct wg_check_result {
	int problems;
};
int wg_store_check(struct wg_ctx *ctx, void (*report)(void *, const char *), void *arg,
		   struct wg_check_result *res);

#endif
