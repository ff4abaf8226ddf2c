/* The full-screen front end's shared state, screens and widgets (ncursesw). */
#ifndef WANGGE_UI_H
#define WANGGE_UI_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "cli/cli.h"

int ui_main(struct cli_env *env);

#endif
