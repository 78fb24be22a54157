package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// exportSubcommands build the subcommands of `samenkoop export`, one per
// export. A file that adds an export appends its constructor in an init
// function (export_tender.go adds dossier and ocds), so that this file
// does not need to know them.
var exportSubcommands = []func(*app) *cobra.Command{
	(*app).exportDependencyCmd,
	(*app).exportSpendCmd,
	(*app).exportContractsCmd,
}

// exportCmd is `samenkoop export`: the exports the API serves, written to
// a file (-o) or to standard output (-o -).
func (a *app) exportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write an export (dependency report, spend workbook, contract list, …) to a file",
	}
	for _, sub := range exportSubcommands {
		cmd.AddCommand(sub(a))
	}
	return cmd
}

// exportFlags are the flags every export subcommand has.
type exportFlags struct {
	out    string
	format string
}

// add registers -o and --format with the formats the export offers, the
// first being the default when neither --format nor the file extension
// says otherwise.
func (f *exportFlags) add(fs *pflag.FlagSet, formats ...string) {
	fs.StringVarP(&f.out, "output", "o", "", "file to write (required; - for standard output)")
	fs.StringVar(&f.format, "format", "", "file format: "+strings.Join(formats, " or ")+" (default: from the file extension, else "+formats[0]+")")
}

// resolve checks the flags: the output is required, and the format is the
// flag's, else the output's extension, else the first of formats.
func (f *exportFlags) resolve(formats ...string) (string, error) {
	if f.out == "" {
		return "", usageError(fmt.Errorf("--output (-o) is required: the file to write, or - for standard output"))
	}
	format := strings.ToLower(strings.TrimSpace(f.format))
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(f.out)), ".")
		if !slices.Contains(formats, format) {
			format = formats[0]
		}
	}
	if !slices.Contains(formats, format) {
		return "", usageError(fmt.Errorf("--format must be %s, got %q", strings.Join(formats, " or "), f.format))
	}
	return format, nil
}

// exportJob is what every export subcommand does once its flags are read:
// open the register, then write the export.
type exportJob func(ctx context.Context, svc *contracts.Service, generated time.Time, w io.Writer) error

// runExport opens the configured store and the register's service, and
// writes the export to out: to a temporary file beside it that is renamed
// into place when the export succeeded, so that a failed export leaves no
// half-written file; "-" writes to standard output.
func (a *app) runExport(cmd *cobra.Command, out string, job exportJob) error {
	ctx := cliContext(cmd.Context())
	cfg, st, err := a.openConfigured(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	svc, err := contractsService(ctx, st, cfg)
	if err != nil {
		return err
	}
	generated := time.Now().In(contracts.Amsterdam).Truncate(time.Second)
	return a.writeExport(out, func(w io.Writer) error { return job(ctx, svc, generated, w) })
}

// writeExport writes an export to out through a temporary file beside it
// that is renamed into place when write succeeded, or to standard output
// for "-". Any failure, a panic in write included, is returned, so the
// command exits non-zero, and leaves out as it was: no partial file.
func (a *app) writeExport(out string, write func(w io.Writer) error) error {
	if out == "-" {
		return exportError(a.safeWrite(write, a.stdout))
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return usageError(fmt.Errorf("export: %w", err))
	}
	defer os.Remove(tmp.Name())
	if err := a.safeWrite(write, tmp); err != nil {
		tmp.Close()
		return exportError(err)
	}
	// On disk before the rename, so that a crash cannot leave a renamed
	// but empty file.
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("export: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(a.stderr, "%s written\n", out)
	return nil
}

// safeWrite runs write on w and turns a panic into an error, with the
// stack on standard error for the bug report: the deferred clean-up of
// writeExport then still runs, and the command still exits non-zero.
func (a *app) safeWrite(write func(w io.Writer) error, w io.Writer) (err error) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(a.stderr, "panic: %v\n%s", v, debug.Stack())
			err = fmt.Errorf("export: internal error (panic: %v)", v)
		}
	}()
	return write(w)
}

// exportError makes bad input (an unknown organization, a bad year) a
// usage error with exit status 2 and the service's own words.
func exportError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, apperr.Invalid), errors.Is(err, apperr.NotFound), errors.Is(err, apperr.Forbidden):
		return usageError(fmt.Errorf("export: %s", apperr.Detail(err, err.Error())))
	}
	return err
}

// yearFlag registers --year, 0 meaning the current year.
func yearFlag(fs *pflag.FlagSet, year *int, what string) {
	fs.IntVar(year, "year", 0, what+" (default: the current year)")
}

func yearOr(svc *contracts.Service, year int) int {
	if year == 0 {
		return svc.Today().Year()
	}
	return year
}

func (a *app) exportDependencyCmd() *cobra.Command {
	var (
		f    exportFlags
		org  string
		year int
	)
	cmd := &cobra.Command{
		Use:   "dependency",
		Short: "Dependency report (PDF or XLSX) of one organization, or of the whole cooperative without --organization",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := f.resolve("pdf", "xlsx")
			if err != nil {
				return err
			}
			return a.runExport(cmd, f.out, func(ctx context.Context, svc *contracts.Service, generated time.Time, w io.Writer) error {
				r, err := svc.DependencyReport(ctx, contracts.Everyone(), contracts.DependencyQuery{Organization: org, Year: yearOr(svc, year), Generated: generated})
				if err != nil {
					return err
				}
				if format == "xlsx" {
					return exports.DependencyXLSX(w, r)
				}
				return exports.DependencyPDF(w, r)
			})
		},
	}
	f.add(cmd.Flags(), "pdf", "xlsx")
	cmd.Flags().StringVar(&org, "organization", "", "organization code, e.g. GM0363 (default: the whole cooperative)")
	yearFlag(cmd.Flags(), &year, "year of the spend the shares are taken from")
	return cmd
}

func (a *app) exportSpendCmd() *cobra.Command {
	var (
		f    exportFlags
		org  string
		year int
	)
	cmd := &cobra.Command{
		Use:   "spend",
		Short: "Spend workbook (XLSX) for finance: five years by vendor group, vendor, category and organization",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := f.resolve("xlsx"); err != nil {
				return err
			}
			return a.runExport(cmd, f.out, func(ctx context.Context, svc *contracts.Service, generated time.Time, w io.Writer) error {
				s, err := svc.SpendWorkbook(ctx, contracts.Everyone(), contracts.SpendWorkbookQuery{Organization: org, From: yearOr(svc, year), Generated: generated})
				if err != nil {
					return err
				}
				return exports.SpendXLSX(w, s)
			})
		},
	}
	f.add(cmd.Flags(), "xlsx")
	cmd.Flags().StringVar(&org, "organization", "", "organization code, e.g. GM0363 (default: every organization)")
	yearFlag(cmd.Flags(), &year, "first of the five years")
	return cmd
}

func (a *app) exportContractsCmd() *cobra.Command {
	var (
		f                             exportFlags
		filter                        contracts.ContractFilter
		status, renewal, sort         string
		endsBefore, noticeBefore      string
		vendor, vendorGroup, category int64
	)
	cmd := &cobra.Command{
		Use:   "contracts",
		Short: "All contracts a filter selects, as XLSX or CSV (semicolons, UTF-8 with BOM, for a Dutch Excel)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := f.resolve("xlsx", "csv")
			if err != nil {
				return err
			}
			filter.Status, filter.RenewalKind, filter.Sort = contracts.ContractStatus(status), contracts.RenewalKind(renewal), contracts.ContractSort(sort)
			filter.VendorID, filter.VendorGroupID, filter.CategoryID = vendor, vendorGroup, category
			var fe apperr.FieldErrors
			for _, d := range []struct {
				flag, value string
				to          *contracts.Date
			}{{"ends-before", endsBefore, &filter.EndsBefore}, {"notice-before", noticeBefore, &filter.NoticeBefore}} {
				if d.value == "" {
					continue
				}
				if *d.to, err = contracts.ParseDate(d.value); err != nil {
					fe.Add(d.flag, apperr.DateFormat, "2026-11-22")
				}
			}
			if filter.Status != "" && !filter.Status.Valid() {
				fe.Add("status", apperr.OneOf, contracts.ContractStatusList, string(filter.Status))
			}
			if filter.RenewalKind != "" && !filter.RenewalKind.Valid() {
				fe.Add("renewal", apperr.OneOf, contracts.RenewalKindList, string(filter.RenewalKind))
			}
			if filter.Sort != "" && !slices.Contains(sortNames(), sort) {
				fe.Add("sort", apperr.OneOf, apperr.Or(sortNames()...), sort)
			}
			if err := fe.Err(); err != nil {
				return usageError(fmt.Errorf("export contracts: %s", apperr.Detail(err, err.Error())))
			}
			return a.runExport(cmd, f.out, func(ctx context.Context, svc *contracts.Service, generated time.Time, w io.Writer) error {
				rows := func(fn func(contracts.ContractSummary) error) error {
					return svc.EachContract(ctx, contracts.Everyone(), filter, fn)
				}
				if format == "csv" {
					return exports.ContractsCSV(w, rows)
				}
				return exports.ContractsXLSX(w, exports.ContractListInfo{Created: generated, Filter: filterText(filter)}, rows)
			})
		},
	}
	f.add(cmd.Flags(), "xlsx", "csv")
	fs := cmd.Flags()
	fs.StringVar(&filter.Organization, "organization", "", "only this organization's contracts (code)")
	fs.Int64Var(&vendor, "vendor", 0, "only this vendor's contracts (id)")
	fs.Int64Var(&vendorGroup, "vendor-group", 0, "only the contracts of this vendor group (id of its top vendor)")
	fs.Int64Var(&category, "category", 0, "only this category's contracts (id)")
	fs.StringVar(&filter.CPV, "cpv", "", "only contracts whose CPV code starts with this, e.g. 6421")
	fs.StringVar(&status, "status", "", "draft, active or terminated")
	fs.StringVar(&renewal, "renewal", "", contracts.RenewalKindList)
	fs.StringVar(&endsBefore, "ends-before", "", "current end on or before this date (2026-12-31)")
	fs.StringVar(&noticeBefore, "notice-before", "", "next notice deadline on or before this date (2026-12-31)")
	fs.StringVar(&filter.Q, "q", "", "number, title or vendor contains")
	fs.StringVar(&sort, "sort", "", "order: "+strings.Join(sortNames(), ", ")+" (default notice)")
	return cmd
}

func sortNames() []string {
	var out []string
	for _, s := range contracts.ContractSorts() {
		out = append(out, string(s))
	}
	return out
}

// filterText describes a contract filter in words for the workbook's
// document properties.
func filterText(f contracts.ContractFilter) string {
	var parts []string
	add := func(label, v string) {
		if v != "" && v != "0" {
			parts = append(parts, label+" "+v)
		}
	}
	add("organisatie", f.Organization)
	add("leverancier", fmt.Sprint(f.VendorID))
	add("leveranciersgroep", fmt.Sprint(f.VendorGroupID))
	add("categorie", fmt.Sprint(f.CategoryID))
	add("CPV", f.CPV)
	add("status", string(f.Status))
	add("verlenging", string(f.RenewalKind))
	if !f.EndsBefore.IsZero() {
		add("einde uiterlijk", nl.Date(f.EndsBefore))
	}
	if !f.NoticeBefore.IsZero() {
		add("opzeggen uiterlijk", nl.Date(f.NoticeBefore))
	}
	add("zoekterm", f.Q)
	if len(parts) == 0 {
		return "Alle contracten"
	}
	return "Contracten met " + strings.Join(parts, ", ")
}
