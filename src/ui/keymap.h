/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The one table of actions: default keys, labels for the F-key bar, help text, rebinding. */
#ifndef WANGGE_UI_KEYMAP_H
#define WANGGE_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct wg_config;

enum ui_act {
	ACT_NONE = 0,
	/* everywhere */
	ACT_HELP, ACT_NEW, ACT_FIND, ACT_EDIT, ACT_DISPATCH, ACT_STATE, ACT_FILTER, ACT_DELETE,
	ACT_MENU, ACT_QUIT, ACT_BACK,
	ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_OPEN, ACT_COLLAPSE, ACT_EXPAND,
	ACT_NEXT_SCREEN, ACT_PREV_SCREEN, ACT_REVEAL, ACT_CLEAR_FILTER, ACT_PRINT,
	ACT_SCREEN1, ACT_SCREEN2, ACT_SCREEN3, ACT_SCREEN4, ACT_SCREEN5, ACT_SCREEN6, ACT_SCREEN7,
	ACT_SCREEN8, ACT_SCREEN9,
	/* in forms and text fields */
	ACT_SAVE, ACT_SAVE_NEW, ACT_PICK, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_CANCEL,
	ACT_COUNT
};

/* Where an action applies: lists and trees, or forms (where letters are text). */
enum ui_keyctx { KCTX_LIST = 1, KCTX_FORM = 2, KCTX_ANY = 3 };

struct ui_key {
	int is_key;   /* 0: a character; 1: a curses KEY_* code */
	wint_t code;
};

#define UI_MAX_BINDINGS 4

struct ui_action {
	enum ui_act act;
	const char *name;   /* for [keys] and the man page */
	const char *keys;   /* default keys, as in --keys files */
	const char *label;  /* N_(): the F-key bar */
	const char *help;   /* N_(): the help overlay */
	enum ui_keyctx ctx;
};

extern const struct ui_action ui_actions[];
extern const size_t ui_action_count;

/* Resets the bindings to the table's defaults. */
void keymap_reset(void);
/* Applies [keys]; on a bad action or key name writes a message naming file and key. */
int keymap_configure(const struct wg_config *cfg, char *err, size_t errsz);
/* Parses one key name ("F2", "<F2>", "n", "C-s", "张"); false if unknown. */
bool keymap_parse_key(const char *name, struct ui_key *out);
/* The action bound to key in context ctx, or ACT_NONE. */
enum ui_act keymap_lookup(const struct ui_key *key, enum ui_keyctx ctx);
/* The action's keys for display, e.g. "F2 n" (translated names not needed). */
void keymap_describe(enum ui_act act, char *out, size_t outsz);
/* The function key number (1-12) bound to act, or 0. */
int keymap_fkey(enum ui_act act);
const struct ui_action *keymap_action(enum ui_act act);

#endif
