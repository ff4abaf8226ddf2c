/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Picker popup: filter as you type, choose with Enter (cells, categories, people). */
#ifndef WANGGE_UI_PICKER_H
#define WANGGE_UI_PICKER_H

#include <stdint.h>
#include "ui.h"

struct picker_item {
	int64_t id;
	char code[40];
	char label[200];
	char detail[200];
};

#define PICKER_MAX 40

struct picker_ops {
	/* Fills items with the best matches for query ("" lists the first ones). */
	int (*search)(struct ui *ui, void *arg, const char *query, struct picker_item *items, int max,
		      int *total);
	void (*chosen)(struct ui *ui, void *arg, const struct picker_item *item);
	void (*done)(void *arg); /* may be NULL */
};

void picker_open(struct ui *ui, const char *title, const char *initial, const struct picker_ops *ops,
		 void *arg);

#endif
