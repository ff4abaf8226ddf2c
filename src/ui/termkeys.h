/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Escape sequences the terminal description does not name, decoded into curses key codes. */
#ifndef WANGGE_UI_TERMKEYS_H
#define WANGGE_UI_TERMKEYS_H

#include <wchar.h>

/*
 * With keypad mode, curses turns the sequences the terminfo entry names into KEY_* codes;
 * a terminal that sends others (tmux's F5..F12 under TERM=vt100, its F1..F4 under
 * TERM=linux, which expects ESC [ [ A) hands the program ESC and then the sequence's
 * letters and digits, which would become keys ('1', '5': screens).  tk_decode reads the
 * characters that followed an ESC and says what they are:
 *   > 0  that many characters form a known key, *key gets its KEY_* code;
 *   0    they may still become one: read more (within the escape delay);
 *   -1   they are no key sequence: ESC was a key of its own.
 * A complete CSI sequence that names no key we know (a mouse or focus report) is consumed
 * with *key = 0: never passed on as text.  Pure: no curses calls, tested without a screen.
 */
int tk_decode(const wint_t *seq, int n, int *key);

/* get_wch with the decoding above: an ESC is followed by what arrives within the escape
 * delay (the caller's own timeout is put back); what is no sequence is pushed back. */
int tk_get_wch(wint_t *ch);

#endif
