package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/internal/store"
)

func (a *app) doctorCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "doctor",
		Short: "Find stored values outside the bounds the domain enforces, and say how to repair them",
		Long: `Scan the database, read-only, for rows stored before the domain bounded
its values: dates outside 1900-01-01..2199-12-31 (derived dates included),
amounts over €10^12 (10^14 cents), counts over their caps (10^9 units), and
control characters (NUL, C0/C1 controls, DEL, U+2028/U+2029; tab and newline
only in multi-line texts) in free text. Such rows break the lists, exports
and sums that include them. It also recounts the list totals kept by
triggers on every write (contract_counts, list_counts for the vendor and
organization lists, demand_counts) and the over-quota flag of each
contract, and reports every count that differs.

Prints one finding per value: table, row, field, value, the problem and the
repair (the API call or form that corrects it, or the SQL for what no API
changes; take a backup first with samenkoop backup). Then it computes the spend
model (the yearly spend per contract and its sums, which every contract write
maintains) from scratch, in a transaction it rolls back, and lists every row
where the maintained model differs; the repair is to restart the server with
the model removed (DELETE FROM spend_model), which computes it again. Exit
status 0 when the database is clean, 1 when something was found.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			// Opening would create an empty database where none is.
			if _, err := os.Stat(cfg.DB.Path); cfg.DB.Driver == "sqlite" && errors.Is(err, fs.ErrNotExist) {
				return usageError(fmt.Errorf("no database at %s", cfg.DB.Path))
			}
			ctx := cliContext(cmd.Context())
			st, err := openStore(ctx, cfg, false)
			if err != nil {
				return err
			}
			defer st.Close()
			findings, err := st.Doctor(ctx)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			spend, err := st.CheckSpendModel(ctx)
			if err != nil {
				return err
			}
			printSpendCheck(w, cfg.DB.Display(), spend)
			if len(findings) == 0 && spend.Different == 0 {
				fmt.Fprintf(w, "%s: clean, every stored value lies within the bounds\n", cfg.DB.Display())
				return nil
			}
			for _, f := range findings {
				fmt.Fprintf(w, "%s %s: %s = %s: %s\n  repair: %s\n", f.Table, f.ID, f.Field, f.Value, f.Problem, f.Repair)
			}
			if len(findings) == 0 {
				return &exitError{code: 1, err: fmt.Errorf("%s: the spend model differs from the contracts in %d row(s)", cfg.DB.Display(), spend.Different)}
			}
			return &exitError{code: 1, err: fmt.Errorf("%s: %d value(s) outside the bounds", cfg.DB.Display(), len(findings))}
		},
	}
}

// printSpendCheck prints what CheckSpendModel found.
func printSpendCheck(w io.Writer, path string, c store.SpendModelCheck) {
	switch {
	case !c.Built:
		fmt.Fprintf(w, "%s: no spend model yet; the server computes it at start-up\n", path)
	case c.Different == 0:
		pending := ""
		if c.Pending > 0 {
			pending = fmt.Sprintf("; %d contract(s) written since the server last applied its changes, applied for the comparison", c.Pending)
		}
		fmt.Fprintf(w, "%s: the spend model as of %s equals the one computed from the contracts (%d contract years, %d cells; %d rollup rows equal their sums over the cells%s)\n",
			path, c.AsOf, c.Contracts, c.Cells, c.Rollups, pending)
	default:
		fmt.Fprintf(w, "%s: the spend model as of %s differs from the one computed from the contracts in %d row(s):\n", path, c.AsOf, c.Different)
		for _, d := range c.Differences {
			fmt.Fprintf(w, "%s %s: maintained %s, computed %s\n", d.Table, d.Key, d.Maintained, d.Rebuilt)
		}
		fmt.Fprintln(w, "  repair: stop the server, run DELETE FROM spend_model (take a backup first with samenkoop backup) and start it again")
	}
}
