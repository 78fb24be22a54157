package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/demo"
)

func (a *app) demoCmd() *cobra.Command {
	var (
		scale   string
		orgFile string
	)
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Fill an empty database with the synthetic demo data set (same seed, same data)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			sc, err := demo.ParseScale(scale)
			if err != nil {
				return usageError(err)
			}
			seed := cfg.Demo.Seed
			opts := demo.Options{Scale: sc, Seed: seed}
			if orgFile != "" {
				tab, err := readTable(orgFile)
				if err != nil {
					return usageError(err)
				}
				orgs, problems, err := contracts.ParseOrganizationTable(tab)
				if err != nil {
					return usageError(fmt.Errorf("%s: %s", orgFile, apperr.Detail(err, err.Error())))
				}
				if len(problems) > 0 {
					return usageError(fmt.Errorf("%s: row %d, column %s: %s (and %d more)", orgFile, problems[0].Row, problems[0].Column, problems[0].Message(), len(problems)-1))
				}
				opts.Organizations = orgs
			}
			ctx := cliContext(cmd.Context())
			st, err := openStore(ctx, cfg, true)
			if err != nil {
				return err
			}
			defer st.Close()
			sum, err := demo.Generate(ctx, st.Register(), opts)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: demo data (%s, seed %d): %d organizations", cfg.DB.Display(), sc, seed, sum.OrganizationTotal())
			for _, k := range contracts.OrgKinds() {
				fmt.Fprintf(cmd.OutOrStdout(), ", %s %d", k, sum.Organizations[k])
			}
			fmt.Fprintf(cmd.OutOrStdout(), "; %d memberships, %d regions, %d categories; %d vendors in %d groups, %d contracts, %d licence lines; %d tenders with %d participants, %d demand\n",
				sum.Memberships, sum.Regions, sum.Categories, sum.Vendors, sum.VendorGroups, sum.Contracts, sum.LicenceLines,
				sum.Tenders, sum.Participants, sum.Demand)
			svc, err := contractsService(ctx, st, cfg)
			if err != nil {
				return err
			}
			if _, err := svc.RefreshSpendModel(ctx); err != nil {
				return err
			}
			return seedDemoUsers(ctx, authService(st, cfg), svc, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&scale, "scale", "small", "small, national (~700 organizations) or stress (10× national)")
	cmd.Flags().Uint64("seed", 1, "seed of the generator (env SAMENKOOP_DEMO_SEED; default demo.seed)")
	a.cfg.BindFlag("demo.seed", cmd.Flags().Lookup("seed"))
	cmd.Flags().StringVar(&orgFile, "organizations", "", "CBS municipal list (CSV/XLSX) to use real municipalities at national scale")
	return cmd
}
