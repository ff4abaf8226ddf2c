/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Scripted keystrokes for --keys FILE: parsing "text<Name>..." into the events get_wch would deliver. */
#ifndef WANGGE_UI_KEYSCRIPT_H
#define WANGGE_UI_KEYSCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Values of wg_key_event.is_key. */
enum wg_key_event_kind {
	WG_KEYEV_CHAR = 0,	/* code is a character, as get_wch returns OK */
	WG_KEYEV_KEY = 1,	/* code is a curses KEY_* code, as get_wch returns KEY_CODE_YES */
	WG_KEYEV_QUIT = 2,	/* <Quit>: leave the program now */
	WG_KEYEV_SLEEP = 3,	/* <Sleep:N>: code is a pause in milliseconds */
};

struct wg_key_event {
	int is_key;
	wint_t code;
};

/* len events in ev; next is the first one not yet taken by wg_keyscript_next(). */
struct wg_keyscript {
	struct wg_key_event *ev;
	size_t len, cap;
	size_t next;
};

/* Longest <Sleep:N>, so a typo cannot hang a test run. */
#define WG_KEYSCRIPT_MAX_SLEEP_MS 60000

void wg_keyscript_init(struct wg_keyscript *ks);
void wg_keyscript_free(struct wg_keyscript *ks);

/*
 * Appends the events of script TEXT to KS. NAME is the file name for messages. On error returns -1
 * with a message "NAME:LINE: what is wrong; how to fix it" in ERR (ERRSZ bytes); KS then holds the
 * events before the error.
 */
int wg_keyscript_parse(struct wg_keyscript *ks, const char *text, const char *name,
		       char *err, size_t errsz);

/* Reads and parses the script file PATH, as wg_keyscript_parse(). */
int wg_keyscript_load(struct wg_keyscript *ks, const char *path, char *err, size_t errsz);

/* Takes the next event into *EV; false when the script is used up. */
bool wg_keyscript_next(struct wg_keyscript *ks, struct wg_key_event *ev);

#endif
