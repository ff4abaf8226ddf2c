/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* JSON string escaping shared by every JSON writer. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <wangge/json.h>

/* Hand-written: five lines of escaping do not justify a JSON library dependency. */
void wg_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s, next = (unsigned char)s[1];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c < 0x20 || c == 0x7F)
			fprintf(out, "\\u%04x", c);
		else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) /* a C1 control: no raw one either */
			fprintf(out, "\\u%04x", next), s++;
		else
			fputc(c, out);
	}
	fputc('"', out);
}
