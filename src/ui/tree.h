/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Tree view over an indexed tree (nodes 0..n-1 with first child / next sibling links). */
#ifndef WANGGE_UI_TREE_H
#define WANGGE_UI_TREE_H

#include "ui.h"

struct tree_ops {
	int (*count)(void *arg);
	int (*first_root)(void *arg);
	int (*first_child)(void *arg, int node);
	int (*next_sibling)(void *arg, int node);
	int (*parent)(void *arg, int node);
	/* The row text, e.g. "环境卫生 (12)"; code is shown in its own column. */
	void (*label)(void *arg, int node, char *code, size_t codesz, char *text, size_t textsz);
};

struct treeview {
	const struct tree_ops *ops;
	void *arg;
	unsigned char *expanded; /* one flag per node */
	int n;
	int sel;                 /* selected node, -1 when empty */
	int top;                 /* first visible row */
	int *rows;               /* visible nodes in order */
	int nrows;
	int height;
};

int tree_init(struct treeview *t, const struct tree_ops *ops, void *arg);
void tree_free(struct treeview *t);
/* Rebuilds the visible rows (after expanding or when the tree changed). */
void tree_layout(struct treeview *t);
int tree_key(struct ui *ui, struct treeview *t, enum ui_act act);
void tree_draw(struct ui *ui, struct treeview *t, WINDOW *w, int y, int x, int h, int width);
/* Expands the path to node and selects it. */
void tree_reveal(struct treeview *t, int node);

#endif
