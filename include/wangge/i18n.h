/* Translation macros shared by every layer: _() translates now, N_() marks for later. */
#ifndef WANGGE_I18N_H
#define WANGGE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
