/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 8's shared state between the list/detail file and the forms file. */
#ifndef WANGGE_UI_SCR_TASKS_H
#define WANGGE_UI_SCR_TASKS_H

#include <wangge/task.h>
#include "form.h"
#include "listview.h"

#define TS_SUGGEST 8
#define TS_MARKS 100

enum ts_mode { TS_LIST, TS_DETAIL, TS_NEW, TS_MOVE, TS_FILTER };

enum { NF_SOURCE, NF_CELL, NF_CATEGORY, NF_TITLE, NF_DESCRIPTION, NF_ADDRESS, NF_PRIORITY,
       NF_REPORTER, NF_COUNT };
enum { MF_NOTE, MF_HANDLER, MF_RATING, MF_REVIEW, MF_LEVEL, MF_COUNT };
enum { FF_CELL, FF_SECTOR, FF_STATE, FF_HANDLER, FF_FROM, FF_TO, FF_SORT, FF_COUNT };

struct taskscreen {
	enum ts_mode mode;
	bool fresh;          /* just opened: what open read is current (the enter hook skips once) */
	bool glyph_light;    /* the list's light as ● (colour, Unicode), else a letter */
	enum wg_task_queue queue;
	struct wg_task_filter filter;
	long counts[WG_Q_COUNT];
	struct wg_task_queue_src *qs;
	struct wg_list_source qsrc;
	struct listview lv;
	struct wg_task_detail detail;
	int64_t detail_id;
	int timeline_top;
	/* the new-case form */
	struct form nform;
	struct form_field nfields[NF_COUNT];
	char cell_code[64], category_code[32];
	int64_t from_patrol;
	int64_t dup_id; /* the open case the new one may duplicate */
	int64_t reporter_id;        /* the resident picked as reporter (F4), 0 for free text */
	char reporter_label[128];   /* the text the pick put in the field */
	struct wg_handler picked;   /* the handler picked in the move form (F4) */
	char picked_label[200];
	/* the move form: what one state action needs */
	struct form mform;
	struct form_field mfields[MF_COUNT];
	int mmap[MF_COUNT]; /* form field -> MF_* */
	enum wg_task_action action;
	int64_t marked[TS_MARKS]; /* cases marked with Space for bulk dispatch */
	int nmarked;
	bool bulk; /* the move form dispatches the marked cases */
	struct wg_suggestion sugg[TS_SUGGEST];
	int nsugg;
	/* the filter form */
	struct form fform;
	struct form_field ffields[FF_COUNT];
	char filter_cell[64];
	char filter_label[400]; /* the filter in force, in words; "" when none */
};

/* task-forms.c */
void tasks_forms_init(struct taskscreen *ts);
void tasks_forms_free(struct taskscreen *ts);
void tasks_open_new(struct ui *ui, struct taskscreen *ts);
/* The state menu (F6): every action, allowed ones first; choosing one opens what it needs. */
void tasks_state_menu(struct ui *ui, struct taskscreen *ts);
/* The dispatch popup (F5): ranked suggestions with reasons; 1-9 picks, o names anyone. */
void tasks_dispatch(struct ui *ui, struct taskscreen *ts);
/* Bulk dispatch of the cases marked with Space: asks for one handler. */
void tasks_dispatch_marked(struct ui *ui, struct taskscreen *ts);
/* The filter form (F7): cell, sector, state, handler, dates, sort. */
void tasks_open_filter(struct ui *ui, struct taskscreen *ts);
/* c: drops the filter, so every queue shows all cases again. */
int tasks_clear_filter(struct ui *ui, struct taskscreen *ts);
/* Opens the current queue again with the current filter. */
int tasks_reopen(struct ui *ui, struct taskscreen *ts);
/* Reloads counts, the list and the open case after a change. */
void tasks_changed(struct ui *ui, struct taskscreen *ts);

#endif
