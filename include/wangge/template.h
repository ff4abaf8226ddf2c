/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Departmental forms (一表通): a template names fixed text, the columns and one query of a fixed
 * set; it is rendered from the database as an .xlsx workbook or as text for a printer. */
#ifndef WANGGE_TEMPLATE_H
#define WANGGE_TEMPLATE_H

#include <stdio.h>

#include <wangge/core.h>

/*
 * A template is a UTF-8 text file NAME.tpl, one directive a line ('#' starts a comment):
 *   title = TEXT      a line above the table (any number of them)
 *   columns = A | B   the column headings
 *   query = NAME ARG  the rows: residents-tagged TAG,TAG | key-population | cases-by-sector |
 *                     volunteer-hours
 *   row = {a} | {b}   one row per record of the query ({n} numbers them)
 *   total = ... | ... a last row from the query's totals (cases-by-sector)
 *   note = TEXT       a line below the table (any number of them)
 * TEXT may hold {community}, {month}, {today}, {user} and {count}.  An unknown directive,
 * query or placeholder is refused naming FILE:LINE.
 */

/* The folders templates come from: the installed ones (WANGGE_DATADIR overrides), then the
 * committee's own ($XDG_CONFIG_HOME/wangge/templates); dirs ends with NULL. */
void wg_template_dirs(char own[4096], const char *dirs[3]);

/* Each template in dirs (a NULL-ended list; a later folder's NAME hides an earlier one's), by
 * name: its name, first title line (the community, today and user filled in) and path. */
int wg_template_each(struct wg_ctx *ctx, const char *const *dirs,
		     int (*each)(void *arg, const char *name, const char *title, const char *path),
		     void *arg);

struct wg_template_opts {
	int year, month;   /* the month a {month} and the month's queries mean */
	int unmasked;      /* ID numbers and phones in full (administrators; audited) */
	int width;         /* text: at most this many columns a line (the widest columns cut,
			    * with a mark); 0: as wide as the table */
	int page_lines;    /* text: a form feed and the titles and header again after this many
			    * lines; 0: one page */
	const char *community; /* a street's community by its code: its people and cases alone,
				* its name as {community}; NULL or "all": the whole database */
};

/* Renders the template at path: as aligned text to out (xlsx NULL), or as a workbook written
 * to xlsx.  Residents are masked unless asked; every rendering is audited. */
int wg_template_render(struct wg_ctx *ctx, const char *path, const struct wg_template_opts *o,
		       FILE *out, const char *xlsx);

#endif
