// Package data embeds the reference data Samenkoop ships (hand-written
// subsets, not the official lists, which the import commands load) and is
// the default runtime directory for the SQLite database.
package data

import "embed"

// FS holds reference/*.csv.
//
//go:embed reference
var FS embed.FS
