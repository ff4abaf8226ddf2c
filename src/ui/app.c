/* The full-screen program: terminal set-up, the frame, and the main loop. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <locale.h>
#include <signal.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/site.h>
#include <wangge/text.h>
#include "keyscript.h"
#include "ui.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void draw_frame(struct cli_env *env)
{
	char community[128], when[32], line[512], clipped[1024];
	wg_site_community(env->ctx, community, sizeof community);
	wg_format_time(wg_now(env->ctx), "%Y-%m-%d %H:%M", when, sizeof when);
	erase();
	snprintf(line, sizeof line, " wangge  %s   %s: %s   %s", community, _("user"),
		 wg_user_name(env->ctx), when);
	wg_text_clip(clipped, sizeof clipped, line, (size_t)COLS, WG_TEXT_PAD);
	attron(A_REVERSE);
	mvaddstr(0, 0, clipped);
	attroff(A_REVERSE);
	mvaddstr(LINES - 1, 0, _("F1 Help  F10 Quit"));
	refresh();
}

int ui_main(struct cli_env *env)
{
	int rc = cli_open(env, CLI_NEEDS_LOGIN);
	if (rc != WG_OK)
		return rc;
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGINT, on_signal);
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(200);
	draw_frame(env);
	while (!got_signal) {
		wint_t ch;
		int kind = get_wch(&ch);
		if (kind == ERR)
			continue;
		if ((kind == KEY_CODE_YES && ch == KEY_F(10)) || (kind == OK && ch == 'q'))
			break;
		draw_frame(env);
	}
	endwin();
	return WG_OK;
}
