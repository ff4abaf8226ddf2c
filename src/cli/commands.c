/* The command table: one row per subcommand, each implemented in its own cmd-*.c. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <wangge/i18n.h>
#include "cli.h"

int cmd_init(struct cli_env *env, int argc, char **argv);
int cmd_check(struct cli_env *env, int argc, char **argv);
int cmd_user(struct cli_env *env, int argc, char **argv);
int cmd_categories(struct cli_env *env, int argc, char **argv);
int cmd_cells(struct cli_env *env, int argc, char **argv);
int cmd_residents(struct cli_env *env, int argc, char **argv);

const struct cli_cmd cli_commands[] = {
	{ "init", "[--site-id N] [--community NAME] [--demo]",
	  N_("create a new database with the default category table"), CLI_NEEDS_NOTHING, cmd_init },
	{ "check", "", N_("check integrity, foreign keys, schema version and the audit chain"),
	  CLI_NEEDS_DB, cmd_check },
	{ "categories",
	  "import FILE [--encoding auto|utf-8|gb18030] [--expect S,L,C,SUB] [--replace]"
	  " | export [--format csv|json] [-o FILE] | stats | search QUERY",
	  N_("the case category hierarchy: import, export, counts, search"), CLI_NEEDS_DB,
	  cmd_categories },
	{ "cells", "import FILE [--encoding auto|utf-8|gb18030] | export [FILE|-] [--bom]",
	  N_("grid cells (street, community, grid) and their grid workers: import, export"),
	  CLI_NEEDS_DB, cmd_cells },
	{ "residents",
	  "import FILE [--encoding auto|utf-8|gb18030] | export [FILE|-] [--unmasked] [--bom]"
	  " | search QUERY [--cell CODE] [--tag TAG] [--all]",
	  N_("the resident register: import, export (masked unless --unmasked), search"),
	  CLI_NEEDS_LOGIN, cmd_residents },
	{ "user", "add NAME --role ROLE | passwd NAME | list",
	  N_("manage user accounts"), CLI_NEEDS_LOGIN, cmd_user },
};

const size_t cli_command_count = sizeof cli_commands / sizeof cli_commands[0];
