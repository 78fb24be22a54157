// Command samenkoop is the Samenkoop server and its administration tool:
// one binary for serving, migrating, importing and generating demo data.
package main

import (
	"fmt"
	"os"

	// Europe/Amsterdam must resolve on hosts without zoneinfo.
	_ "time/tzdata"
)

func main() {
	if err := newRoot(os.Stdout, os.Stderr).Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "samenkoop:", err)
		os.Exit(exitStatus(err))
	}
}
