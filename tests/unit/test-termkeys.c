/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Raw escape sequences into keys: F-keys and cursor keys whatever TERM says, never leaked as text. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <curses.h>
#include <string.h>

#include "ui/termkeys.h"

/* The characters after ESC, as a terminal sends them; returns what tk_decode says of all. */
static int decode(const char *after_esc, int *key)
{
	wint_t seq[32] = { 0 };
	int n = (int)strlen(after_esc);
	for (int i = 0; i < n; i++)
		seq[i] = (wint_t)(unsigned char)after_esc[i];
	return tk_decode(seq, n, key);
}

static void expect_key(const char *after_esc, int want)
{
	int key = -1;
	int used = decode(after_esc, &key);
	cr_expect_eq(used, (int)strlen(after_esc), "ESC %s: used %d", after_esc, used);
	cr_expect_eq(key, want, "ESC %s: key %d, want %d", after_esc, key, want);
}

Test(termkeys, function_keys_in_every_form_terminals_send)
{
	expect_key("OP", KEY_F(1)); /* xterm, tmux: SS3 */
	expect_key("OS", KEY_F(4));
	expect_key("[11~", KEY_F(1)); /* rxvt, old xterm */
	expect_key("[15~", KEY_F(5));
	expect_key("[17~", KEY_F(6));
	expect_key("[20~", KEY_F(9)); /* the one vt100 turned into '2' and '0' */
	expect_key("[21~", KEY_F(10));
	expect_key("[24~", KEY_F(12));
	expect_key("[[A", KEY_F(1)); /* the Linux console */
	expect_key("[[E", KEY_F(5));
	expect_key("[1;2P", KEY_F(1)); /* with a modifier: still the key */
}

Test(termkeys, cursor_and_editing_keys)
{
	expect_key("[A", KEY_UP);
	expect_key("OB", KEY_DOWN);
	expect_key("[C", KEY_RIGHT);
	expect_key("OD", KEY_LEFT);
	expect_key("[H", KEY_HOME);
	expect_key("[4~", KEY_END);
	expect_key("[3~", KEY_DC);
	expect_key("[2~", KEY_IC);
	expect_key("[5~", KEY_PPAGE);
	expect_key("[6~", KEY_NPAGE);
	expect_key("[Z", KEY_BTAB);
	expect_key("[1;5A", KEY_UP);
}

Test(termkeys, a_half_sequence_waits_and_no_sequence_is_text)
{
	int key;
	cr_expect_eq(decode("", &key), 0, "nothing yet after ESC");
	cr_expect_eq(decode("[", &key), 0);
	cr_expect_eq(decode("[2", &key), 0, "F9 is on its way");
	cr_expect_eq(decode("[20", &key), 0);
	cr_expect_eq(decode("O", &key), 0);
	cr_expect_eq(decode("[[", &key), 0);
	cr_expect_eq(decode("x", &key), -1, "Alt-x: ESC and x");
	cr_expect_eq(decode("Ox", &key), -1);
	cr_expect_eq(decode("[[x", &key), -1);
	cr_expect_eq(decode("[2\x01", &key), -1, "a control character ends nothing");
}

Test(termkeys, a_report_naming_no_key_is_swallowed_not_typed)
{
	int key = -1;
	cr_expect_eq(decode("[I", &key), 2, "focus in: consumed");
	cr_expect_eq(key, 0);
	cr_expect_eq(decode("[99~", &key), 4);
	cr_expect_eq(key, 0);
}
