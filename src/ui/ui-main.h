/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The full-screen program as main sees it: a logged-in context and the configuration in. */
#ifndef WANGGE_UI_MAIN_H
#define WANGGE_UI_MAIN_H

#include <wangge/config.h>
#include <wangge/core.h>

/*
 * Runs the screens on ctx (opened and logged in by main) until the clerk quits.  keys_script
 * is --keys FILE (keystrokes played first), or NULL.  A problem found before the screen is
 * drawn (a bad [keys] binding, a keystroke file that does not parse) is the context's error
 * (wg_error) with its WG_E* status, for main to print on a normal terminal; after a signal
 * the status is 128 + its number.
 */
int ui_main(struct wg_ctx *ctx, const struct wg_config *cfg, const char *keys_script);

#endif
