/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Function, cursor and editing keys decoded from raw escape sequences (see termkeys.h). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <curses.h>
#include <string.h>

#include "termkeys.h"

/* ESC O x (SS3) and ESC [ x (CSI with no number): the letter names the key. */
static int letter_key(wint_t c, int ss3)
{
	switch (c) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case 'P': return KEY_F(1);
	case 'Q': return KEY_F(2);
	case 'R': return KEY_F(3);
	case 'S': return KEY_F(4);
	case 'M': return ss3 ? KEY_ENTER : 0;
	case 'Z': return ss3 ? 0 : KEY_BTAB;
	default: return 0;
	}
}

/* ESC [ n ~ as xterm, tmux, rxvt and the Linux console send it. */
static int number_key(int n)
{
	static const int fkeys[] = { /* 11..24, with the gaps the terminals leave */
		KEY_F(1), KEY_F(2), KEY_F(3), KEY_F(4), KEY_F(5), 0, KEY_F(6), KEY_F(7),
		KEY_F(8), KEY_F(9), KEY_F(10), 0, KEY_F(11), KEY_F(12),
	};
	switch (n) {
	case 1: case 7: return KEY_HOME;
	case 2: return KEY_IC;
	case 3: return KEY_DC;
	case 4: case 8: return KEY_END;
	case 5: return KEY_PPAGE;
	case 6: return KEY_NPAGE;
	default: return n >= 11 && n <= 24 ? fkeys[n - 11] : 0;
	}
}

/* The CSI body after ESC [: parameters (digits and ';'), then one final character. */
static int csi(const wint_t *s, int n, int *key)
{
	int num = -1, i = 0;
	if (n >= 1 && s[0] == '[') { /* the Linux console's F1..F5: ESC [ [ A..E */
		if (n < 2)
			return 0;
		*key = s[1] >= 'A' && s[1] <= 'E' ? KEY_F(1 + (int)(s[1] - 'A')) : 0;
		return *key ? 3 : -1;
	}
	for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == ';'); i++) {
		if (s[i] == ';')
			break; /* modifiers after the first number change no key here */
		num = (num < 0 ? 0 : num * 10) + (int)(s[i] - '0');
		if (num > 999)
			return -1;
	}
	for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == ';'); i++)
		;
	if (i == n)
		return i < 16 ? 0 : -1;
	if (s[i] < 0x40 || s[i] > 0x7e)
		return -1;
	*key = s[i] == '~' ? number_key(num) : letter_key(s[i], 0);
	return i + 2; /* '[' was counted by the caller's offset: ESC [ body final */
}

int tk_decode(const wint_t *seq, int n, int *key)
{
	*key = 0;
	if (n < 1)
		return 0;
	if (seq[0] == 'O') { /* SS3 */
		if (n < 2)
			return 0;
		*key = letter_key(seq[1], 1);
		return *key ? 2 : -1;
	}
	if (seq[0] != '[')
		return -1;
	return csi(seq + 1, n - 1, key);
}

int tk_get_wch(wint_t *ch)
{
	wint_t seq[24], c;
	int n = 0, key = 0, got = 0, next = ERR, kind = get_wch(ch);
	if (kind == KEY_CODE_YES && *ch > KEY_MAX) {
		/* a key the terminal description names beyond the standard set: the Linux
		 * console's entry calls ESC [ Z kcbt2, a second back-tab */
		const char *name = keyname((int)*ch);
		if (name && strncmp(name, "kcbt", 4) == 0)
			*ch = KEY_BTAB;
		return kind;
	}
	if (kind != OK || *ch != 27)
		return kind;
	int saved = wgetdelay(stdscr), delay = get_escdelay() > 0 ? get_escdelay() : 25;
	timeout(delay);
	while (n < (int)(sizeof seq / sizeof *seq) && (next = get_wch(&c)) == OK) {
		seq[n++] = c;
		if ((got = tk_decode(seq, n, &key)) != 0)
			break;
	}
	timeout(saved);
	if (got > 0) {
		*ch = (wint_t)key;
		return key ? KEY_CODE_YES : ERR; /* a known kind of report naming no key: dropped */
	}
	/* No sequence: ESC was a key of its own; what came after it goes back, in order (a key
	 * curses decoded itself, such as an arrow typed right after Esc, included). */
	if (next == KEY_CODE_YES)
		ungetch((int)c);
	for (int i = n - 1; i >= 0; i--)
		unget_wch(seq[i]);
	*ch = 27;
	return OK;
}
