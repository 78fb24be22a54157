// Command samenkoop is the Samenkoop server and its administration tool:
// one binary for serving, migrating, importing and generating demo data.
package main

import (
	"errors"
	"fmt"
	"os"

	// Europe/Amsterdam must resolve on hosts without zoneinfo.
	_ "time/tzdata"
)

func main() {
	if err := newRoot(os.Stdout, os.Stderr).Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "samenkoop:", err)
		var ee *exitError
		if errors.As(err, &ee) {
			os.Exit(ee.code)
		}
		os.Exit(1)
	}
}
