/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Shared fixtures for unit tests: temporary files and a fresh database with an admin. */
#ifndef WANGGE_TEST_HELPERS_H
#define WANGGE_TEST_HELPERS_H

#include <stddef.h>
#include <wangge/core.h>

/* A fresh temporary directory for this test process; files go inside it. */
const char *th_tmpdir(void);
/* th_path("x.db") -> "<tmpdir>/x.db" in a static rotating buffer. */
const char *th_path(const char *name);
void th_write_file(const char *path, const void *data, size_t len);
/* Reads a whole file into a malloc'd buffer; *len gets its size. */
char *th_read_file(const char *path, size_t *len);
/* A new database (site 1) with an admin logged in; never NULL (aborts the test). */
struct wg_ctx *th_new_db(const char *name);
void th_remove_tree(const char *dir);
/* man/wangge.1 from the source tree (TOP_SRCDIR), malloc'd. */
char *th_read_man_page(void);
/* Overwrites the root page of table in the (closed) database at path, as a failing disk does. */
void th_damage_table(const char *path, const char *table);

#endif
