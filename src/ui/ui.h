/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The full-screen front end's shared state, screens and widgets (ncursesw). */
#ifndef WANGGE_UI_H
#define WANGGE_UI_H

#include <curses.h>
#include <stdbool.h>
#include <string.h>
#include <wchar.h>

#include <wangge/config.h>
#include <wangge/store.h>
#include <wangge/task.h>
#include "keymap.h"
#include "keyscript.h"

/* What a key handler tells the main loop; only the main loop draws. */
enum ui_result {
	UI_IGNORED = 0,   /* not mine: try the next layer */
	UI_HANDLED = 1,   /* done, nothing on screen changed */
	UI_REDRAW = 2,    /* done, redraw */
	UI_QUIT = 4,      /* leave the program */
};

/* Color roles; monochrome terminals get attributes instead. */
enum ui_role {
	ROLE_NORMAL, ROLE_TITLE, ROLE_TAB, ROLE_TAB_ACTIVE, ROLE_SELECTED, ROLE_BORDER,
	ROLE_MESSAGE, ROLE_ERROR, ROLE_FKEY, ROLE_FKEY_LABEL, ROLE_LABEL, ROLE_DIM,
	ROLE_GREEN, ROLE_YELLOW, ROLE_RED, ROLE_INPUT, ROLE_COUNT
};

struct ui;
struct ui_screen;

struct ui_screen_ops {
	const char *id;       /* for drafts and the man page */
	enum ui_act tab;      /* ACT_SCREEN1..9 */
	const char *short_label; /* N_(): the tab, e.g. "Tasks" */
	/* Called once, before the first draw; may set up lists. */
	int (*open)(struct ui *ui, struct ui_screen *s);
	/* The clerk came to the screen (NULL: nothing beyond reload).  For figures that follow
	 * the clock as well as the database (overdue, due today), which no change mark sees. */
	void (*enter)(struct ui *ui, struct ui_screen *s);
	/* The database changed since the screen last read it (here, or in another process):
	 * read again what the screen shows, keeping the clerk's place (selection, scroll,
	 * the open record, a form being typed).  The loop calls it for the screen shown, when
	 * no popup is open, and on coming to a screen that missed changes. */
	void (*reload)(struct ui *ui, struct ui_screen *s);
	void (*draw)(struct ui *ui, struct ui_screen *s, WINDOW *w);
	/* Called with the action bound to the key (or ACT_NONE) and the key itself. */
	int (*key)(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k);
	void (*close)(struct ui *ui, struct ui_screen *s);
	const enum ui_act *bar; /* actions for the F-key bar, ACT_NONE-terminated */
	const enum ui_act *(*bar_for)(struct ui_screen *s); /* a bar that follows the screen's mode */
	enum ui_keyctx (*keyctx)(struct ui_screen *s); /* NULL: KCTX_LIST */
	/* Writes the half-filled form as a draft (NULL: the screen has no forms). */
	void (*save_draft)(struct ui *ui, struct ui_screen *s);
	/* Reopens a form from a draft found at start-up. */
	void (*restore_draft)(struct ui *ui, struct ui_screen *s, const char *form, const char *data);
};

struct ui_screen {
	const struct ui_screen_ops *ops;
	void *st;
	bool opened;
	struct wg_changes seen; /* the database as the screen last read it */
};

/* The screen shows a frame before it reads what is slow to count: its reload runs again at
 * the next pause between keys (app.c's keep_current), as if the database had changed. */
static inline void ui_read_later(struct ui_screen *s)
{
	memset(&s->seen, 0, sizeof s->seen);
}

/* A layer over the screen (help, dialog, picker) that takes keys first. */
struct ui_layer {
	WINDOW *win;
	struct panel *panel;
	void (*draw)(struct ui *ui, struct ui_layer *l);
	int (*key)(struct ui *ui, struct ui_layer *l, enum ui_act act, const struct ui_key *k);
	void (*free)(struct ui_layer *l);
	enum ui_keyctx ctx;
	const enum ui_act *bar;
	void *st;
	struct ui_layer *below;
};

#define UI_SCREENS 9
#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

struct ui {
	const struct wg_config *cfg;
	struct wg_ctx *ctx;
	bool ascii, color;
	int cur; /* 0..8 */
	struct ui_screen screens[UI_SCREENS];
	struct ui_layer *layer;
	char msg[512];
	bool msg_error;
	bool too_small;
	bool quit;
	bool dirty;          /* the screen must be drawn again before the next key */
	bool worked;         /* keys came since the last pause gave memory back (wg_store_shrink) */
	struct wg_keyscript script;
	bool script_on;
	long long script_wake; /* ms clock when the script's <Sleep> ends, 0 if none */
	char community[128];
	char sync[48];       /* "sync 2d" or "sync never", for the title bar */
	int draft_delay_ms;
	long long draft_due; /* ms clock when a pending draft should be written, 0 if none */
	int cursor_y, cursor_x; /* where the terminal cursor goes after drawing; -1: hidden */
	long long idle_ms;          /* [ui] idle_lock in ms; 0: never lock (lock.c) */
	long long last_key_ms;      /* ms clock of the last key */
	int input_gone;             /* reads in a row that came back at once with no key */
	struct ui_lock *lock;       /* the idle lock while it is on, else NULL */
	struct wg_backup_job *backup; /* the day's backup, copied between keys; NULL: none due */
};

/* scr-tasks.c: opens a new case on screen 8 from a patrol's findings. */
struct wg_task_prefill;
void tasks_new_from_patrol(struct ui *ui, const struct wg_task_prefill *pre);

/* cellpick.c: the grid-cell picker used by forms; cell_pick_area offers the communities too
 * (a filter, which takes the cells below them). */
void cell_pick(struct ui *ui, const char *initial,
	       void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label),
	       void *arg);
void cell_pick_area(struct ui *ui, const char *initial,
		    void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label),
		    void *arg);
/* The communities here (cells of kind community) by code; a street's database has two or more. */
#define UI_COMMUNITIES 40
struct ui_communities {
	char code[UI_COMMUNITIES][64], name[UI_COMMUNITIES][128];
	int n;
};
int ui_communities_load(struct ui *ui, struct ui_communities *out);
/* F7's menu: "All communities", then each; picked gets the code and name ("" for all). */
int community_menu_open(struct ui *ui, const char *title,
			int (*picked)(struct ui *ui, void *arg, const char *code, const char *name), void *arg);
/* A screen's community (F7): its cell, and the cells below it; id 0 for all. */
struct ui_area {
	int64_t id;
	char name[128];
};
/* What a screen says about it (N_() texts): the menu's title, that the database holds one
 * community, that no filter is on, that it was cleared. */
struct ui_area_words {
	const char *title, *one, *none, *cleared;
};
/* F7 picks a community of a street's database, c clears it; changed(ui, arg) reads the screen
 * again after either. */
int area_filter_key(struct ui *ui, struct ui_area *area, enum ui_act act, const struct ui_area_words *w,
		    int (*changed)(struct ui *ui, void *arg), void *arg);
/* "Community: NAME × (c clears it)": a list narrowed to one community is never so unseen. */
void community_line(struct ui *ui, WINDOW *w, int y, int x, int width, const char *name);

/* people-pick.c: residents by name, ID or phone digits; case handlers by name. */
struct wg_handler;
void resident_pick(struct ui *ui, const char *initial,
		   void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label),
		   void *arg);
/* Volunteers who could take the shift, best first (skill, availability, hours this week). */
void volunteer_pick(struct ui *ui, int64_t shift_id, const char *initial,
		    void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label),
		    void *arg);
void handler_pick(struct ui *ui, const char *initial,
		  void (*chosen)(struct ui *ui, void *arg, const struct wg_handler *h), void *arg);
/* The handler picker for one kind (a team, a social worker ...): chosen gets the name. */
void handler_pick_kind(struct ui *ui, enum wg_handler_kind kind, const char *initial,
		       void (*chosen)(struct ui *ui, void *arg, const char *name), void *arg);

/* scr-categories.c: the category tree shared by screen 7 and the picker, read again when the
 * database changed since it was read; and the category picker used by forms. */
struct wg_cattree *ui_cattree(struct ui *ui);
void category_pick(struct ui *ui, const char *initial,
		   void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label),
		   void *arg);

/*
 * A screen with modes (a list, a record, a form) lists its keys as rows, htop's and
 * calcurse's habit: in this mode, this action runs this handler.  The first row whose
 * handler does not return UI_IGNORED decides; UI_ANY_ACT matches every action (a form's
 * typing, a list's movement), so such rows usually go last.  A row with fn NULL ends it.
 */
#define UI_ANY_ACT ACT_COUNT
struct ui_keyrow {
	int mode;
	enum ui_act act;
	int (*fn)(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k);
};
int ui_key_rows(const struct ui_keyrow *rows, int mode, struct ui *ui, void *st, enum ui_act act,
		const struct ui_key *k);

/* Places the visible cursor at (y, x) of window w (for a field being edited). */
void ui_place_cursor(struct ui *ui, WINDOW *w, int y, int x);

extern const struct ui_screen_ops *const ui_screen_table[UI_SCREENS];

/* draw.c */
void draw_init_colors(struct ui *ui);
int draw_attr(const struct ui *ui, enum ui_role role);
void draw_frame(struct ui *ui);
/* The first line of a message too wide for the message line, on row y of w (the row above it). */
void draw_message_start(struct ui *ui, WINDOW *w, int y);
/* The frame while the screen is locked: the program's name and "locked", the message, bar. */
void draw_locked_frame(struct ui *ui, const enum ui_act *bar);
WINDOW *draw_workarea(void);
/* Writes utf8 at (y, x) clipped/padded to width display columns; returns columns used. */
int draw_text(WINDOW *w, int y, int x, const char *utf8, int width, int attr);
void draw_hline(struct ui *ui, WINDOW *w, int y, int x, int width);
void draw_vline(struct ui *ui, WINDOW *w, int y, int x, int height);
void draw_box(struct ui *ui, WINDOW *w, int y, int x, int h, int wd, const char *title);
void draw_too_small(struct ui *ui);
/* Splits text into lines of at most width columns (by character, which suits Chinese). */
int draw_wrap_lines(const char *text, int width, char lines[][256], int max);
int draw_wrapped(WINDOW *w, int y, int x, int width, int maxlines, const char *text, int attr);

/* app.c */
const enum ui_act *ui_screen_bar(struct ui_screen *s);
void ui_message(struct ui *ui, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ui_push_layer(struct ui *ui, struct ui_layer *l);
void ui_pop_layer(struct ui *ui);
/* Leaves the screen shown for another: its enter hook, then reload if it missed changes. */
void ui_switch(struct ui *ui, int screen);
/* Shows the context's error as the message line; returns UI_REDRAW. */
int ui_core_error(struct ui *ui);
/* Schedules a draft write after the configured quiet time. */
void ui_draft_touch(struct ui *ui);
long long ui_clock_ms(void);

/* lock.c: the idle lock.  While ui->lock is set the main loop draws and sends keys only here. */
/* Reads [ui] idle_lock (or WANGGE_IDLE_LOCK_SECONDS); -1 with a message in err on a bad value. */
int lock_configure(struct ui *ui, char *err, size_t errsz);
/* True when idle_lock has passed since the last key and the screen is not locked yet. */
bool lock_due(const struct ui *ui);
void lock_start(struct ui *ui);
void lock_draw(struct ui *ui);
/* Typing the password, Enter to unlock, the quit key to leave (UI_QUIT). */
int lock_key(struct ui *ui, const struct ui_key *k);
/* Frees the lock's state (on quitting while locked). */
void lock_free(struct ui *ui);

/* layer.c */
struct ui_layer *layer_new(enum ui_keyctx ctx);
WINDOW *layer_place(struct ui_layer *l, int h, int w);

/* layer.c, dialog.c */
void help_open(struct ui *ui);
/* Asks yes/no about what will be removed; on_yes runs if the clerk confirms. */
void dialog_confirm(struct ui *ui, const char *title, const char *what,
		    int (*on_yes)(struct ui *ui, void *arg), void *arg);
void menu_open(struct ui *ui);
/* A list of lines to choose from (copied); on_pick gets the chosen index. */
void choice_menu_open(struct ui *ui, const char *title, char (*items)[256], int n,
		      int (*on_pick)(struct ui *ui, void *arg, int index), void *arg);
/* A dialog whose keys (lower case; upper case works too) each run a function; Esc cancels. */
struct dialog_choice {
	wint_t key;
	int (*fn)(struct ui *ui, void *arg);
};
void dialog_choose(struct ui *ui, const char *title, const char *what, const char *help,
		   const struct dialog_choice *choices, int n, void *arg);

#endif
