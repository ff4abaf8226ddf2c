/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Forms: a column of labelled, typed, validated fields built on the line editor. */
#ifndef WANGGE_UI_FORM_H
#define WANGGE_UI_FORM_H

#include <stdint.h>
#include "lineedit.h"
#include "ui.h"

enum fld_type { FLD_TEXT, FLD_INT, FLD_DATE, FLD_PHONE, FLD_IDNUM, FLD_CHOICE, FLD_REF };

struct form;

struct form_field {
	const char *key;      /* for drafts and the owner */
	const char *label;    /* N_() */
	enum fld_type type;
	bool required;
	bool keep_on_new;     /* "save and new" keeps it (same building, same cell) */
	int maxlen;           /* characters; 0: 200 */
	const char *hint;     /* N_(): what the field accepts, shown while editing */
	const char *const *choices; /* FLD_CHOICE: values (N_() labels), NULL-terminated */
	const char *(*label_of)(const char *value); /* FLD_CHOICE: words for a value; NULL: _() */
	long min, max;        /* FLD_INT range */
	/* FLD_REF: opens a picker; the owner fills ref_id and the text. */
	void (*pick)(struct ui *ui, struct form *f, int field, const char *typed);
	/* runtime */
	struct wg_lineedit ed;
	int choice;
	int64_t ref_id;
	char error[256];
	bool by_hand;  /* the clerk typed in it (a value another field derives stops following) */
	bool conflict; /* error is a disagreement with another field: shown, the cursor may move */
};

struct form {
	const char *id;      /* draft name, e.g. "residents.new" */
	const char *title;   /* N_() */
	struct form_field *fields;
	int n, cur, top;
	int64_t record_id;
	bool dirty;
	void *owner;
	/* Stores the record; WG_OK when saved (the form then closes or starts anew). */
	int (*save)(struct ui *ui, struct form *f);
	/* The owner's rules for one field after its type check; false with err set when bad, and
	 * the field's conflict set when the value is good alone but disagrees with another field
	 * (a cross-field problem never keeps the cursor in place; the save refuses it). */
	bool (*check)(struct ui *ui, struct form *f, int field, const char *value, char *err,
		      size_t errsz);
	/* Called when the clerk leaves a field whose value changed (derive others). */
	void (*changed)(struct ui *ui, struct form *f, int field);
	/* The owner closes the form (saved or given up); the draft is already gone. */
	void (*close)(struct ui *ui, struct form *f, bool saved);
};

/* The draft kept when the form (of record_id, 0 for a new one) was closed with Esc: true and
 * its data (malloc'd, the caller frees it) when there is one. */
bool form_take_kept(struct ui *ui, struct form *f, int64_t record_id, char **data);
/* Writes the form as a draft if it has unsaved changes. */
void form_save_draft(struct ui *ui, struct form *f);

void form_init(struct form *f);
void form_free(struct form *f);
/* Clears all fields, or only those not marked keep_on_new. */
void form_clear(struct form *f, bool keep_shared);
const char *form_value(struct form *f, int field, char *buf, size_t bufsz);
void form_set(struct form *f, int field, const char *value);
/* A picker's choice into a FLD_REF field: "CODE label" shown, the key kept, the field's error
 * cleared, the cursor moved on, the draft due. */
void form_set_ref(struct ui *ui, struct form *f, int field, int64_t id, const char *code,
		  const char *label);
/* Checks one field; sets its error and returns false when bad. */
bool form_check_field(struct ui *ui, struct form *f, int field);
/* Sets an error on a field (from the owner's rules) and moves the cursor there. */
void form_error(struct form *f, int field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Keys: editing, moving between fields, save / save-and-new, cancel. */
int form_key(struct ui *ui, struct form *f, enum ui_act act, const struct ui_key *k);
void form_draw(struct ui *ui, struct form *f, WINDOW *w, int y, int x, int h, int width);
/* Draft text of every field; malloc'd. */
char *form_draft(struct form *f);
void form_load_draft(struct form *f, const char *data);

/* Results of form_key beyond enum ui_result. */
#define FORM_SAVED 0x100
#define FORM_CLOSED 0x200

#endif
