/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Drawing: color roles, the frame (title, tabs, message line, F-key bar), clipped text, lines. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <panel.h>
#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/text.h>
#include "ui.h"

static const struct {
	short fg, bg;
	int mono; /* attributes when there is no color */
	int extra;
} roles[ROLE_COUNT] = {
	[ROLE_NORMAL] = { -1, -1, A_NORMAL, 0 },
	[ROLE_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_REVERSE, A_BOLD },
	[ROLE_TAB] = { -1, -1, A_NORMAL, 0 },
	[ROLE_TAB_ACTIVE] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, A_BOLD },
	[ROLE_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, 0 },
	[ROLE_BORDER] = { COLOR_BLUE, -1, A_NORMAL, 0 },
	[ROLE_MESSAGE] = { COLOR_GREEN, -1, A_NORMAL, 0 },
	[ROLE_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD | A_REVERSE, A_BOLD },
	[ROLE_FKEY] = { -1, -1, A_BOLD, A_BOLD },
	[ROLE_FKEY_LABEL] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, 0 },
	[ROLE_LABEL] = { COLOR_CYAN, -1, A_NORMAL, 0 },
	[ROLE_DIM] = { COLOR_BLUE, -1, A_DIM, 0 },
	[ROLE_GREEN] = { COLOR_GREEN, -1, A_NORMAL, A_BOLD },
	[ROLE_YELLOW] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[ROLE_RED] = { COLOR_RED, -1, A_BOLD | A_UNDERLINE, A_BOLD },
	[ROLE_INPUT] = { -1, -1, A_UNDERLINE, A_UNDERLINE },
};

static unsigned text_flags; /* WG_TEXT_ASCII in ascii mode: no '…' either */

void draw_init_colors(struct ui *ui)
{
	text_flags = ui->ascii ? WG_TEXT_ASCII : 0;
	if (!ui->color)
		return;
	start_color();
	use_default_colors();
	for (short r = 1; r < ROLE_COUNT; r++)
		init_pair(r, roles[r].fg, roles[r].bg);
}

int draw_attr(const struct ui *ui, enum ui_role role)
{
	if (!ui->color)
		return roles[role].mono;
	return role == ROLE_NORMAL ? (int)A_NORMAL : (int)(COLOR_PAIR(role) | (attr_t)roles[role].extra);
}

int draw_text(WINDOW *w, int y, int x, const char *utf8, int width, int attr)
{
	char buf[1024];
	if (width > getmaxx(w) - x) /* curses would wrap the rest onto the next line */
		width = getmaxx(w) - x;
	if (width <= 0)
		return 0;
	size_t cols = wg_text_clip(buf, sizeof buf, utf8 ? utf8 : "", (size_t)width, WG_TEXT_PAD | text_flags);
	wattrset(w, attr);
	mvwaddstr(w, y, x, buf);
	wattrset(w, A_NORMAL);
	return (int)cols;
}

/* Breaks text into lines of at most width columns (by character, which suits Chinese). */
int draw_wrap_lines(const char *text, int width, char lines[][256], int max)
{
	int n = 0;
	const char *p = text;
	while (*p && n < max) {
		char buf[256];
		size_t len = 0;
		int cols = 0;
		while (p[len] && p[len] != '\n' && len < sizeof buf - 8) {
			wchar_t wc;
			size_t k = wg_text_decode(p + len, strlen(p + len), &wc);
			int cw = wg_text_char_width(wc);
			if (cols + cw > width)
				break;
			cols += cw;
			len += k;
		}
		memcpy(buf, p, len);
		buf[len] = '\0';
		snprintf(lines[n++], 256, "%s", buf);
		p += len;
		if (*p == '\n')
			p++;
		if (len == 0 && *p)
			p++;
	}
	return n;
}

/* Draws text wrapped into at most maxlines lines of width; returns the lines used. */
int draw_wrapped(WINDOW *w, int y, int x, int width, int maxlines, const char *text, int attr)
{
	char lines[8][256];
	int n = draw_wrap_lines(text, width, lines, maxlines < 8 ? maxlines : 8);
	for (int i = 0; i < n; i++)
		draw_text(w, y + i, x, lines[i], width, attr);
	return n;
}

void draw_hline(struct ui *ui, WINDOW *w, int y, int x, int width)
{
	wattrset(w, draw_attr(ui, ROLE_BORDER));
	if (ui->ascii)
		mvwhline(w, y, x, '-', width);
	else
		mvwhline(w, y, x, ACS_HLINE, width);
	wattrset(w, A_NORMAL);
}

void draw_vline(struct ui *ui, WINDOW *w, int y, int x, int height)
{
	wattrset(w, draw_attr(ui, ROLE_BORDER));
	if (ui->ascii)
		mvwvline(w, y, x, '|', height);
	else
		mvwvline(w, y, x, ACS_VLINE, height);
	wattrset(w, A_NORMAL);
}

void draw_box(struct ui *ui, WINDOW *w, int y, int x, int h, int wd, const char *title)
{
	chtype c[4] = { ACS_ULCORNER, ACS_URCORNER, ACS_LLCORNER, ACS_LRCORNER };
	if (ui->ascii)
		c[0] = c[1] = c[2] = c[3] = '+';
	for (int r = y + 1; r < y + h - 1; r++)
		mvwhline(w, r, x + 1, ' ', wd - 2);
	draw_hline(ui, w, y, x + 1, wd - 2);
	draw_hline(ui, w, y + h - 1, x + 1, wd - 2);
	draw_vline(ui, w, y + 1, x, h - 2);
	draw_vline(ui, w, y + 1, x + wd - 1, h - 2);
	wattrset(w, draw_attr(ui, ROLE_BORDER));
	mvwaddch(w, y, x, c[0]);
	mvwaddch(w, y, x + wd - 1, c[1]);
	mvwaddch(w, y + h - 1, x, c[2]);
	mvwaddch(w, y + h - 1, x + wd - 1, c[3]);
	wattrset(w, A_NORMAL);
	if (title && *title)
		draw_text(w, y, x + 2, title, (int)wg_text_width(title) + 2 > wd - 4 ? wd - 4
				: (int)wg_text_width(title), draw_attr(ui, ROLE_LABEL) | A_BOLD);
}

static void draw_title(struct ui *ui)
{
	char left[256], right[160], when[32];
	wg_format_time(wg_now(ui->ctx), "%Y-%m-%d %H:%M", when, sizeof when);
	snprintf(left, sizeof left, " wangge  %s", ui->community);
	snprintf(right, sizeof right, "%s: %s  %s  %s ", _("user"), wg_user_name(ui->ctx), when, ui->sync);
	int attr = draw_attr(ui, ROLE_TITLE);
	int rw = (int)wg_text_width(right);
	draw_text(stdscr, 0, 0, left, COLS - rw, attr);
	draw_text(stdscr, 0, COLS - rw, right, rw, attr);
}

static void draw_tabs(struct ui *ui)
{
	int x = 0;
	move(1, 0);
	clrtoeol();
	for (int i = 0; i < UI_SCREENS && x < COLS; i++) {
		char tab[64];
		snprintf(tab, sizeof tab, "%d%s", i + 1, _(ui_screen_table[i]->short_label));
		int wd = (int)wg_text_width(tab);
		if (x + wd + 1 > COLS)
			wd = COLS - x - 1;
		int role = i == ui->cur ? ROLE_TAB_ACTIVE : ROLE_TAB;
		x += draw_text(stdscr, 1, x, tab, wd, draw_attr(ui, (enum ui_role)role)) + 1;
	}
}

static const enum ui_act *current_bar(struct ui *ui)
{
	if (ui->layer && ui->layer->bar)
		return ui->layer->bar;
	return ui_screen_bar(&ui->screens[ui->cur]);
}

static void draw_fkeys(struct ui *ui, const enum ui_act *bar)
{
	int x = 0, y = LINES - 1;
	move(y, 0);
	clrtoeol();
	for (int i = 0; bar && bar[i] != ACT_NONE && x < COLS - 4; i++) {
		int f = keymap_fkey(bar[i]);
		char key[8];
		const struct ui_action *a = keymap_action(bar[i]);
		if (!f || !a)
			continue;
		snprintf(key, sizeof key, "F%d", f);
		x += draw_text(stdscr, y, x, key, (int)strlen(key), draw_attr(ui, ROLE_FKEY));
		const char *label = _(a->label);
		int wd = (int)wg_text_width(label);
		if (x + wd > COLS)
			wd = COLS - x;
		x += draw_text(stdscr, y, x, label, wd, draw_attr(ui, ROLE_FKEY_LABEL)) + 1;
	}
}

/* A message wider than the screen takes two lines: its end on the message line, its start on
 * the row above (drawn over the screen by draw_message_start), so that a long reason
 * ("does not match the ID number, which says ...; correct the one that is wrong") is read
 * whole at 80 columns. */
static int message_lines(struct ui *ui, char lines[2][256])
{
	return ui->msg[0] ? draw_wrap_lines(ui->msg, COLS, lines, 2) : 0;
}

void draw_message_start(struct ui *ui, WINDOW *w, int y)
{
	char lines[2][256];
	if (message_lines(ui, lines) == 2 && wg_text_width(ui->msg) > (size_t)COLS)
		draw_text(w, y, 0, lines[0], getmaxx(w),
			  draw_attr(ui, ui->msg_error ? ROLE_ERROR : ROLE_MESSAGE));
}

static void draw_message(struct ui *ui)
{
	char lines[2][256];
	int n = message_lines(ui, lines);
	move(LINES - 2, 0);
	clrtoeol();
	if (n)
		draw_text(stdscr, LINES - 2, 0, n == 2 && wg_text_width(ui->msg) > (size_t)COLS
				  ? ui->msg + strlen(lines[0]) : ui->msg, COLS,
			  draw_attr(ui, ui->msg_error ? ROLE_ERROR : ROLE_MESSAGE));
}

void draw_frame(struct ui *ui)
{
	draw_title(ui);
	draw_tabs(ui);
	draw_message(ui);
	draw_fkeys(ui, current_bar(ui));
}

void draw_locked_frame(struct ui *ui, const enum ui_act *bar)
{
	char title[128];
	snprintf(title, sizeof title, " wangge  %s", _("locked"));
	draw_text(stdscr, 0, 0, title, COLS, draw_attr(ui, ROLE_TITLE));
	draw_message_start(ui, stdscr, LINES - 3);
	draw_message(ui);
	draw_fkeys(ui, bar);
}

/* The work area: everything between the tabs and the message line.  It is a panel at the
 * bottom of the deck, so that when a popup moves or closes, update_panels restores what the
 * screen drew behind it (a plain window would be painted over with stdscr's blank cells). */
WINDOW *draw_workarea(void)
{
	static WINDOW *w;
	static PANEL *p;
	static int h, wd;
	if (!w || h != LINES - 4 || wd != COLS) {
		if (p)
			del_panel(p);
		if (w)
			delwin(w);
		h = LINES - 4;
		wd = COLS;
		w = newwin(h, wd, 2, 0);
		p = w ? new_panel(w) : NULL;
		if (p)
			bottom_panel(p);
		keypad(w, TRUE);
	}
	return w;
}

void draw_too_small(struct ui *ui)
{
	char line[160];
	erase();
	snprintf(line, sizeof line, _("The terminal is %dx%d; wangge needs at least %dx%d."), COLS,
		 LINES, UI_MIN_COLS, UI_MIN_LINES);
	draw_text(stdscr, 0, 0, line, COLS, A_BOLD);
	draw_text(stdscr, 1, 0, _("Make the window larger; your work is kept."), COLS, A_NORMAL);
	(void)ui;
	refresh();
}
