/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The action table and its bindings; the F-key bar, help and [keys] all read it. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include <wangge/config.h>
#include <wangge/i18n.h>
#include "keymap.h"
#include "keyscript.h"

const struct ui_action ui_actions[] = {
	{ ACT_HELP, "help", "F1 ?", N_("Help"), N_("show the keys of this screen"), KCTX_ANY },
	{ ACT_NEW, "new", "F2 n", N_("New"), N_("add a record"), KCTX_LIST },
	{ ACT_FIND, "find", "F3 /", N_("Find"), N_("search as you type"), KCTX_LIST },
	{ ACT_EDIT, "edit", "F4 e", N_("Edit"), N_("change the selected record"), KCTX_LIST },
	{ ACT_DISPATCH, "dispatch", "F5 d", N_("Dispatch"), N_("send the selected case to a handler"), KCTX_LIST },
	{ ACT_STATE, "state", "F6 s", N_("State"), N_("move the selected case to its next step"), KCTX_LIST },
	{ ACT_FILTER, "filter", "F7 f", N_("Filter"), N_("choose which rows to show"), KCTX_LIST },
	{ ACT_CLEAR_FILTER, "clearfilter", "c", N_("Unfilter"), N_("clear the filter: show every row again"), KCTX_LIST },
	{ ACT_DELETE, "delete", "F8 x", N_("Delete"), N_("remove the selected record (asks first)"), KCTX_LIST },
	{ ACT_MENU, "menu", "F9 m", N_("Menu"), N_("menu of screens"), KCTX_LIST },
	{ ACT_QUIT, "quit", "F10 q", N_("Quit"), N_("leave the program"), KCTX_LIST },
	{ ACT_BACK, "back", "Esc", N_("Back"), N_("close the popup or go back"), KCTX_LIST },
	{ ACT_UP, "up", "Up k", N_("Up"), N_("previous row"), KCTX_LIST },
	{ ACT_DOWN, "down", "Down j", N_("Down"), N_("next row"), KCTX_LIST },
	{ ACT_PGUP, "pageup", "PgUp C-b", N_("PgUp"), N_("previous page"), KCTX_LIST },
	{ ACT_PGDN, "pagedown", "PgDn C-f", N_("PgDn"), N_("next page"), KCTX_LIST },
	{ ACT_HOME, "top", "Home g", N_("Top"), N_("first row"), KCTX_LIST },
	{ ACT_END, "bottom", "End G", N_("Bottom"), N_("last row"), KCTX_LIST },
	{ ACT_OPEN, "open", "Enter", N_("Open"), N_("open the selected row"), KCTX_LIST },
	{ ACT_COLLAPSE, "collapse", "Left h", N_("Collapse"), N_("fold the tree node, or go to its parent"), KCTX_LIST },
	{ ACT_EXPAND, "expand", "Right l", N_("Expand"), N_("unfold the tree node"), KCTX_LIST },
	{ ACT_REVEAL, "reveal", "F11 v", N_("Reveal"), N_("show the full ID number and phone (written to the audit log)"), KCTX_LIST },
	{ ACT_PRINT, "print", "F12 p", N_("Print"), N_("the paper of what is shown (screen 4: the volunteer's service certificate; screen 9: a departmental form for the month)"), KCTX_LIST },
	{ ACT_NEXT_SCREEN, "nextscreen", "Tab", N_("Next"), N_("next screen"), KCTX_LIST },
	{ ACT_PREV_SCREEN, "prevscreen", "BTab", N_("Previous"), N_("previous screen"), KCTX_LIST },
	{ ACT_SCREEN1, "screen1", "1", N_("Overview"), N_("screen 1: overview"), KCTX_LIST },
	{ ACT_SCREEN2, "screen2", "2", N_("Grid"), N_("screen 2: grid cells"), KCTX_LIST },
	{ ACT_SCREEN3, "screen3", "3", N_("Residents"), N_("screen 3: residents"), KCTX_LIST },
	{ ACT_SCREEN4, "screen4", "4", N_("Volunteers"), N_("screen 4: volunteers"), KCTX_LIST },
	{ ACT_SCREEN5, "screen5", "5", N_("Forces"), N_("screen 5: social forces"), KCTX_LIST },
	{ ACT_SCREEN6, "screen6", "6", N_("Roster"), N_("screen 6: roster"), KCTX_LIST },
	{ ACT_SCREEN7, "screen7", "7", N_("Categories"), N_("screen 7: categories"), KCTX_LIST },
	{ ACT_SCREEN8, "screen8", "8", N_("Tasks"), N_("screen 8: tasks"), KCTX_LIST },
	{ ACT_SCREEN9, "screen9", "9", N_("Reports"), N_("screen 9: reports"), KCTX_LIST },
	{ ACT_SAVE, "save", "F2 C-s", N_("Save"), N_("save the form"), KCTX_FORM },
	{ ACT_SAVE_NEW, "savenew", "F3 C-n", N_("Save+new"), N_("save, then a new form keeping shared fields"), KCTX_FORM },
	{ ACT_PICK, "pick", "F4 C-p", N_("Pick"), N_("choose the field's value from a list"), KCTX_FORM },
	{ ACT_NEXT_FIELD, "nextfield", "Tab Enter Down", N_("Next field"), N_("next field"), KCTX_FORM },
	{ ACT_PREV_FIELD, "prevfield", "BTab Up", N_("Previous field"), N_("previous field"), KCTX_FORM },
	{ ACT_CANCEL, "cancel", "Esc F10", N_("Cancel"), N_("leave the form; what was typed is kept as a draft (asks first; d throws it away)"), KCTX_FORM },
};

const size_t ui_action_count = sizeof ui_actions / sizeof ui_actions[0];

static struct ui_key bindings[ACT_COUNT][UI_MAX_BINDINGS];
static int nbind[ACT_COUNT];

const struct ui_action *keymap_action(enum ui_act act)
{
	for (size_t i = 0; i < ui_action_count; i++)
		if (ui_actions[i].act == act)
			return &ui_actions[i];
	return NULL;
}

bool keymap_parse_key(const char *name, struct ui_key *out)
{
	char text[64], err[256];
	struct wg_keyscript ks;
	struct wg_key_event ev;
	size_t n = strlen(name);
	if (n == 0 || n > 40)
		return false;
	if (name[0] == '<' || mbrlen(name, n, &(mbstate_t){ 0 }) == (size_t)n)
		snprintf(text, sizeof text, "%s", name); /* "<F2>" or a single character */
	else
		snprintf(text, sizeof text, "<%s>", name);
	if (strcmp(text, "<") == 0)
		snprintf(text, sizeof text, "<lt>");
	wg_keyscript_init(&ks);
	bool ok = wg_keyscript_parse(&ks, text, "keys", err, sizeof err) == 0 && ks.len == 1 &&
		  wg_keyscript_next(&ks, &ev) && ev.is_key <= WG_KEYEV_KEY;
	if (ok)
		*out = (struct ui_key){ ev.is_key == WG_KEYEV_KEY, ev.code };
	wg_keyscript_free(&ks);
	return ok;
}

/* Binds a space-separated key list; false (with the bad name in bad) on an unknown key. */
static bool bind_list(enum ui_act act, const char *list, char *bad, size_t badsz)
{
	char buf[256], *save = NULL;
	struct ui_key keys[UI_MAX_BINDINGS];
	int n = 0;
	snprintf(buf, sizeof buf, "%s", list);
	for (char *tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (!keymap_parse_key(tok, &keys[n < UI_MAX_BINDINGS ? n : UI_MAX_BINDINGS - 1])) {
			snprintf(bad, badsz, "%s", tok);
			return false;
		}
		if (n < UI_MAX_BINDINGS)
			n++;
	}
	memcpy(bindings[act], keys, sizeof keys);
	nbind[act] = n;
	return true;
}

void keymap_reset(void)
{
	char bad[64];
	for (size_t i = 0; i < ui_action_count; i++)
		bind_list(ui_actions[i].act, ui_actions[i].keys, bad, sizeof bad);
}

int keymap_configure(const struct wg_config *cfg, char *err, size_t errsz)
{
	keymap_reset();
	for (size_t i = 0; i < wg_config_key_count(cfg); i++) {
		const char *action, *keys, *file;
		const struct ui_action *a = NULL;
		char bad[64];
		wg_config_key_get(cfg, i, &action, &keys, &file);
		for (size_t k = 0; k < ui_action_count && !a; k++)
			if (strcmp(ui_actions[k].name, action) == 0)
				a = &ui_actions[k];
		if (!a) {
			snprintf(err, errsz, _("%s: [keys] %s: no such action; the actions are listed in "
					       "wangge(1) under KEYS"), file, action);
			return -1;
		}
		if (!bind_list(a->act, keys, bad, sizeof bad)) {
			snprintf(err, errsz, _("%s: [keys] %s = %s: unknown key '%s'; write keys as F2, "
					       "C-s, Enter, Esc, Up or a single character"), file, action, keys, bad);
			return -1;
		}
	}
	return 0;
}

static bool same(const struct ui_key *a, const struct ui_key *b)
{
	return a->is_key == b->is_key && a->code == b->code;
}

enum ui_act keymap_lookup(const struct ui_key *key, enum ui_keyctx ctx)
{
	struct ui_key k = *key;
	if (k.is_key && k.code == KEY_ENTER) /* the keypad's Enter is Enter */
		k = (struct ui_key){ 0, '\n' };
	if (!k.is_key && k.code == '\r')
		k.code = '\n';
	for (size_t i = 0; i < ui_action_count; i++) {
		const struct ui_action *a = &ui_actions[i];
		if (!(a->ctx & ctx))
			continue;
		for (int b = 0; b < nbind[a->act]; b++)
			if (same(&bindings[a->act][b], &k))
				return a->act;
	}
	return ACT_NONE;
}

static void describe_key(const struct ui_key *k, char *out, size_t outsz)
{
	static const struct { int code; const char *name; } named[] = {
		{ KEY_BTAB, "Shift-Tab" }, { KEY_DC, "Del" }, { KEY_UP, "Up" }, { KEY_DOWN, "Down" },
		{ KEY_LEFT, "Left" }, { KEY_RIGHT, "Right" }, { KEY_HOME, "Home" }, { KEY_END, "End" },
		{ KEY_PPAGE, "PgUp" }, { KEY_NPAGE, "PgDn" }, { KEY_BACKSPACE, "Backspace" },
	};
	if (k->is_key && k->code >= (wint_t)KEY_F(1) && k->code <= (wint_t)KEY_F(12)) {
		snprintf(out, outsz, "F%d", (int)(k->code - KEY_F0));
		return;
	}
	for (size_t i = 0; k->is_key && i < sizeof named / sizeof named[0]; i++)
		if ((wint_t)named[i].code == k->code) {
			snprintf(out, outsz, "%s", named[i].name);
			return;
		}
	if (k->is_key)
		snprintf(out, outsz, "#%d", (int)k->code);
	else if (k->code == '\n')
		snprintf(out, outsz, "Enter");
	else if (k->code == 27)
		snprintf(out, outsz, "Esc");
	else if (k->code == '\t')
		snprintf(out, outsz, "Tab");
	else if (k->code == ' ')
		snprintf(out, outsz, "Space");
	else if (k->code < 32)
		snprintf(out, outsz, "Ctrl-%c", (char)(k->code + 'A' - 1));
	else
		snprintf(out, outsz, "%lc", (wint_t)k->code);
}

void keymap_describe(enum ui_act act, char *out, size_t outsz)
{
	size_t used = 0;
	out[0] = '\0';
	for (int b = 0; b < nbind[act] && used < outsz; b++) {
		char name[32];
		describe_key(&bindings[act][b], name, sizeof name);
		int w = snprintf(out + used, outsz - used, "%s%s", b ? " " : "", name);
		used += w > 0 ? (size_t)w : 0;
	}
}

int keymap_fkey(enum ui_act act)
{
	for (int b = 0; b < nbind[act]; b++)
		if (bindings[act][b].is_key && bindings[act][b].code >= (wint_t)KEY_F(1) &&
		    bindings[act][b].code <= (wint_t)KEY_F(12))
			return (int)(bindings[act][b].code - KEY_F0);
	return 0;
}
