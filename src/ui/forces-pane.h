/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 5's panes: organizations, teams, service projects, joint conferences, notices.  Each keeps its own
 * state; the screen shows one at a time under a row of their names (Left/Right change it). */
#ifndef WANGGE_UI_FORCES_PANE_H
#define WANGGE_UI_FORCES_PANE_H

#include "form.h"
#include "ui.h"

struct forces_pane {
	const char *label; /* N_() */
	void *(*open)(struct ui *ui);
	void (*reload)(struct ui *ui, void *st);
	void (*draw)(struct ui *ui, void *st, WINDOW *w);
	int (*key)(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k);
	const enum ui_act *(*bar)(void *st);
	struct form *(*form)(void *st); /* the form being typed, or NULL */
	bool (*at_list)(void *st);      /* showing its list: Left and Right change the pane */
	void (*close)(void *st);
};

extern const struct forces_pane forces_orgs_pane, forces_teams_pane, forces_projects_pane,
	forces_meetings_pane, forces_notices_pane;

/* A selection in n rows, scrolled so that it shows in h rows. */
struct frows {
	int n, sel, top;
};
/* Moves the selection for Up, Down, PgUp, PgDn, Home and End (page: rows shown); UI_IGNORED
 * for other actions. */
int frows_key(struct frows *r, enum ui_act act, int page);
void frows_scroll(struct frows *r, int h);
/* Draws row i of n (text already laid out) at y, highlighted when selected. */
void frows_line(struct ui *ui, WINDOW *w, int y, int width, const char *text, bool selected);

/* A value chosen from a list goes into a form field as if typed; the cursor moves on. */
void forces_put(struct ui *ui, struct form *f, int field, const char *v);
/* Adds v to the ;-separated list a form field holds (unless it is there); the cursor stays. */
void forces_append(struct ui *ui, struct form *f, int field, const char *v);
/* Splits a list at ; or ； in place: at most max parts, trimmed, none empty. */
int forces_split(char *text, const char **parts, int max);
/* Lays out columns: each text cut or padded to its width (display cells), joined by a blank. */
void forces_columns(char *out, size_t outsz, const char *const *texts, const int *widths, int n);

#endif
