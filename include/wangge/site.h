/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* This installation's site: its number, community name, and the demo community. */
#ifndef WANGGE_SITE_H
#define WANGGE_SITE_H

#include <wangge/core.h>

/* Records site_no (1 = the office, others field laptops) and the community name. */
int wg_site_init(struct wg_ctx *ctx, int site_no, const char *community);
/* Community name for the title bar. */
int wg_site_community(struct wg_ctx *ctx, char *out, size_t outsz);
/* The demo community's name, as its cells and the title bar write it: the data is Chinese,
 * whatever the language of the screens. */
#define WG_DEMO_COMMUNITY "演示社区"
/* Builds the fictional demo community and one account per role (sharing password). */
int wg_demo_build(struct wg_ctx *ctx, const char *password);

#endif
