package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
)

func init() {
	exportSubcommands = append(exportSubcommands, (*app).exportDossierCmd, (*app).exportOCDSCmd)
}

// runTenderExport loads the tender with every organization in view (the
// command line is the operator's) and writes the export of its dossier to
// out, as runExport does for the register's exports. For the OCDS package
// (release) it records the release in the tender's publication log, as
// the server does, and warns on stderr about what the configuration gets
// wrong for publishing (config.Config.Warnings).
func (a *app) runTenderExport(cmd *cobra.Command, out string, id int64, write func(io.Writer, exports.Dossier) error, release bool) error {
	if id <= 0 {
		return usageError(errors.New("--tender is required: the id of the tender (see GET /api/v1/tenders)"))
	}
	ctx := cliContext(cmd.Context())
	cfg, st, err := a.openConfigured(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := procurementService(st, cfg)
	v, err := svc.Tender(ctx, contracts.Everyone(), id)
	if err != nil {
		return exportError(err)
	}
	generated := time.Now().In(contracts.Amsterdam).Truncate(time.Second)
	d := exports.NewDossier(v, generated, exports.DossierOptions{OCIDPrefix: cfg.Exports.OCIDPrefix,
		License: cfg.Exports.OCDSLicense, PublicationPolicy: cfg.Exports.OCDSPublicationPolicy})
	if release {
		for _, w := range cfg.Warnings() {
			fmt.Fprintln(a.stderr, "warning:", w)
		}
		fingerprint, err := exports.OCDSFingerprint(d)
		if err != nil {
			return err
		}
		if d.Released, err = svc.RecordRelease(ctx, id, fingerprint); err != nil {
			return err
		}
	}
	return a.writeExport(out, func(w io.Writer) error { return write(w, d) })
}

func (a *app) exportDossierCmd() *cobra.Command {
	var (
		f  exportFlags
		id int64
	)
	cmd := &cobra.Command{
		Use:   "dossier",
		Short: "Tender dossier (XLSX or PDF): summary, participants, lots, requirements, planning, current contracts, assumptions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := f.resolve("xlsx", "pdf")
			if err != nil {
				return err
			}
			write := exports.DossierXLSX
			if format == "pdf" {
				write = exports.DossierPDF
			}
			return a.runTenderExport(cmd, f.out, id, write, false)
		},
	}
	f.add(cmd.Flags(), "xlsx", "pdf")
	cmd.Flags().Int64Var(&id, "tender", 0, "id of the tender (required)")
	return cmd
}

func (a *app) exportOCDSCmd() *cobra.Command {
	var (
		f  exportFlags
		id int64
	)
	cmd := &cobra.Command{
		Use:   "ocds",
		Short: "OCDS 1.1.5 release package (JSON, with the lots and contract buyer extensions) of a tender; the ocid prefix is exports.ocidPrefix",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := f.resolve("json"); err != nil {
				return err
			}
			return a.runTenderExport(cmd, f.out, id, exports.OCDS, true)
		},
	}
	f.add(cmd.Flags(), "json")
	cmd.Flags().Int64Var(&id, "tender", 0, "id of the tender (required)")
	return cmd
}
