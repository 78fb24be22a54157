package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/procurement"
)

func init() {
	exportSubcommands = append(exportSubcommands, (*app).exportEFormsCmd)
}

// exportEFormsCmd writes a tender's European notice as eForms XML, as
// GET /api/v1/tenders/{id}/eforms does: the notice is recorded in the
// tender's notice log first (its identifier and version), and a notice
// that misses fields for publication is refused with each of them.
func (a *app) exportEFormsCmd() *cobra.Command {
	var (
		f      exportFlags
		id     int64
		notice string
	)
	cmd := &cobra.Command{
		Use:   "eforms",
		Short: "European notice of a tender as eForms XML for TenderNed: --notice pin, cn or can (prior information, contract or award notice)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := f.resolve("xml"); err != nil {
				return err
			}
			if id <= 0 {
				return usageError(errors.New("--tender is required: the id of the tender (see GET /api/v1/tenders)"))
			}
			kind := procurement.NoticeKind(strings.ToLower(strings.TrimSpace(notice)))
			if !kind.Valid() {
				return usageError(fmt.Errorf("--notice must be pin, cn or can, got %q", notice))
			}
			ctx := cliContext(cmd.Context())
			cfg, st, err := a.openConfigured(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			svc := procurementService(st, cfg)
			n, err := svc.NoticeView(ctx, contracts.Everyone(), id, kind, exports.EFormsFingerprint)
			switch {
			case errors.Is(err, procurement.ErrNoEuropeanNotice):
				return usageError(fmt.Errorf("export: tender %d: %s", id, apperr.Detail(err, err.Error())))
			case err != nil:
				return exportError(err)
			case len(n.Missing) > 0:
				lines := make([]string, len(n.Missing))
				for i, m := range n.Missing {
					lines[i] = "  " + m.Field + ": " + m.Message()
				}
				return usageError(fmt.Errorf("export: the %s of tender %d misses %d fields for publication:\n%s",
					kind, id, len(n.Missing), strings.Join(lines, "\n")))
			}
			return a.writeExport(f.out, func(w io.Writer) error { return exports.EForms(w, n) })
		},
	}
	f.add(cmd.Flags(), "xml")
	cmd.Flags().Int64Var(&id, "tender", 0, "id of the tender (required)")
	cmd.Flags().StringVar(&notice, "notice", "cn", "the notice: pin, cn or can")
	return cmd
}
