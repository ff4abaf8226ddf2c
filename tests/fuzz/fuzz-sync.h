/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The sync reader's fuzz target, shared by the libFuzzer build and the plain replay driver. */
#ifndef WANGGE_FUZZ_SYNC_H
#define WANGGE_FUZZ_SYNC_H

#include <stddef.h>
#include <stdint.h>

/*
 * An input's first byte picks the layer it goes to:
 *   'H' the rest is a header line (sync_header_parse);
 *   'C' the rest is a changeset that passed the signature: the rules and
 *       the apply, as import runs them, rolled back afterwards;
 *   anything else: the whole input is a sync file given to the importer
 *       (header, size, pairing, signature, and past them for a file the
 *       office of fuzz_setup signed).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A file the office signed for the laptop, and its changeset: seeds that reach past the
 * signature (both malloc'd by fuzz_setup, valid for the whole run). */
extern unsigned char *fuzz_signed_file, *fuzz_changeset;
extern size_t fuzz_signed_size, fuzz_changeset_size;

#endif
