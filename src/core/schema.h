/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The list of schema migrations, applied in order by store.c. */
#ifndef WANGGE_SCHEMA_H
#define WANGGE_SCHEMA_H

#include <wangge/i18n.h>

struct wg_migration {
	int version;
	const char *title;
	const char *sql;
};

extern const struct wg_migration wg_migrations[];
extern const int wg_migration_count;

#endif
