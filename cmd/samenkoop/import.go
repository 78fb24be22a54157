package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/config"
	"github.com/samenkoop/samenkoop/internal/sheet"
)

func (a *app) importCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import reference data from files",
	}
	var dryRun bool
	orgs := &cobra.Command{
		Use:   "organizations FILE",
		Short: "Import organizations from the CBS municipal list (CSV or XLSX); upserts by code, all or nothing",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runImport(cmd.Context(), args[0], func(h []string) error {
				_, _, err := contracts.ParseOrganizationTable(contracts.Table{Header: h})
				return err
			}, func(ctx context.Context, svc *contracts.Service, t contracts.Table) (contracts.ImportReport, error) {
				return svc.ImportOrganizations(ctx, t, dryRun)
			})
		},
	}
	orgs.Flags().BoolVar(&dryRun, "dry-run", false, "report what would change without changing anything")
	cpv := &cobra.Command{
		Use:   "cpv FILE",
		Short: "Import the official CPV list (columns code and nl, optionally en and parent)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runImport(cmd.Context(), args[0], func(h []string) error {
				_, _, err := contracts.ParseCPVTable(contracts.Table{Header: h})
				return err
			}, func(ctx context.Context, svc *contracts.Service, t contracts.Table) (contracts.ImportReport, error) {
				return svc.ImportCPV(ctx, t)
			})
		},
	}
	cmd.AddCommand(orgs, cpv, a.importContractsCmd(), a.importMandatesCmd())
	return cmd
}

// importContractsCmd is `import contracts FILE [--org CODE] [--dry-run]`.
func (a *app) importContractsCmd() *cobra.Command {
	var (
		dryRun bool
		org    string
	)
	cmd := &cobra.Command{
		Use:   "contracts FILE",
		Short: "Import a contract register (CSV or XLSX, as the template); upserts by organization and contract number, all or nothing",
		Long: "Import a contract register from a CSV or XLSX file laid out as the template workbook " +
			"(GET /api/v1/imports/contracts/template.xlsx). Contracts are matched by organization and contract number: " +
			"new ones are created, changed ones updated, and a file with any bad row imports nothing. " +
			"A vendor is found by KvK number or name, and added when the file gives its KvK number.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var newVendors []string
			opts := contracts.ContractImportOptions{Organization: org}
			err := a.runImport(cmd.Context(), args[0], func(h []string) error {
				_, _, err := contracts.ParseContractTable(contracts.Table{Header: h}, opts)
				return err
			}, func(ctx context.Context, svc *contracts.Service, t contracts.Table) (contracts.ImportReport, error) {
				rep, err := svc.ImportContracts(ctx, contracts.Everyone(), t, opts, dryRun)
				newVendors = rep.NewVendors
				return rep.ImportReport, err
			})
			if err != nil {
				return err
			}
			verb := "added vendor"
			if dryRun {
				verb = "would add vendor"
			}
			for _, v := range newVendors {
				fmt.Fprintf(a.stdout, "  %s %s\n", verb, v)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "report what would change without changing anything")
	cmd.Flags().StringVar(&org, "org", "", "code of the organization the file belongs to (fills an empty or absent Organisatie column; other organizations' rows are refused)")
	return cmd
}

type importFunc func(context.Context, *contracts.Service, contracts.Table) (contracts.ImportReport, error)

// runImport reads path within the configured import limits (imports.*),
// handing its header to header before the rows are read, runs the import
// and prints its report. A file that is not a table (wrong type, empty, a
// required column missing, past a limit) is a one-line error with exit
// status 2; bad rows are listed one per line and exit with status 1, and
// nothing is imported.
func (a *app) runImport(ctx context.Context, path string, header func([]string) error, run importFunc) error {
	ctx = cliContext(ctx)
	cfg, err := a.config()
	if err != nil {
		return err
	}
	tab, format, err := readTableWithin(path, importLimits(cfg), header)
	if err != nil {
		return usageError(err)
	}
	st, err := openStore(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer st.Close()
	svc, err := contractsService(ctx, st, cfg)
	if err != nil {
		return err
	}
	rep, err := run(ctx, svc, tab)
	if err != nil {
		return a.importFailed(path, rep.Problems, err)
	}
	printReport(a.stdout, path, format, rep)
	return nil
}

// importFailed turns the error of an import of path into the command's
// outcome: a rejected file lists its bad rows one per line on stderr and
// exits with status 1; an invalid request is a usage error (status 2).
func (a *app) importFailed(path string, problems []contracts.RowProblem, err error) error {
	switch {
	case errors.Is(err, contracts.ErrImportRejected):
		for _, p := range problems {
			fmt.Fprintf(a.stderr, "%s: row %d, column %s: %s\n", path, p.Row, p.Column, p.Message())
		}
		return &exitError{code: 1, err: fmt.Errorf("%s: %d bad row(s); nothing was imported", path, len(problems))}
	case errors.Is(err, apperr.Invalid):
		return usageError(fmt.Errorf("%s: %s", path, apperr.Detail(err, err.Error())))
	}
	return err
}

// importLimits are the configured limits of one spreadsheet import.
func importLimits(cfg config.Config) sheet.Limits {
	return sheet.Limits{MaxRows: cfg.Imports.MaxRows, MaxCells: cfg.Imports.MaxCells,
		MaxCellBytes: cfg.Imports.MaxCellBytes, MaxUnpacked: int64(cfg.Imports.MaxUnpackedMB) << 20}
}

// readTable reads the table of path within sheet.DefaultLimits.
func readTable(path string) (contracts.Table, error) {
	tab, _, err := readTableWithin(path, sheet.DefaultLimits, nil)
	return tab, err
}

// readTableWithin reads the table of path within lim, handing its header
// to header (when not nil) before the rows are read; it says how the file
// was read.
func readTableWithin(path string, lim sheet.Limits, header func([]string) error) (contracts.Table, sheet.Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return contracts.Table{}, sheet.Format{}, err
	}
	defer f.Close()
	tab, format, err := sheet.ReadChecked(f, lim, header)
	if err != nil {
		return tab, format, fmt.Errorf("%s: %s", path, apperr.Detail(err, err.Error()))
	}
	return tab, format, nil
}

// printReport prints what an import did, after how the file was read
// ("read as CSV, Windows-1252, separated by ';'"), so that garbled accents
// can be traced to the encoding the file was taken for.
func printReport(w io.Writer, path string, format sheet.Format, r contracts.ImportReport) {
	verb := "imported"
	if r.DryRun {
		verb = "dry run, nothing changed"
	}
	fmt.Fprintf(w, "%s: read as %s\n", path, format)
	switch {
	case r.Loaded > 0:
		fmt.Fprintf(w, "%s: %s: %d rows loaded\n", path, verb, r.Loaded)
	default:
		fmt.Fprintf(w, "%s: %s: %d rows, %d created, %d updated, %d unchanged\n", path, verb, r.Rows, len(r.Created), len(r.Updated), r.Unchanged)
		if r.DryRun {
			for _, c := range r.Created {
				fmt.Fprintf(w, "  would create %s\n", c)
			}
			for _, c := range r.Updated {
				fmt.Fprintf(w, "  would update %s\n", c)
			}
		}
	}
}
