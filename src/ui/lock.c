/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The idle lock: after [ui] idle_lock without a key, nothing is shown until the password is typed. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/text.h>
#include <wangge/user.h>
#include "lineedit.h"
#include "ui.h"

/*
 * The screens, their forms and layers stay as they were, in memory, while the lock is on: the
 * main loop only stops drawing them and sending them keys.  The password is checked by
 * wg_user_login, so a wrong one counts toward the account's lockout and is audited.
 */
struct ui_lock {
	struct wg_lineedit pw;
	char user[64];
};

static const enum ui_act lock_bar[] = { ACT_QUIT, ACT_NONE };

int lock_configure(struct ui *ui, char *err, size_t errsz)
{
	/* For tests and demonstrations: the same lock after seconds instead of minutes. */
	const char *secs = getenv("WANGGE_IDLE_LOCK_SECONDS");
	ui->idle_ms = wg_config_int(ui->cfg, "ui:idle_lock") * 60000LL;
	ui->last_key_ms = ui_clock_ms();
	if (!secs || !*secs)
		return 0;
	char *end;
	long n = strtol(secs, &end, 10);
	if (*end || n < 0 || n > 86400) {
		snprintf(err, errsz, _("WANGGE_IDLE_LOCK_SECONDS=%s: give whole seconds, 0 to 86400"),
			 secs);
		return -1;
	}
	ui->idle_ms = n * 1000LL;
	return 0;
}

bool lock_due(const struct ui *ui)
{
	return !ui->lock && ui->idle_ms > 0 && ui_clock_ms() - ui->last_key_ms >= ui->idle_ms;
}

/* The typed password leaves memory as soon as it has been checked. */
static void forget_password(struct ui_lock *lk)
{
	volatile wchar_t *p = lk->pw.buf;
	for (size_t i = 0; p && i < lk->pw.cap; i++)
		p[i] = 0;
	wg_lineedit_free(&lk->pw);
	wg_lineedit_init(&lk->pw, 128);
}

void lock_start(struct ui *ui)
{
	struct ui_lock *lk = calloc(1, sizeof *lk);
	if (!lk)
		return;
	wg_lineedit_init(&lk->pw, 128);
	snprintf(lk->user, sizeof lk->user, "%s", wg_user_name(ui->ctx));
	ui->lock = lk;
	ui->msg[0] = '\0'; /* the message line may name a record */
}

void lock_free(struct ui *ui)
{
	if (!ui->lock)
		return;
	forget_password(ui->lock);
	wg_lineedit_free(&ui->lock->pw);
	free(ui->lock);
	ui->lock = NULL;
}

/* Back to work: the windows drawn before the lock are drawn whole again. */
static void lock_end(struct ui *ui)
{
	lock_free(ui);
	for (struct ui_layer *l = ui->layer; l; l = l->below)
		if (l->win)
			touchwin(l->win);
	clearok(curscr, TRUE);
	ui_message(ui, false, "%s", _("Unlocked."));
}

static int try_unlock(struct ui *ui, struct ui_lock *lk)
{
	char *pw = wg_lineedit_get(&lk->pw);
	int rc = pw ? wg_user_login(ui->ctx, lk->user, pw) : WG_EIO;
	if (pw) {
		for (volatile char *p = pw; *p; p++)
			*p = 0;
		free(pw);
	}
	forget_password(lk);
	if (rc == WG_OK)
		lock_end(ui);
	else
		ui_core_error(ui);
	return UI_REDRAW;
}

int lock_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_lock *lk = ui->lock;
	/* Letters are password text here: only a function key bound to quit quits. */
	if (k->is_key && keymap_lookup(k, KCTX_LIST) == ACT_QUIT)
		return UI_QUIT;
	if ((!k->is_key && (k->code == '\n' || k->code == '\r')) || (k->is_key && k->code == KEY_ENTER))
		return try_unlock(ui, lk);
	if (!k->is_key && k->code == 27)
		forget_password(lk);
	else if ((k->is_key && k->code == KEY_BACKSPACE) || (!k->is_key && (k->code == 127 || k->code == 8)))
		wg_lineedit_backspace(&lk->pw);
	else if (!k->is_key && k->code == 21)
		wg_lineedit_kill_start(&lk->pw);
	else if (!k->is_key && k->code >= 32)
		wg_lineedit_insert(&lk->pw, (wchar_t)k->code);
	return UI_REDRAW;
}

void lock_draw(struct ui *ui)
{
	struct ui_lock *lk = ui->lock;
	char line[256], stars[129];
	erase();
	draw_locked_frame(ui, lock_bar);
	draw_text(stdscr, 4, 2, _("The screen is locked: nothing is shown until the password is "
				  "typed again."), COLS - 4, A_BOLD);
	snprintf(line, sizeof line, _("Password of %s: "), lk->user);
	int x = 2 + draw_text(stdscr, 6, 2, line, (int)wg_text_width(line), A_NORMAL);
	size_t n = lk->pw.len < sizeof stars - 1 ? lk->pw.len : sizeof stars - 1;
	memset(stars, '*', n);
	stars[n] = '\0';
	int shown = draw_text(stdscr, 6, x, stars, (int)n < COLS - x - 2 ? (int)n : COLS - x - 2,
			      draw_attr(ui, ROLE_INPUT));
	if (keymap_fkey(ACT_QUIT))
		snprintf(line, sizeof line, _("Enter unlocks. F%d quits; a form being typed is kept "
					      "as a draft and offered back at the next start."),
			 keymap_fkey(ACT_QUIT));
	else
		snprintf(line, sizeof line, "%s", _("Enter unlocks."));
	draw_text(stdscr, 8, 2, line, COLS - 4, A_NORMAL);
	curs_set(1);
	move(6, x + shown);
	wnoutrefresh(stdscr);
	doupdate();
}
