/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A screen's keys as rows {mode, action, handler}: what a key does in which mode reads as a table. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "ui.h"

int ui_key_rows(const struct ui_keyrow *rows, int mode, struct ui *ui, void *st, enum ui_act act,
		const struct ui_key *k)
{
	for (const struct ui_keyrow *r = rows; r->fn; r++) {
		if (r->mode != mode || (r->act != act && r->act != UI_ANY_ACT))
			continue;
		int res = r->fn(ui, st, act, k);
		if (res != UI_IGNORED)
			return res;
	}
	return UI_IGNORED;
}
