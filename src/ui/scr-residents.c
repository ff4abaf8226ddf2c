/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 3: residents - search as you type, masked list, detail with audited reveal, the form. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/cell.h>
#include <wangge/i18n.h>
#include <wangge/report.h>
#include <wangge/resident.h>
#include <wangge/text.h>
#include "form.h"
#include "lineedit.h"
#include "listview.h"

enum res_mode { RS_LIST, RS_SEARCH, RS_DETAIL, RS_FORM };

/* The form's fields are core's, field i is enum value i, in core's entry order (the ID number
 * early: it fills two others). */
#define NFIELDS WG_RF_COUNT

struct resscreen {
	enum res_mode mode;
	char new_tag[200];   /* a tag typed that the table does not have, offered to be made */
	struct wg_resident_query q;
	struct listview lv;
	struct wg_lineedit search;
	struct wg_resident shown;     /* the detail view's record */
	char household[400];          /* the others of its household: 户一甲 (户主)、... */
	struct wg_resident rec;       /* the record being typed */
	char orig[NFIELDS][256];      /* texts as loaded, so untouched masked values stay */
	struct form form;
	struct form_field fields[NFIELDS];
	char cell_code[64];
	char tag_label[256];          /* the tag or community the list is narrowed to (F7); "" for everyone */
};

static const struct lv_column res_cols[] = {
	{ N_("Full name"), 8, false, false }, { N_("Sex"), 6, false, false },
	{ N_("Age"), 4, false, true },     { N_("ID number"), 18, false, false },
	{ N_("Phone"), 11, false, false }, { N_("Grid cell"), 10, false, false },
	{ N_("Address"), 10, true, false },
};

static const enum ui_act list_bar[] = { ACT_HELP, ACT_NEW, ACT_FIND, ACT_EDIT, ACT_FILTER, ACT_DELETE,
					ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act detail_bar[] = { ACT_HELP, ACT_EDIT, ACT_DELETE, ACT_BACK, ACT_REVEAL, ACT_NONE };
static const enum ui_act form_bar[] = { ACT_HELP, ACT_SAVE, ACT_SAVE_NEW, ACT_PICK, ACT_CANCEL, ACT_NONE };

static int field_index(enum wg_resident_field rf)
{
	return (int)rf;
}

static void refill_from_record(struct resscreen *rs, int i)
{
	char text[512];
	wg_resident_text(&rs->rec, (enum wg_resident_field)i, text, sizeof text);
	form_set(&rs->form, i, text);
}

/* A value good alone that another field contradicts (an ID number against a gender or birth
 * date typed by hand): a new number goes into the record, filling what was not typed, and
 * what was typed is held against it when the form is saved. */
static bool disagrees(struct ui *ui, struct resscreen *rs, enum wg_resident_field rf,
		      const char *text)
{
	struct wg_resident alone = rs->rec;
	if (rf == WG_RF_ID_NUMBER) {
		alone.gender = 0;
		alone.birth_date[0] = '\0';
	} else if (rf == WG_RF_GENDER || rf == WG_RF_BIRTH_DATE) {
		alone.id_number[0] = '\0';
	} else {
		return false;
	}
	alone.derived = 0;
	if (wg_resident_set(ui->ctx, &alone, rf, text) != WG_OK)
		return false;
	if (rf == WG_RF_ID_NUMBER)
		rs->rec = alone;
	return true;
}

static int create_tag(struct ui *ui, void *arg)
{
	struct resscreen *rs = arg;
	int64_t id;
	if (wg_tag_add(ui->ctx, rs->new_tag, 0, &id) != WG_OK)
		return ui_core_error(ui);
	rs->fields[field_index(WG_RF_TAGS)].error[0] = '\0';
	ui_message(ui, false, _("The tag %s was created; Tab takes the field again."), rs->new_tag);
	return UI_REDRAW;
}

/* A tag typed that is no tag yet: offered to be made (for the roles that may), not just refused. */
static void offer_tag(struct ui *ui, struct resscreen *rs)
{
	static const struct dialog_choice choices[] = { { 'y', create_tag }, { 'n', NULL } };
	char what[512];
	snprintf(what, sizeof what, _("There is no tag %s yet. y creates it (clerks and "
				      "administrators may); n goes back to correct the name."), rs->new_tag);
	dialog_choose(ui, _("A new tag?"), what, _("y: create it   n or Esc: back"), choices, 2, rs);
}

static bool res_check(struct ui *ui, struct form *f, int field, const char *value, char *err, size_t errsz)
{
	struct resscreen *rs = f->owner;
	enum wg_resident_field rf = (enum wg_resident_field)field;
	if (f->record_id && strcmp(value, rs->orig[field]) == 0)
		return true; /* untouched: a masked ID or phone keeps the stored value */
	if ((rf == WG_RF_GENDER || rf == WG_RF_BIRTH_DATE) && !f->fields[field].by_hand)
		return true; /* filled from the ID number: the number's, until typed over */
	const char *text = rf == WG_RF_CELL ? rs->cell_code : value;
	if (rf == WG_RF_CELL && !*value)
		text = "";
	if (wg_resident_set(ui->ctx, &rs->rec, rf, text) == WG_OK)
		return true;
	snprintf(err, errsz, "%s", wg_error(ui->ctx));
	f->fields[field].conflict = disagrees(ui, rs, rf, text);
	if (rf == WG_RF_TAGS && wg_tag_unknown(ui->ctx, text, rs->new_tag, sizeof rs->new_tag))
		offer_tag(ui, rs);
	return false;
}

/* A value shows as it will be stored (5 as 5号楼, 2单元 as 2, a phone without its blanks),
 * and an ID number fills gender and birth date, unless the clerk typed them. */
static void res_changed(struct ui *ui, struct form *f, int field)
{
	struct resscreen *rs = f->owner;
	enum wg_resident_field rf = (enum wg_resident_field)field;
	(void)ui;
	if (rf == WG_RF_ID_NUMBER || rf == WG_RF_PHONE || rf == WG_RF_BIRTH_DATE ||
	    rf == WG_RF_BUILDING || rf == WG_RF_UNIT || rf == WG_RF_ROOM)
		refill_from_record(rs, field);
	if (rf != WG_RF_ID_NUMBER)
		return;
	if (!rs->form.fields[field_index(WG_RF_GENDER)].by_hand)
		refill_from_record(rs, field_index(WG_RF_GENDER));
	if (!rs->form.fields[field_index(WG_RF_BIRTH_DATE)].by_hand)
		refill_from_record(rs, field_index(WG_RF_BIRTH_DATE));
}

static void cell_chosen(struct ui *ui, void *arg, int64_t id, const char *code, const char *label)
{
	struct resscreen *rs = arg;
	snprintf(rs->cell_code, sizeof rs->cell_code, "%s", code);
	form_set_ref(ui, &rs->form, field_index(WG_RF_CELL), id, code, label);
}

static void pick_cell(struct ui *ui, struct form *f, int field, const char *typed)
{
	(void)field;
	cell_pick(ui, typed, cell_chosen, f->owner);
}

static int res_save(struct ui *ui, struct form *f)
{
	struct resscreen *rs = f->owner;
	enum wg_resident_field bad;
	if (wg_resident_check(ui->ctx, &rs->rec, &bad) == WG_OK)
		bad = WG_RF_ID_NUMBER; /* what only the save finds: a number already registered */
	if (bad != WG_RF_ID_NUMBER || wg_resident_save(ui->ctx, &rs->rec) != WG_OK) {
		form_error(f, field_index(bad), "%s", wg_error(ui->ctx));
		return ui_core_error(ui), WG_EINVAL;
	}
	ui_message(ui, false, _("Saved: %s"), rs->rec.name);
	lv_refresh(ui, &rs->lv);
	wg_resident_next(&rs->rec); /* "save and new" keeps cell, building, unit and room: a family
				     * is entered one after another */
	memset(rs->orig, 0, sizeof rs->orig);
	return WG_OK;
}

static void res_close(struct ui *ui, struct form *f, bool saved)
{
	struct resscreen *rs = f->owner;
	(void)saved;
	rs->mode = RS_LIST;
	lv_refresh(ui, &rs->lv);
}

static void pick_tags(struct ui *ui, struct form *f, int field, const char *typed);
static void pick_relation(struct ui *ui, struct form *f, int field, const char *typed);

static void setup_form(struct resscreen *rs)
{
	for (int i = 0; i < NFIELDS; i++) {
		const struct wg_resident_field_info *fi = wg_resident_field_info(i);
		struct form_field *fd = &rs->fields[i];
		memset(fd, 0, sizeof *fd);
		fd->key = fi->key;
		fd->type = fi->flags & WG_RFF_REF ? FLD_REF : FLD_TEXT;
		fd->required = (fi->flags & WG_RFF_REQUIRED) != 0;
		fd->keep_on_new = (fi->flags & WG_RFF_ADDRESS) != 0;
		fd->maxlen = fi->max > 60 ? fi->max : 60;
		fd->pick = i == WG_RF_CELL ? pick_cell : i == WG_RF_TAGS ? pick_tags
			   : i == WG_RF_RELATION ? pick_relation : NULL;
	}
	rs->form = (struct form){ .id = "residents.form", .title = N_("Resident"), .fields = rs->fields,
				  .n = NFIELDS, .owner = rs, .save = res_save, .changed = res_changed,
				  .close = res_close, .check = res_check };
	form_init(&rs->form);
}

/* Labels come from core so the form and the importer name fields alike. */
static void label_fields(struct resscreen *rs)
{
	for (int i = 0; i < NFIELDS; i++) {
		rs->fields[i].label = wg_resident_field_label((enum wg_resident_field)i);
		rs->fields[i].hint = wg_resident_field_hint((enum wg_resident_field)i);
	}
}

static void open_form(struct ui *ui, struct resscreen *rs, int64_t id)
{
	form_clear(&rs->form, false);
	wg_resident_init(&rs->rec);
	memset(rs->orig, 0, sizeof rs->orig);
	rs->cell_code[0] = '\0';
	if (id && wg_resident_load(ui->ctx, id, &rs->rec) != WG_OK) {
		ui_core_error(ui);
		return;
	}
	rs->form.record_id = id;
	rs->form.title = id ? N_("Change resident") : N_("New resident");
	if (id) {
		for (int i = 0; i < NFIELDS; i++) {
			refill_from_record(rs, i);
			form_value(&rs->form, i, rs->orig[i], sizeof rs->orig[i]);
		}
		snprintf(rs->cell_code, sizeof rs->cell_code, "%s", rs->rec.cell_code);
		rs->fields[field_index(WG_RF_CELL)].ref_id = rs->rec.cell_id;
	}
	rs->form.dirty = false;
	rs->form.cur = 0;
	rs->mode = RS_FORM;
}

/* The form just opened takes a draft's values, and the record follows them. */
static void fill_from_draft(struct ui *ui, struct resscreen *rs, const char *data)
{
	struct wg_cell cell;
	form_load_draft(&rs->form, data);
	int ci = field_index(WG_RF_CELL);
	if (rs->fields[ci].ref_id && wg_cell_get(ui->ctx, rs->fields[ci].ref_id, &cell) == WG_OK)
		snprintf(rs->cell_code, sizeof rs->cell_code, "%s", cell.code);
	for (int i = 0; i < NFIELDS; i++) { /* bring the record up to the draft's values */
		char v[512];
		form_value(&rs->form, i, v, sizeof v);
		if (*v)
			wg_resident_set(ui->ctx, &rs->rec, (enum wg_resident_field)i, (enum wg_resident_field)i == WG_RF_CELL ? rs->cell_code : v);
	}
}

/* The form as the clerk left it with Esc, if there is a draft of it; else empty or as stored. */
static void open_form_kept(struct ui *ui, struct resscreen *rs, int64_t id)
{
	char *data;
	if (wg_resident_may_enter(ui->ctx) != WG_OK) { /* a form that could not be saved stays shut */
		ui_core_error(ui);
		return;
	}
	open_form(ui, rs, id);
	if (rs->mode != RS_FORM || !form_take_kept(ui, &rs->form, id, &data))
		return;
	fill_from_draft(ui, rs, data);
	free(data);
	ui_message(ui, false, "%s", _("What you typed before is back (the draft kept when the form "
				      "was closed)."));
}

static int res_open(struct ui *ui, struct ui_screen *s)
{
	struct resscreen *rs = calloc(1, sizeof *rs);
	if (!rs)
		return WG_EIO;
	s->st = rs;
	wg_lineedit_init(&rs->search, 60);
	lv_init(&rs->lv, wg_resident_source(&rs->q), res_cols, (int)(sizeof res_cols / sizeof res_cols[0]));
	rs->lv.empty_text = N_("No resident matches. F2 adds one; Esc clears the search.");
	setup_form(rs);
	label_fields(rs);
	lv_reload(ui, &rs->lv);
	return WG_OK;
}

static void detail_row(struct ui *ui, WINDOW *w, int y, const char *label, const char *value, int width)
{
	draw_text(w, y, 2, label, 12, draw_attr(ui, ROLE_LABEL));
	draw_text(w, y, 15, value, width - 17, (int)A_NORMAL);
}

static void draw_detail(struct ui *ui, struct resscreen *rs, WINDOW *w, int width)
{
	static const enum wg_resident_field rows[] = { WG_RF_NAME, WG_RF_GENDER, WG_RF_ID_NUMBER,
		WG_RF_BIRTH_DATE, WG_RF_PHONE, WG_RF_CELL, WG_RF_BUILDING, WG_RF_UNIT, WG_RF_ROOM,
		WG_RF_RELATION, WG_RF_TAGS, WG_RF_NOTES };
	char text[600];
	draw_text(w, 0, 2, rs->shown.masked ? _("ID number and phone are masked: v reveals them (recorded)")
					    : _("Full values shown; this was recorded in the audit log"),
		  width - 4, draw_attr(ui, rs->shown.masked ? ROLE_DIM : ROLE_YELLOW));
	int y = 2;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		wg_resident_text(&rs->shown, rows[i], text, sizeof text);
		if (rows[i] == WG_RF_CELL)
			snprintf(text, sizeof text, "%s %s", rs->shown.cell_code, rs->shown.cell_name);
		detail_row(ui, w, y++, wg_resident_field_label(rows[i]), text, width);
		if (rows[i] == WG_RF_RELATION)
			detail_row(ui, w, y++, _("Household"), rs->household, width);
	}
}

static void res_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct resscreen *rs = s->st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (!rs)
		return;
	if (rs->mode == RS_FORM) {
		form_draw(ui, &rs->form, w, 0, 1, h, wd - 2);
		return;
	}
	if (rs->mode == RS_DETAIL) {
		draw_detail(ui, rs, w, wd);
		return;
	}
	struct wg_lineedit_view v = wg_lineedit_layout(&rs->search, 40);
	char *q = wg_text_to_utf8(rs->search.buf + v.start, v.end - v.start);
	draw_text(w, 0, 0, _("Find:"), 6, draw_attr(ui, ROLE_LABEL));
	draw_text(w, 0, 6, q ? q : "", 41, draw_attr(ui, ROLE_INPUT));
	free(q);
	if (rs->mode != RS_SEARCH && rs->tag_label[0]) { /* a filter is never on unseen */
		char line[400], keys[64];
		if (rs->q.cell_id) {
			community_line(ui, w, 0, 48, wd - 48, rs->tag_label);
		} else {
			keymap_describe(ACT_CLEAR_FILTER, keys, sizeof keys);
			/* L10N: the residents list narrowed to one tag; %2$s is the key that clears it */
			snprintf(line, sizeof line, _("Tag: %1$s × (%2$s clears it)"), rs->tag_label, keys);
			draw_text(w, 0, 48, line, wd - 48, draw_attr(ui, ROLE_YELLOW) | A_BOLD);
		}
	} else {
		draw_text(w, 0, 48, rs->mode == RS_SEARCH ? _("name, ID or phone digits, address; Enter: list")
							   : _("/ to search"), wd - 48, draw_attr(ui, ROLE_DIM));
	}
	if (rs->mode == RS_SEARCH)
		ui_place_cursor(ui, w, 0, 6 + (int)v.cursor_col);
	lv_draw(ui, &rs->lv, w, 1, 0, h - 1, wd);
}

static int search_key(struct ui *ui, struct resscreen *rs, enum ui_act act, const struct ui_key *k)
{
	bool changed = false;
	if (act == ACT_CANCEL) {
		changed = wg_lineedit_kill_start(&rs->search) | wg_lineedit_kill_end(&rs->search);
		rs->mode = RS_LIST;
	} else if (act == ACT_NEXT_FIELD) {
		rs->mode = RS_LIST;
	} else if (!k->is_key && k->code >= 32 && k->code != 127) {
		changed = wg_lineedit_insert(&rs->search, (wchar_t)k->code);
	} else if ((k->is_key && k->code == KEY_BACKSPACE) || (!k->is_key && (k->code == 127 || k->code == 8))) {
		changed = wg_lineedit_backspace(&rs->search);
	} else if (!k->is_key && k->code == 21) {
		changed = wg_lineedit_kill_start(&rs->search);
	}
	if (changed) {
		char *q = wg_lineedit_get(&rs->search);
		snprintf(rs->q.text, sizeof rs->q.text, "%s", q ? q : "");
		free(q);
		lv_reload(ui, &rs->lv);
	}
	return UI_REDRAW;
}

static int do_delete(struct ui *ui, void *arg)
{
	struct resscreen *rs = arg;
	if (wg_resident_delete(ui->ctx, rs->shown.id) != WG_OK)
		return ui_core_error(ui);
	ui_message(ui, false, _("Removed: %s"), rs->shown.name);
	rs->mode = RS_LIST;
	lv_refresh(ui, &rs->lv);
	return UI_REDRAW;
}

struct members {
	int64_t self;
	char *out;
	size_t len, size;
};

static int add_member(void *arg, int64_t id, const char *name, const char *relation)
{
	struct members *m = arg;
	if (id == m->self || m->len >= m->size)
		return WG_OK;
	int n = snprintf(m->out + m->len, m->size - m->len, *relation ? "%s%s (%s)" : "%s%s",
			 m->len ? "、" : "", name, relation);
	m->len += n > 0 ? (size_t)n : 0;
	return WG_OK;
}

/* The others of the shown resident's household, for the detail. */
static void load_household(struct ui *ui, struct resscreen *rs)
{
	struct members m = { rs->shown.id, rs->household, 0, sizeof rs->household };
	rs->household[0] = '\0';
	if (rs->shown.household_id)
		wg_household_members(ui->ctx, rs->shown.household_id, add_member, &m);
	if (!rs->household[0])
		snprintf(rs->household, sizeof rs->household, "%s",
			 rs->shown.household_id ? _("lives alone") : _("none (no building or room)"));
}

static int load_selected(struct ui *ui, struct resscreen *rs)
{
	const struct wg_row *row = lv_selected(&rs->lv);
	if (!row)
		return -1;
	if (rs->shown.id != row->key.id || rs->mode != RS_DETAIL) {
		if (wg_resident_load(ui->ctx, row->key.id, &rs->shown) != WG_OK)
			return ui_core_error(ui), -1;
		load_household(ui, rs);
	}
	return 0;
}

/* The database changed: the list reads its window again, the open record too unless its
 * full values are shown (a reveal is one look, recorded once; it is not repeated unasked).
 * A form being typed is left alone. */
static void res_refresh(struct ui *ui, struct ui_screen *s)
{
	struct resscreen *rs = s->st;
	if (!rs)
		return;
	lv_refresh(ui, &rs->lv);
	if (rs->mode != RS_DETAIL || !rs->shown.masked)
		return;
	if (wg_resident_load(ui->ctx, rs->shown.id, &rs->shown) != WG_OK) {
		rs->mode = RS_LIST; /* removed meanwhile (elsewhere): back to the list */
		ui_core_error(ui);
		return;
	}
	load_household(ui, rs);
}

static void confirm_delete(struct ui *ui, struct resscreen *rs)
{
	char what[512], addr[200];
	wg_resident_text(&rs->shown, WG_RF_ID_NUMBER, addr, sizeof addr);
	snprintf(what, sizeof what, _("Remove resident %s (%s, %s %s %s-%s) with their tags and household "
				      "link? This cannot be undone."), rs->shown.name, addr, rs->shown.cell_name,
		 rs->shown.building, rs->shown.unit, rs->shown.room);
	dialog_confirm(ui, _("Remove a resident"), what, do_delete, rs);
}

/* F7: show everyone, or only the residents with one tag (key-care groups first). */
#define TAG_CHOICES 24

struct tag_menu {
	char items[TAG_CHOICES][256];
	int64_t ids[TAG_CHOICES];
	char names[TAG_CHOICES][200];
	int n;
};

static int add_tag_choice(void *arg, const struct wg_tag *t)
{
	struct tag_menu *m = arg;
	if (m->n < TAG_CHOICES) {
		m->ids[m->n] = t->id;
		snprintf(m->names[m->n], sizeof m->names[0], "%s", t->name);
		snprintf(m->items[m->n], sizeof m->items[0], "%d %s%s", m->n + 1 < 10 ? m->n + 1 : 0, t->name,
			 t->key_care ? _("  (key care)") : "");
		m->n++;
	}
	return WG_OK;
}

static struct tag_menu tags_shown; /* the choices on screen; one menu at a time */

/* A value chosen from a list goes into a form field as if typed. */
static void put_chosen(struct ui *ui, struct resscreen *rs, enum wg_resident_field rf, const char *v)
{
	int fi = field_index(rf);
	form_set(&rs->form, fi, v);
	rs->fields[fi].by_hand = true;
	rs->fields[fi].error[0] = '\0';
	rs->form.dirty = true;
	ui_draft_touch(ui);
}

/* F4 on the tags field: the chosen tag is added to those the field holds. */
static int form_tag_picked(struct ui *ui, void *arg, int index)
{
	struct resscreen *rs = arg;
	char v[512], joined[800];
	form_value(&rs->form, field_index(WG_RF_TAGS), v, sizeof v);
	snprintf(joined, sizeof joined, "%s%s%s", v, *v ? "；" : "", tags_shown.names[index]);
	put_chosen(ui, rs, WG_RF_TAGS, joined);
	return UI_REDRAW;
}

static void pick_tags(struct ui *ui, struct form *f, int field, const char *typed)
{
	(void)field, (void)typed;
	tags_shown.n = 0;
	if (wg_tag_list(ui->ctx, add_tag_choice, &tags_shown) != WG_OK) {
		ui_core_error(ui);
		return;
	}
	choice_menu_open(ui, _("Add a tag"), tags_shown.items, tags_shown.n, form_tag_picked, f->owner);
}

static char relation_items[16][256];

static int relation_picked(struct ui *ui, void *arg, int index)
{
	put_chosen(ui, arg, WG_RF_RELATION, wg_relations[index]);
	return UI_REDRAW;
}

static void pick_relation(struct ui *ui, struct form *f, int field, const char *typed)
{
	int n = 0;
	(void)field, (void)typed;
	for (; wg_relations[n] && n < 16; n++)
		snprintf(relation_items[n], sizeof relation_items[n], "%c %s",
			 n < 9 ? '1' + n : n == 9 ? '0' : ' ', wg_relations[n]);
	choice_menu_open(ui, _("Relation to the head of the household"), relation_items, n,
			 relation_picked, f->owner);
}

/* F7's menu: everyone; the communities, when the database holds more than one (a street's);
 * the tags. */
#define FILTER_COMMUNITIES 40

static struct {
	char items[1 + FILTER_COMMUNITIES + TAG_CHOICES][256];
	char labels[1 + FILTER_COMMUNITIES + TAG_CHOICES][200];
	char codes[1 + FILTER_COMMUNITIES][64];
	int64_t tags[1 + FILTER_COMMUNITIES + TAG_CHOICES];
	int n, communities;
} filter_menu;

/* The next line of the menu: its text after the number that picks it (1-9), and its label. */
static void filter_add(const char *text, const char *label, int64_t tag)
{
	int i = filter_menu.n++;
	if (i < 9)
		snprintf(filter_menu.items[i], sizeof filter_menu.items[0], "%d %s", i + 1, text);
	else
		snprintf(filter_menu.items[i], sizeof filter_menu.items[0], "  %s", text);
	snprintf(filter_menu.labels[i], sizeof filter_menu.labels[0], "%s", label);
	filter_menu.tags[i] = tag;
}

static int add_community_choice(void *arg, const char *code, const char *name)
{
	char text[200];
	(void)arg;
	if (filter_menu.communities < FILTER_COMMUNITIES) {
		snprintf(filter_menu.codes[filter_menu.n], sizeof filter_menu.codes[0], "%s", code);
		/* L10N: a choice of the residents' filter: one community of a street's database */
		snprintf(text, sizeof text, _("Community %s  %s"), code, name);
		filter_add(text, name, 0);
		filter_menu.communities++;
	}
	return WG_OK;
}

static int add_filter_tag(void *arg, const struct wg_tag *t)
{
	char text[200];
	(void)arg;
	if (filter_menu.n - 1 - filter_menu.communities < TAG_CHOICES) {
		snprintf(text, sizeof text, "%s%s", t->name, t->key_care ? _("  (key care)") : "");
		filter_add(text, t->name, t->id);
	}
	return WG_OK;
}

static int tag_picked(struct ui *ui, void *arg, int index)
{
	struct resscreen *rs = arg;
	int64_t cell = 0;
	if (index >= 1 && index <= filter_menu.communities &&
	    wg_cell_find(ui->ctx, filter_menu.codes[index], &cell) != WG_OK)
		return ui_core_error(ui);
	rs->q.tag_id = filter_menu.tags[index];
	rs->q.cell_id = cell;
	rs->tag_label[0] = '\0';
	if (rs->q.tag_id || rs->q.cell_id)
		snprintf(rs->tag_label, sizeof rs->tag_label, "%s", filter_menu.labels[index]);
	if (rs->q.cell_id)
		ui_message(ui, false, _("Showing the residents of %s; F7 changes it"), rs->tag_label);
	else if (rs->q.tag_id)
		ui_message(ui, false, _("Showing residents tagged %s; F7 changes it"), rs->tag_label);
	return lv_reload(ui, &rs->lv);
}

static int clear_tag(struct ui *ui, struct resscreen *rs)
{
	if (!rs->q.tag_id && !rs->q.cell_id) {
		ui_message(ui, false, "%s", _("No filter is on: the list shows everyone."));
		return UI_REDRAW;
	}
	rs->q.tag_id = 0;
	rs->q.cell_id = 0;
	rs->tag_label[0] = '\0';
	ui_message(ui, false, "%s", _("Filter cleared: the list shows everyone again."));
	return lv_reload(ui, &rs->lv);
}

static void choose_tag(struct ui *ui, struct resscreen *rs)
{
	filter_menu.n = filter_menu.communities = 0;
	filter_add(_("everyone"), "", 0);
	if (wg_report_communities(ui->ctx, add_community_choice, NULL) != WG_OK) {
		ui_core_error(ui);
		return;
	}
	if (filter_menu.communities < 2) /* one community's own database: it is everyone */
		filter_menu.n = 1, filter_menu.communities = 0;
	if (wg_tag_list(ui->ctx, add_filter_tag, NULL) != WG_OK) {
		ui_core_error(ui);
		return;
	}
	choice_menu_open(ui, filter_menu.communities ? _("Show the residents of a community, or with a tag")
			 : _("Show residents with the tag"), filter_menu.items, filter_menu.n, tag_picked, rs);
}

/* ---- what each key does in each mode (the rows at the end) ---- */

static int k_form(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	int r = form_key(ui, &((struct resscreen *)st)->form, act, k);
	return r & (UI_REDRAW | UI_HANDLED) ? UI_REDRAW : r;
}

static int k_search(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	return search_key(ui, st, act, k);
}

static int k_new(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)act, (void)k;
	open_form_kept(ui, st, 0);
	return UI_REDRAW;
}

static int k_find(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)ui, (void)act, (void)k;
	((struct resscreen *)st)->mode = RS_SEARCH;
	return UI_REDRAW;
}

static int k_filter(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)k;
	if (act == ACT_CLEAR_FILTER)
		return clear_tag(ui, st);
	choose_tag(ui, st);
	return UI_REDRAW;
}

/* Enter, F4 and F8 act on the selected resident (or the one shown). */
static int k_record(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct resscreen *rs = st;
	(void)k;
	if (load_selected(ui, rs) != 0)
		return UI_REDRAW;
	if (act == ACT_OPEN)
		rs->mode = RS_DETAIL;
	else if (act == ACT_EDIT)
		open_form_kept(ui, rs, rs->shown.id);
	else
		confirm_delete(ui, rs);
	return UI_REDRAW;
}

static int k_back(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)ui, (void)act, (void)k;
	((struct resscreen *)st)->mode = RS_LIST;
	return UI_REDRAW;
}

static int k_reveal(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)act, (void)k;
	return wg_resident_unmask(ui->ctx, &((struct resscreen *)st)->shown) == WG_OK ? UI_REDRAW
										     : ui_core_error(ui);
}

static int k_move(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)k;
	return lv_key(ui, &((struct resscreen *)st)->lv, act);
}

static const struct ui_keyrow res_keys[] = {
	{ RS_FORM, UI_ANY_ACT, k_form },
	{ RS_SEARCH, UI_ANY_ACT, k_search },
	{ RS_DETAIL, ACT_BACK, k_back },
	{ RS_DETAIL, ACT_REVEAL, k_reveal },
	{ RS_DETAIL, ACT_EDIT, k_record },
	{ RS_DETAIL, ACT_DELETE, k_record },
	{ RS_LIST, ACT_NEW, k_new },
	{ RS_LIST, ACT_FIND, k_find },
	{ RS_LIST, ACT_FILTER, k_filter },
	{ RS_LIST, ACT_CLEAR_FILTER, k_filter },
	{ RS_LIST, ACT_OPEN, k_record },
	{ RS_LIST, ACT_EDIT, k_record },
	{ RS_LIST, ACT_DELETE, k_record },
	{ RS_LIST, UI_ANY_ACT, k_move },
	{ 0, ACT_NONE, NULL },
};

static int res_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	struct resscreen *rs = s->st;
	return rs ? ui_key_rows(res_keys, (int)rs->mode, ui, rs, act, k) : UI_IGNORED;
}

static enum ui_keyctx res_keyctx(struct ui_screen *s)
{
	struct resscreen *rs = s->st;
	return rs && (rs->mode == RS_FORM || rs->mode == RS_SEARCH) ? KCTX_FORM : KCTX_LIST;
}

static void res_save_draft(struct ui *ui, struct ui_screen *s)
{
	struct resscreen *rs = s->st;
	if (rs && rs->mode == RS_FORM)
		form_save_draft(ui, &rs->form);
}

static void res_restore(struct ui *ui, struct ui_screen *s, const char *form, const char *data)
{
	struct resscreen *rs = s->st;
	(void)form;
	if (!rs)
		return;
	open_form(ui, rs, 0);
	fill_from_draft(ui, rs, data);
	ui_message(ui, false, "%s", _("A form you had not saved was found and reopened: F2 saves it, Esc closes it."));
}

static void res_close_screen(struct ui *ui, struct ui_screen *s)
{
	struct resscreen *rs = s->st;
	(void)ui;
	if (!rs)
		return;
	form_free(&rs->form);
	lv_free(&rs->lv);
	wg_lineedit_free(&rs->search);
	free(rs);
}

static const enum ui_act *res_bar_now(struct ui_screen *s)
{
	struct resscreen *rs = s->st;
	return rs->mode == RS_FORM ? form_bar : rs->mode == RS_DETAIL ? detail_bar : list_bar;
}

const struct ui_screen_ops scr_residents = {
	.id = "residents",
	.tab = ACT_SCREEN3,
	.short_label = N_("People"),
	.open = res_open,
	.reload = res_refresh,
	.draw = res_draw,
	.key = res_key,
	.close = res_close_screen,
	.bar = list_bar,
	.bar_for = res_bar_now,
	.keyctx = res_keyctx,
	.save_draft = res_save_draft,
	.restore_draft = res_restore,
};
