/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Translation macros shared by every layer: _() translates now, N_() marks for later. */
#ifndef WANGGE_I18N_H
#define WANGGE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* 1 when stored names that exist in both languages (a category's name_zh and name_en) are
 * shown in Chinese: the message catalogue in use says so, as it does for every string. */
int wg_i18n_chinese_names(void);

#endif
