/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Form widget: typed fields on the line editor, checked on leaving, drafts as the clerk types. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/draft.h>
#include <wangge/i18n.h>
#include <wangge/text.h>
#include <wangge/validate.h>
#include "form.h"

#define LABEL_MIN 10 /* the label column: as wide as the form's longest label in the screens' */
#define LABEL_MAX 24 /* language (English labels are longer than Chinese ones), within these */
#define FIELD_COLS 30

void form_init(struct form *f)
{
	for (int i = 0; i < f->n; i++) {
		wg_lineedit_init(&f->fields[i].ed, (size_t)(f->fields[i].maxlen ? f->fields[i].maxlen : 200));
		f->fields[i].error[0] = '\0';
	}
	f->cur = f->top = 0;
	f->dirty = false;
}

void form_free(struct form *f)
{
	for (int i = 0; i < f->n; i++)
		wg_lineedit_free(&f->fields[i].ed);
}

void form_clear(struct form *f, bool keep_shared)
{
	f->cur = -1;
	for (int i = 0; i < f->n; i++) {
		struct form_field *fd = &f->fields[i];
		fd->error[0] = '\0';
		fd->conflict = false;
		if (keep_shared && fd->keep_on_new)
			continue;
		fd->by_hand = false;
		wg_lineedit_set(&fd->ed, "");
		fd->choice = 0;
		fd->ref_id = 0;
		if (f->cur < 0)
			f->cur = i;
	}
	if (f->cur < 0)
		f->cur = 0;
	f->record_id = 0;
	f->dirty = false;
}

const char *form_value(struct form *f, int field, char *buf, size_t bufsz)
{
	struct form_field *fd = &f->fields[field];
	if (fd->type == FLD_CHOICE) {
		snprintf(buf, bufsz, "%s", fd->choices ? fd->choices[fd->choice] : "");
		return buf;
	}
	char *s = wg_lineedit_get(&fd->ed);
	snprintf(buf, bufsz, "%s", s ? s : "");
	free(s);
	return buf;
}

void form_set(struct form *f, int field, const char *value)
{
	struct form_field *fd = &f->fields[field];
	if (fd->type == FLD_CHOICE) {
		for (int i = 0; fd->choices && fd->choices[i]; i++)
			if (strcmp(fd->choices[i], value) == 0)
				fd->choice = i;
		return;
	}
	wg_lineedit_set(&fd->ed, value);
	wg_lineedit_end(&fd->ed);
}

void form_set_ref(struct ui *ui, struct form *f, int field, int64_t id, const char *code,
		  const char *label)
{
	char text[256];
	snprintf(text, sizeof text, "%s %s", code, label);
	form_set(f, field, text);
	f->fields[field].ref_id = id;
	f->fields[field].error[0] = '\0';
	f->dirty = true;
	if (f->cur == field && f->cur + 1 < f->n)
		f->cur++;
	ui_draft_touch(ui);
}

void form_error(struct form *f, int field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->fields[field].error, sizeof f->fields[field].error, fmt, ap);
	va_end(ap);
	f->cur = field;
}

/* The type's own check; NULL when good.  May normalise the value in place. */
static const char *type_check(struct ui *ui, struct form_field *fd, char *v, size_t vsz)
{
	long n;
	char norm[64];
	time_t now = wg_now(ui->ctx);
	struct tm tm;
	struct wg_id_number id;
	switch (fd->type) {
	case FLD_INT:
		return wg_validate_int(v, fd->min, fd->max ? fd->max : 2147483647L, &n);
	case FLD_DATE:
		if (wg_validate_date(v, norm, sizeof norm))
			return wg_validate_date(v, norm, sizeof norm);
		snprintf(v, vsz, "%s", norm);
		return NULL;
	case FLD_PHONE:
		if (wg_validate_phone(v, norm, sizeof norm, NULL))
			return wg_validate_phone(v, norm, sizeof norm, NULL);
		snprintf(v, vsz, "%s", norm);
		return NULL;
	case FLD_IDNUM:
		localtime_r(&now, &tm);
		if (wg_validate_id_number(v, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &id))
			return wg_validate_id_number(v, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &id);
		snprintf(v, vsz, "%s", id.number);
		return NULL;
	case FLD_REF:
		return fd->ref_id ? NULL : _("choose from the list: press F4 or type to search");
	case FLD_TEXT:
		return wg_validate_text(v, (size_t)(fd->maxlen ? fd->maxlen : 200));
	case FLD_CHOICE:
		break;
	}
	return NULL;
}

bool form_check_field(struct ui *ui, struct form *f, int field)
{
	struct form_field *fd = &f->fields[field];
	char v[512];
	form_value(f, field, v, sizeof v);
	fd->error[0] = '\0';
	fd->conflict = false;
	if (!v[0] && fd->type != FLD_CHOICE) {
		if (fd->required)
			snprintf(fd->error, sizeof fd->error, "%s", _("required: please fill this in"));
		if (fd->required)
			return false;
		return !f->check || f->check(ui, f, field, v, fd->error, sizeof fd->error);
	}
	const char *why = type_check(ui, fd, v, sizeof v);
	if (why) {
		snprintf(fd->error, sizeof fd->error, "%s", why);
		return false;
	}
	if (fd->type != FLD_REF && fd->type != FLD_CHOICE) {
		char before[512];
		if (strcmp(form_value(f, field, before, sizeof before), v) != 0)
			form_set(f, field, v); /* normalised: 2026/3/5 -> 2026-03-05 */
	}
	return !f->check || f->check(ui, f, field, v, fd->error, sizeof fd->error);
}

/* In a new record's form, a field already holding what the clerk did not type here (filled from
 * the ID number, kept by "save and new") is stepped over by Tab: the cursor lands on the next
 * field to type.  Shift-Tab still reaches it. */
static bool prefilled(struct form *f, int i)
{
	char v[512];
	const struct form_field *fd = &f->fields[i];
	return !f->record_id && fd->type != FLD_CHOICE && !fd->by_hand &&
	       *form_value(f, i, v, sizeof v);
}

/* Leaves the current field towards dir; refuses (cursor stays) when its value is bad in
 * itself.  One that only disagrees with another field is named and left: the clerk may need
 * to reach the other field to put it right, and the save holds them against each other. */
static int move_field(struct ui *ui, struct form *f, int dir)
{
	struct form_field *fd = &f->fields[f->cur];
	char v[512];
	/* a required field left empty is the save's to refuse: passing it is always free */
	bool ok = (fd->required && !*form_value(f, f->cur, v, sizeof v)) ||
		  form_check_field(ui, f, f->cur);
	if (!ok)
		ui_message(ui, true, "%s: %s", _(fd->label), fd->error);
	/* a value that is not good yet holds Tab (a typo is seen at once), never Shift-Tab: the
	 * clerk can always go back to a field above; the save refuses what is still wrong */
	if (!ok && !fd->conflict && dir > 0)
		return UI_REDRAW;
	if (f->changed)
		f->changed(ui, f, f->cur);
	int next = f->cur + dir;
	while (dir > 0 && next < f->n - 1 && prefilled(f, next))
		next++;
	if (next >= 0 && next < f->n)
		f->cur = next;
	if (ok)
		ui->msg[0] = '\0';
	return UI_REDRAW;
}

static int save(struct ui *ui, struct form *f, bool and_new)
{
	for (int i = 0; i < f->n; i++) {
		if (!form_check_field(ui, f, i)) {
			f->cur = i;
			ui_message(ui, true, "%s: %s", _(f->fields[i].label), f->fields[i].error);
			return UI_REDRAW;
		}
	}
	if (f->save(ui, f) != WG_OK)
		return UI_REDRAW; /* the owner put the reason on the field or the message line */
	if (f->id)
		wg_draft_delete(ui->ctx, f->id, f->record_id);
	if (!and_new) {
		f->dirty = false;
		if (f->close)
			f->close(ui, f, true);
		return UI_REDRAW | FORM_SAVED | FORM_CLOSED;
	}
	form_clear(f, true);
	return UI_REDRAW | FORM_SAVED;
}

static int give_up(struct ui *ui, void *arg)
{
	struct form *f = arg;
	if (f->id)
		wg_draft_delete(ui->ctx, f->id, f->record_id);
	f->dirty = false;
	ui_message(ui, false, "%s", _("The form was closed; nothing was saved."));
	if (f->close)
		f->close(ui, f, false);
	return UI_REDRAW;
}

/* Closing keeps what was typed: the draft comes back when the form is opened again (and, as
 * after a crash, at the next start); throwing it away is the second choice, never the first. */
static int keep_and_close(struct ui *ui, void *arg)
{
	struct form *f = arg;
	form_save_draft(ui, f);
	f->dirty = false;
	ui_message(ui, false, "%s", _("The form was closed; what you typed is kept as a draft and "
				      "comes back when you open this form again."));
	if (f->close)
		f->close(ui, f, false);
	return UI_REDRAW;
}

static int cancel(struct ui *ui, struct form *f)
{
	static const struct dialog_choice choices[] = { { 'y', keep_and_close }, { 'k', keep_and_close },
							{ 'd', give_up }, { 'n', NULL } };
	if (!f->dirty || !f->id)
		return give_up(ui, f) | FORM_CLOSED;
	dialog_choose(ui, _("Close the form?"),
		      _("What you typed is kept as a draft and comes back when you open this form "
			"again. Or throw it away with d; n goes back to the form."),
		      _("y: close, keep the draft   d: throw it away   n or Esc: back"), choices,
		      (int)(sizeof choices / sizeof choices[0]), f);
	return UI_REDRAW;
}

bool form_take_kept(struct ui *ui, struct form *f, int64_t record_id, char **data)
{
	struct wg_draft d;
	*data = NULL;
	if (wg_draft_find(ui->ctx, f->id, record_id, &d) != WG_OK)
		return false;
	*data = d.data; /* the caller's */
	return true;
}

static int choice_key(struct form_field *fd, const struct ui_key *k)
{
	int n = 0;
	while (fd->choices && fd->choices[n])
		n++;
	if (!n)
		return UI_IGNORED;
	if ((!k->is_key && k->code == ' ') || (k->is_key && k->code == KEY_RIGHT))
		fd->choice = (fd->choice + 1) % n;
	else if (k->is_key && k->code == KEY_LEFT)
		fd->choice = (fd->choice + n - 1) % n;
	else
		return UI_IGNORED;
	return UI_REDRAW;
}

/* Editing keys of the line editor; UI_IGNORED if k is not one. */
static int edit_key(struct ui *ui, struct form *f, const struct ui_key *k)
{
	struct form_field *fd = &f->fields[f->cur];
	struct wg_lineedit *ed = &fd->ed;
	bool changed = true;
	if (fd->type == FLD_CHOICE)
		return choice_key(fd, k) == UI_REDRAW
			       ? (f->dirty = fd->by_hand = true, ui_draft_touch(ui), UI_REDRAW)
			       : UI_IGNORED;
	if (!k->is_key && k->code >= 32 && k->code != 127) {
		if (fd->type == FLD_REF && fd->pick) {
			char typed[8] = "";
			wctomb(typed, (wchar_t)k->code);
			fd->pick(ui, f, f->cur, typed);
			return UI_REDRAW;
		}
		changed = wg_lineedit_insert(ed, (wchar_t)k->code);
	} else if ((k->is_key && k->code == KEY_BACKSPACE) || (!k->is_key && (k->code == 127 || k->code == 8))) {
		changed = wg_lineedit_backspace(ed);
	} else if (k->is_key && k->code == KEY_DC) {
		changed = wg_lineedit_delete(ed);
	} else if (!k->is_key && k->code == 21) {
		changed = wg_lineedit_kill_start(ed);
	} else if (!k->is_key && k->code == 11) {
		changed = wg_lineedit_kill_end(ed);
	} else if (!k->is_key && k->code == 23) {
		changed = wg_lineedit_kill_word(ed);
	} else {
		changed = false;
		if (k->is_key && k->code == KEY_LEFT) wg_lineedit_left(ed);
		else if (k->is_key && k->code == KEY_RIGHT) wg_lineedit_right(ed);
		else if ((k->is_key && k->code == KEY_HOME) || (!k->is_key && k->code == 1)) wg_lineedit_home(ed);
		else if ((k->is_key && k->code == KEY_END) || (!k->is_key && k->code == 5)) wg_lineedit_end(ed);
		else return UI_IGNORED;
	}
	if (changed) {
		f->dirty = true;
		fd->by_hand = true;
		fd->error[0] = '\0';
		if (fd->type == FLD_REF)
			fd->ref_id = 0;
		ui_draft_touch(ui);
	}
	return UI_REDRAW;
}

int form_key(struct ui *ui, struct form *f, enum ui_act act, const struct ui_key *k)
{
	switch (act) {
	case ACT_NEXT_FIELD: return move_field(ui, f, 1);
	case ACT_PREV_FIELD: return move_field(ui, f, -1);
	case ACT_SAVE: return save(ui, f, false);
	case ACT_SAVE_NEW: return save(ui, f, true);
	case ACT_CANCEL: return cancel(ui, f);
	case ACT_PICK:
		if (f->fields[f->cur].pick) {
			char typed[256];
			f->fields[f->cur].pick(ui, f, f->cur, form_value(f, f->cur, typed, sizeof typed));
		}
		return UI_REDRAW;
	default: break;
	}
	int r = edit_key(ui, f, k);
	return r == UI_IGNORED ? UI_HANDLED : r; /* a form swallows stray keys */
}

static int label_cols(const struct form *f)
{
	int cols = LABEL_MIN;
	for (int i = 0; i < f->n; i++) {
		int w = 1 + (int)wg_text_width(_(f->fields[i].label)); /* with the * of a required one */
		if (w > cols)
			cols = w < LABEL_MAX ? w : LABEL_MAX;
	}
	return cols;
}

static void draw_field(struct ui *ui, struct form *f, int i, WINDOW *w, int y, int x, int width,
		       int lcols)
{
	struct form_field *fd = &f->fields[i];
	char label[128], buf[512];
	snprintf(label, sizeof label, "%s%s", fd->required ? "*" : " ", _(fd->label));
	draw_text(w, y, x, label, lcols, draw_attr(ui, i == f->cur ? ROLE_FKEY : ROLE_LABEL));
	int fx = x + lcols + 1, fw = width - lcols - 1 < FIELD_COLS ? width - lcols - 1 : FIELD_COLS;
	int input = draw_attr(ui, ROLE_INPUT);
	if (fd->type == FLD_CHOICE) {
		const char *value = fd->choices ? fd->choices[fd->choice] : "";
		snprintf(buf, sizeof buf, "< %s >", fd->label_of ? fd->label_of(value) : _(value));
		draw_text(w, y, fx, buf, fw, i == f->cur ? draw_attr(ui, ROLE_SELECTED) : input);
	} else {
		struct wg_lineedit_view v = wg_lineedit_layout(&fd->ed, (size_t)fw - 1);
		char *text = wg_text_to_utf8(fd->ed.buf + v.start, v.end - v.start);
		draw_text(w, y, fx, text ? text : "", fw, input);
		free(text);
		if (i == f->cur)
			ui_place_cursor(ui, w, y, fx + (int)v.cursor_col);
	}
	int ex = fx + fw + 1;
	if (fd->error[0])
		draw_text(w, y, ex, fd->error, width - (ex - x), draw_attr(ui, ROLE_ERROR));
	else if (i == f->cur && fd->hint)
		draw_text(w, y, ex, _(fd->hint), width - (ex - x), draw_attr(ui, ROLE_DIM));
}

void form_draw(struct ui *ui, struct form *f, WINDOW *w, int y, int x, int h, int width)
{
	char title[160];
	snprintf(title, sizeof title, "%s%s", _(f->title), f->dirty ? _("  (not saved yet)") : "");
	draw_text(w, y, x, title, width, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	int rows = h - 2;
	if (f->cur < f->top)
		f->top = f->cur;
	if (f->cur >= f->top + rows)
		f->top = f->cur - rows + 1;
	int lcols = label_cols(f);
	for (int i = f->top; i < f->n && i - f->top < rows; i++)
		draw_field(ui, f, i, w, y + 1 + i - f->top, x, width, lcols);
	draw_text(w, y + h - 1, x, _("Tab/Enter next field, Shift-Tab back, F2 save, F3 save and new, Esc close"),
		  width, draw_attr(ui, ROLE_DIM));
}

char *form_draft(struct form *f)
{
	char *data = NULL, v[512], key[80];
	for (int i = 0; i < f->n; i++) {
		wg_draft_put(&data, f->fields[i].key, form_value(f, i, v, sizeof v));
		if (f->fields[i].type == FLD_REF) {
			snprintf(key, sizeof key, "%s#id", f->fields[i].key);
			snprintf(v, sizeof v, "%lld", (long long)f->fields[i].ref_id);
			wg_draft_put(&data, key, v);
		}
	}
	snprintf(v, sizeof v, "%d", f->cur);
	wg_draft_put(&data, "#field", v);
	return data;
}

void form_load_draft(struct form *f, const char *data)
{
	char v[512], key[80];
	for (int i = 0; i < f->n; i++) {
		if (wg_draft_field(data, f->fields[i].key, v, sizeof v))
			form_set(f, i, v);
		snprintf(key, sizeof key, "%s#id", f->fields[i].key);
		if (f->fields[i].type == FLD_REF && wg_draft_field(data, key, v, sizeof v))
			f->fields[i].ref_id = strtoll(v, NULL, 10);
	}
	if (wg_draft_field(data, "#field", v, sizeof v) && atoi(v) >= 0 && atoi(v) < f->n)
		f->cur = atoi(v);
	f->dirty = true;
}

void form_save_draft(struct ui *ui, struct form *f)
{
	if (!f->dirty || !f->id) /* a form without a draft name keeps none */
		return;
	char *data = form_draft(f);
	if (data && wg_draft_save(ui->ctx, f->id, f->record_id, data) != WG_OK)
		ui_core_error(ui);
	free(data);
}
