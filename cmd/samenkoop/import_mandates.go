package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// importMandatesCmd is `import mandates FILE --tender ID [--dry-run]`.
func (a *app) importMandatesCmd() *cobra.Command {
	var (
		dryRun bool
		tender int64
	)
	cmd := &cobra.Command{
		Use:   "mandates FILE",
		Short: "Import the mandates of a tender's participants (CSV or XLSX); all or nothing",
		Long: "Import the mandates of a tender's participants from a CSV or XLSX file with the columns Organisatie (code or name), " +
			"Status (aangevraagd, getekend, ingetrokken), Datum and optionally Orgaan, Bevoegdheden, Kenmerk besluit, RIS-link " +
			"(an absolute https URL of the decision) and Mandaatdocument. An empty optional cell keeps what is stored; a file with " +
			"any bad row changes nothing. Only before the tender's publication.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if tender <= 0 {
				return usageError(errors.New("--tender: give the tender's id"))
			}
			path := args[0]
			ctx := cliContext(cmd.Context())
			cfg, err := a.config()
			if err != nil {
				return err
			}
			tab, format, err := readTableWithin(path, importLimits(cfg), func(h []string) error {
				_, err := contracts.MapImportColumns(h, procurement.MandateColumns())
				return err
			})
			if err != nil {
				return usageError(err)
			}
			st, err := openStore(ctx, cfg, true)
			if err != nil {
				return err
			}
			defer st.Close()
			rep, err := procurementService(st, cfg).ImportMandates(ctx, contracts.Everyone(), tender, tab, dryRun)
			if err != nil {
				return a.importFailed(path, rep.Problems, err)
			}
			verb := "imported"
			if dryRun {
				verb = "dry run, nothing changed"
			}
			fmt.Fprintf(a.stdout, "%s: read as %s\n", path, format)
			fmt.Fprintf(a.stdout, "%s: %s: %d rows, %d updated, %d unchanged\n", path, verb, rep.Rows, len(rep.Updated), rep.Unchanged)
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "report what would change without changing anything")
	cmd.Flags().Int64Var(&tender, "tender", 0, "id of the tender whose participants' mandates the file holds (required)")
	return cmd
}
