/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The full-screen program: terminal set-up and restore, signals, resize, the main loop. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <locale.h>
#include <panel.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <wangge/draft.h>
#include <wangge/backup.h>
#include <wangge/i18n.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include "ui.h"
#include "ui-main.h"
#include "termkeys.h"

/* How long the loop waits for a key before it does the work of a pause. */
#define KEY_WAIT_MS 100
#define INPUT_GONE_AFTER 50 /* answers at once in a row: the input has ended */

static volatile sig_atomic_t got_signal;

/* Only a flag: curses is not async-signal-safe, the main loop does the rest. */
static void on_signal(int sig)
{
	got_signal = sig;
}

long long ui_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_error = error;
	ui->dirty = true;
}

int ui_core_error(struct ui *ui)
{
	ui_message(ui, true, "%s", wg_error(ui->ctx));
	return UI_REDRAW;
}

void ui_place_cursor(struct ui *ui, WINDOW *w, int y, int x)
{
	int by, bx;
	getbegyx(w, by, bx);
	ui->cursor_y = by + y;
	ui->cursor_x = bx + x;
}

void ui_draft_touch(struct ui *ui)
{
	ui->draft_due = ui_clock_ms() + ui->draft_delay_ms;
}

void ui_push_layer(struct ui *ui, struct ui_layer *l)
{
	l->below = ui->layer;
	ui->layer = l;
	ui->dirty = true;
}

void ui_pop_layer(struct ui *ui)
{
	struct ui_layer *l = ui->layer;
	if (!l)
		return;
	ui->layer = l->below;
	ui->dirty = true;
	if (l->panel)
		del_panel(l->panel);
	if (l->win)
		delwin(l->win);
	if (l->free)
		l->free(l);
	free(l);
}

const enum ui_act *ui_screen_bar(struct ui_screen *s)
{
	if (s->ops->bar_for && s->st)
		return s->ops->bar_for(s);
	return s->ops->bar;
}

static void ensure_open(struct ui *ui, struct ui_screen *s)
{
	if (s->opened)
		return;
	s->opened = true;
	wg_store_changes(ui->ctx, &s->seen); /* what open reads is what the file holds now */
	if (s->ops->open && s->ops->open(ui, s) != WG_OK)
		ui_core_error(ui);
}

static void describe_sync(struct ui *ui);

/* Reloads the screen shown (and the title's sync state) if the database changed since the
 * screen read it; marks a redraw. */
static void keep_current(struct ui *ui)
{
	struct ui_screen *s = &ui->screens[ui->cur];
	struct wg_changes now;
	if (!s->opened || !s->ops->reload || ui->layer || ui->lock ||
	    wg_store_changes(ui->ctx, &now) != WG_OK || !wg_changes_differ(&now, &s->seen))
		return;
	s->ops->reload(ui, s);
	describe_sync(ui); /* a sync file imported meanwhile */
	/* Reading may write (a search's audit entry): that is not news.  Another process's
	 * commit during the read is: "elsewhere" stays as it was before reading. */
	struct wg_changes after;
	if (wg_store_changes(ui->ctx, &after) == WG_OK)
		now.here = after.here;
	s->seen = now;
	ui->dirty = true;
}

/* The screen shown becomes current: opened on first visit, then brought up to date. */
static void enter_screen(struct ui *ui)
{
	struct ui_screen *s = &ui->screens[ui->cur];
	ensure_open(ui, s);
	if (s->ops->enter)
		s->ops->enter(ui, s);
	keep_current(ui);
	ui->dirty = true;
}

void ui_switch(struct ui *ui, int screen)
{
	if (screen < 0 || screen >= UI_SCREENS || screen == ui->cur)
		return;
	ui->cur = screen;
	ui->msg[0] = '\0';
	enter_screen(ui);
}

static void redraw(struct ui *ui)
{
	if (ui->too_small) {
		draw_too_small(ui);
		return;
	}
	if (ui->lock) {
		lock_draw(ui);
		return;
	}
	struct ui_screen *s = &ui->screens[ui->cur];
	ensure_open(ui, s);
	ui->cursor_y = ui->cursor_x = -1;
	WINDOW *w = draw_workarea();
	werase(w);
	if (s->ops->draw)
		s->ops->draw(ui, s, w);
	draw_message_start(ui, w, getmaxy(w) - 1);
	erase();
	draw_frame(ui);
	wnoutrefresh(stdscr);
	wnoutrefresh(w);
	/* layers draw bottom-up so the top one ends up on top */
	struct ui_layer *stack[16];
	int n = 0;
	for (struct ui_layer *l = ui->layer; l && n < 16; l = l->below)
		stack[n++] = l;
	while (n-- > 0) {
		ui->cursor_y = ui->cursor_x = -1;
		stack[n]->draw(ui, stack[n]);
		if (stack[n]->win)
			wnoutrefresh(stack[n]->win);
	}
	update_panels();
	curs_set(ui->cursor_y >= 0 ? 1 : 0);
	if (ui->cursor_y >= 0)
		move(ui->cursor_y, ui->cursor_x);
	wnoutrefresh(stdscr);
	doupdate();
}

static int global_key(struct ui *ui, enum ui_act act)
{
	if (act >= ACT_SCREEN1 && act <= ACT_SCREEN9) {
		ui_switch(ui, act - ACT_SCREEN1);
		return UI_REDRAW;
	}
	switch (act) {
	case ACT_HELP: help_open(ui); return UI_REDRAW;
	case ACT_MENU: menu_open(ui); return UI_REDRAW;
	case ACT_QUIT: return UI_QUIT;
	case ACT_NEXT_SCREEN: ui_switch(ui, (ui->cur + 1) % UI_SCREENS); return UI_REDRAW;
	case ACT_PREV_SCREEN: ui_switch(ui, (ui->cur + UI_SCREENS - 1) % UI_SCREENS); return UI_REDRAW;
	default: return UI_IGNORED;
	}
}

static int dispatch(struct ui *ui, const struct ui_key *k)
{
	if (ui->layer) {
		struct ui_layer *l = ui->layer;
		int r = l->key(ui, l, keymap_lookup(k, l->ctx), k);
		if (r != UI_IGNORED)
			return r;
		enum ui_act act = keymap_lookup(k, KCTX_LIST);
		if (act == ACT_BACK || act == ACT_QUIT) { /* a layer that did not take Esc is closed by it */
			ui_pop_layer(ui);
			return UI_REDRAW;
		}
		return UI_HANDLED;
	}
	struct ui_screen *s = &ui->screens[ui->cur];
	enum ui_keyctx ctx = s->ops->keyctx ? s->ops->keyctx(s) : KCTX_LIST;
	enum ui_act act = keymap_lookup(k, ctx);
	int r = s->ops->key ? s->ops->key(ui, s, act, k) : UI_IGNORED;
	if (r == UI_IGNORED && ctx == KCTX_LIST)
		r = global_key(ui, act);
	return r;
}

/* The next key from the script, then from the keyboard; 0 on timeout.  A script's
 * <Sleep:N> is a pause as a clerk's is: timeouts until it is over, so that what the loop does
 * between keys (counts read later, memory given back, the idle lock) happens during it. */
static int next_key(struct ui *ui, struct ui_key *k)
{
	struct wg_key_event ev;
	if (ui->script_on && ui->script_wake) {
		long long left = ui->script_wake - ui_clock_ms();
		if (left > 0) {
			napms(left < KEY_WAIT_MS ? (int)left : KEY_WAIT_MS);
			return 0;
		}
		ui->script_wake = 0;
	}
	while (ui->script_on && wg_keyscript_next(&ui->script, &ev)) {
		if (ev.is_key == WG_KEYEV_QUIT) {
			ui->quit = true;
			return 0;
		}
		if (ev.is_key == WG_KEYEV_SLEEP) {
			ui->script_wake = ui_clock_ms() + (long long)ev.code;
			return 0;
		}
		*k = (struct ui_key){ ev.is_key == WG_KEYEV_KEY, ev.code };
		return 1;
	}
	ui->script_on = false;
	wint_t ch;
	long long asked = ui_clock_ms();
	int kind = tk_get_wch(&ch);
	if (kind == ERR) {
		/* A terminal whose input has ended (stdin at end of file, a connection gone
		 * without a hangup signal) answers at once instead of after the wait: the
		 * program would spin.  It ends as on a hangup, drafts saved. */
		if (ui_clock_ms() - asked < KEY_WAIT_MS / 4) {
			if (++ui->input_gone >= INPUT_GONE_AFTER)
				got_signal = SIGHUP;
		} else {
			ui->input_gone = 0;
		}
		return 0;
	}
	ui->input_gone = 0;
	*k = (struct ui_key){ kind == KEY_CODE_YES, ch };
	return 1;
}

static void save_drafts(struct ui *ui)
{
	for (int i = 0; i < UI_SCREENS; i++)
		if (ui->screens[i].opened && ui->screens[i].ops->save_draft)
			ui->screens[i].ops->save_draft(ui, &ui->screens[i]);
	ui->draft_due = 0;
}

/* Locks the screen once [ui] idle_lock has passed without a key; true when it did. */
static bool idle_lock(struct ui *ui)
{
	if (!lock_due(ui))
		return false;
	save_drafts(ui); /* what the clerk typed survives even if nobody comes back */
	lock_start(ui);
	return true;
}

/*
 * The day's backup ([backup] daily): work is never only in one file.  Begun with the session
 * and copied in steps while no key is pending (SQLite's backup API), so that neither the
 * first frame nor the quit waits for a whole copy of a large file.
 */
#define BACKUP_IDLE_MS 20       /* copied per pause between keys */
#define BACKUP_QUIT_PAGES 2048  /* the most a quit copies (8 MiB, some 50 ms); more waits */

static void backup_begin(struct ui *ui)
{
	char dir[4096];
	if (!wg_config_bool(ui->cfg, "backup:daily"))
		return;
	wg_backup_dir(ui->ctx, wg_config_str(ui->cfg, "backup:dir"), dir, sizeof dir);
	if (wg_backup_daily_start(ui->ctx, dir, (int)wg_config_int(ui->cfg, "backup:keep"),
				  &ui->backup) != WG_OK)
		ui_message(ui, true, _("Today's backup failed: %s"), wg_error(ui->ctx));
}

/* One slice of the copy; 1 when it is over (made, failed or given up). */
static int backup_slice(struct ui *ui, int ms, char *made, size_t madesz)
{
	if (!ui->backup)
		return 1;
	int rc = wg_backup_daily_step(ui->backup, ms, made, madesz);
	if (rc == 0)
		return 0;
	wg_backup_daily_stop(ui->backup);
	ui->backup = NULL;
	if (rc < 0)
		ui_message(ui, true, _("Today's backup failed: %s"), wg_error(ui->ctx));
	return 1;
}

static void backup_idle(struct ui *ui)
{
	char made[4400] = "";
	/* said on a free message line only: it must not hide what the clerk was told */
	if (backup_slice(ui, BACKUP_IDLE_MS, made, sizeof made) && made[0] && !ui->msg[0])
		ui_message(ui, false, _("Today's backup is %s"), made);
}

/* At quit, after the screen is put away: the rest if it is small, else it waits for the next
 * session, and the clerk is told which. */
static void backup_end(struct ui *ui)
{
	char made[4400];
	if (!ui->backup)
		return;
	int percent = wg_backup_daily_percent(ui->backup);
	int rc = wg_backup_daily_left(ui->backup) > BACKUP_QUIT_PAGES
			 ? 0 : wg_backup_daily_step(ui->backup, -1, made, sizeof made);
	if (rc > 0)
		fprintf(stderr, _("wangge: today's backup is %s\n"), made);
	else if (rc < 0)
		fprintf(stderr, _("wangge: today's backup failed: %s\n"), wg_error(ui->ctx));
	else
		fprintf(stderr, _("wangge: today's backup was not finished (%d%% copied); the next "
				  "session copies it again\n"), percent);
	wg_backup_daily_stop(ui->backup);
	ui->backup = NULL;
}

/* Draws only when something asked (a handler's UI_REDRAW, a message, a popup, a new screen,
 * a change in the database), as htop's ScreenManager does; between keys it looks for changes. */
static void run_loop(struct ui *ui)
{
	enter_screen(ui);
	while (!ui->quit) {
		if (got_signal) {
			save_drafts(ui);
			break;
		}
		if (ui->dirty)
			redraw(ui);
		ui->dirty = false;
		struct ui_key k;
		if (!next_key(ui, &k)) {
			if (ui->draft_due && ui_clock_ms() >= ui->draft_due)
				save_drafts(ui);
			if (ui->quit) /* a script's <Quit>: no pause's work (reloads, the backup) */
				break;
			if (idle_lock(ui))
				ui->dirty = true;
			keep_current(ui);
			backup_idle(ui);
			/* two seconds without a key after work: give its memory back (not between
			 * the keys of a search, whose pages stay cached while the clerk types) */
			if (ui->worked && ui_clock_ms() - ui->last_key_ms >= 2000) {
				wg_store_shrink(ui->ctx);
				ui->worked = false;
			}
			continue;
		}
		if (k.is_key && k.code == KEY_RESIZE) {
			ui->too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
			ui->dirty = true;
			continue;
		}
		if (idle_lock(ui)) /* a key after a long pause (a script's <Sleep>) meets the lock first */
			ui->dirty = true;
		ui->last_key_ms = ui_clock_ms();
		ui->worked = true;
		if (ui->too_small)
			continue;
		bool locked = ui->lock != NULL;
		int r = locked ? lock_key(ui, &k) : dispatch(ui, &k);
		if (r & UI_QUIT)
			ui->quit = true;
		if ((r & UI_REDRAW) || locked != (ui->lock != NULL))
			ui->dirty = true;
		keep_current(ui);
	}
}

/* How long ago this machine last exchanged changes with another site. */
static void describe_sync(struct ui *ui)
{
	char buf[32];
	long long last = wg_meta_get(ui->ctx, "last_sync", buf, sizeof buf) == WG_OK ? atoll(buf) : 0;
	long long days = last ? ((long long)wg_now(ui->ctx) - last) / 86400 : -1;
	if (days < 0)
		snprintf(ui->sync, sizeof ui->sync, "%s", _("sync: never"));
	else if (days == 0)
		snprintf(ui->sync, sizeof ui->sync, "%s", _("sync: today"));
	else
		snprintf(ui->sync, sizeof ui->sync, _("sync: %lldd ago"), days);
}

static int prepare(struct ui *ui, struct wg_ctx *ctx, const struct wg_config *cfg,
		   const char *keys_script)
{
	char err[512];
	const char *lang = wg_config_str(cfg, "ui:language");
	if (*lang) {
		setenv("LANGUAGE", lang, 1);
		textdomain(PACKAGE); /* makes gettext notice the new LANGUAGE */
	}
	if (keymap_configure(cfg, err, sizeof err) != 0)
		return wg_fail(ctx, WG_EUSAGE, "%s", err);
	ui->cfg = cfg;
	ui->ctx = ctx;
	if (lock_configure(ui, err, sizeof err) != 0)
		return wg_fail(ctx, WG_EUSAGE, "%s", err);
	ui->ascii = wg_config_bool(cfg, "ui:ascii");
	ui->draft_delay_ms = (int)wg_config_int(cfg, "ui:draft_delay");
	snprintf(ui->community, sizeof ui->community, "%s", wg_config_str(cfg, "site:community"));
	if (!ui->community[0])
		wg_site_community(ctx, ui->community, sizeof ui->community);
	describe_sync(ui);
	wg_keyscript_init(&ui->script);
	if (keys_script) {
		if (wg_keyscript_load(&ui->script, keys_script, err, sizeof err) != 0)
			return wg_fail(ctx, WG_EUSAGE, "%s", err);
		ui->script_on = true;
	}
	for (int i = 0; i < UI_SCREENS; i++)
		ui->screens[i].ops = ui_screen_table[i];
	return WG_OK;
}

static void start_curses(struct ui *ui)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* In a UTF-8 locale the lines are drawn as Unicode box characters: a terminal that
	 * ignores the alternate character set (tmux under TERM=vt100) would show qqqq. */
	setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	initscr();
	cbreak();
	noecho();
	nonl(); /* Enter arrives as '\r'; keymap treats it as Enter */
	keypad(stdscr, TRUE);
	set_escdelay((int)wg_config_int(ui->cfg, "ui:escdelay"));
	timeout(KEY_WAIT_MS);
	const char *color = wg_config_str(ui->cfg, "ui:color");
	ui->color = has_colors() && strcmp(color, "never") != 0;
	draw_init_colors(ui);
	ui->too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

/* Offers drafts left by a crash or a closed terminal, newest first. */
static void offer_drafts(struct ui *ui)
{
	struct wg_draft d;
	if (wg_draft_latest(ui->ctx, &d) != WG_OK)
		return;
	for (int i = 0; i < UI_SCREENS; i++) {
		const struct ui_screen_ops *ops = ui->screens[i].ops;
		if (!ops->restore_draft || strncmp(d.form, ops->id, strlen(ops->id)) != 0)
			continue;
		ui->cur = i;
		ensure_open(ui, &ui->screens[i]);
		ops->restore_draft(ui, &ui->screens[i], d.form, d.data);
		break;
	}
	wg_draft_clear(&d);
}

int ui_main(struct wg_ctx *ctx, const struct wg_config *cfg, const char *keys_script)
{
	static struct ui ui_state;
	struct ui *ui = &ui_state;
	int rc = prepare(ui, ctx, cfg, keys_script);
	if (rc != WG_OK)
		return rc;
	wg_store_stay_small();
	start_curses(ui);
	if (*wg_upgrade_note(ctx))
		ui_message(ui, false, "%s", wg_upgrade_note(ctx));
	offer_drafts(ui);
	backup_begin(ui);
	run_loop(ui);
	lock_free(ui);
	while (ui->layer)
		ui_pop_layer(ui);
	for (int i = 0; i < UI_SCREENS; i++)
		if (ui->screens[i].opened && ui->screens[i].ops->close)
			ui->screens[i].ops->close(ui, &ui->screens[i]);
	endwin();
	if (ui->input_gone >= INPUT_GONE_AFTER)
		fprintf(stderr, _("wangge: the terminal's input has ended; the screens closed, what was "
				  "being typed is kept as a draft\n"));
	wg_keyscript_free(&ui->script);
	if (!got_signal)
		backup_end(ui);
	wg_backup_daily_stop(ui->backup);
	return got_signal ? 128 + got_signal : WG_OK;
}
