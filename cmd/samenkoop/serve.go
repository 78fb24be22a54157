package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/sheet"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/internal/web/api"
	"github.com/samenkoop/samenkoop/internal/web/ui"
)

func (a *app) serveCmd() *cobra.Command {
	var withDemo bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web UI and the JSON API",
		Long: "Serve the web UI and the JSON API. Migrates the database on start (db.autoMigrate), after saving a\n" +
			"backup beside it (logged), and refuses a database whose schema is newer than this binary. Refreshes\n" +
			"the stored contract dates at start-up when stale and at each midnight in Europe/Amsterdam. Stops\n" +
			"gracefully on SIGINT or SIGTERM.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			log := a.logger(cfg)
			for _, w := range cfg.Warnings() {
				log.Warn("configuration", slog.String("warning", w))
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()

			st, err := openStore(ctx, cfg, cfg.DB.AutoMigrate)
			if err != nil {
				return err
			}
			if b, ok := st.PreMigrationBackup(); ok {
				log.Info("backup before migrating the schema", slog.String("file", b.Path), slog.Int64("bytes", b.Size))
			}
			if r, ok := st.RecomputedDates(); ok {
				log.Info("contract dates recomputed after migrating", slog.Int64("migration", r.Version), slog.String("reason", r.Reason),
					slog.Int("contracts", r.Contracts), slog.Int("changed", r.Changed))
			}
			defer func() {
				if err := st.Close(); err != nil {
					log.Error("close database", slog.Any("error", err))
				}
			}()
			svc, err := contractsService(ctx, st, cfg)
			if err != nil {
				return err
			}
			if withDemo {
				// Only an empty database is seeded: demo data never mixes
				// with real data, and a restart keeps what was changed.
				existing, err := svc.Organizations(ctx, contracts.OrganizationFilter{PageSize: 1})
				if err != nil {
					return err
				}
				if existing.Total == 0 {
					sum, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: demo.ScaleSmall, Seed: cfg.Demo.Seed})
					if err != nil {
						return fmt.Errorf("seed demo data: %w", err)
					}
					log.Info("seeded demo data", slog.Int("organizations", sum.OrganizationTotal()), slog.Int("contracts", sum.Contracts),
						slog.Int("tenders", sum.Tenders), slog.Int("demand", sum.Demand), slog.String("db", cfg.DB.Display()))
				}
			}

			// The stored contract dates are refreshed by a job at start-up
			// (when stale) and at each midnight in Europe/Amsterdam
			// (refresh.go), so that no request waits for it.
			refreshed := make(chan struct{})
			go func() {
				defer close(refreshed)
				newRefreshJob(svc, st, log).run(ctx)
			}()
			// The spend model's pending changes are applied shortly
			// after each write (spendjob.go).
			applied := make(chan struct{})
			go func() {
				defer close(applied)
				runSpendJob(ctx, st, log)
			}()
			// The bundler's suggestions are computed after writes
			// (bundlejob.go).
			bundler := procurementService(st, cfg)
			bundled := make(chan struct{})
			go func() {
				defer close(bundled)
				runBundleJob(ctx, st.DataChanges(), bundler, log)
			}()
			// The jobs stop before the database closes.
			defer func() { stop(); <-refreshed; <-applied; <-bundled }()
			authSvc := authService(st, cfg)
			if withDemo {
				if err := seedDemoUsers(ctx, authSvc, svc, cmd.OutOrStdout()); err != nil {
					return err
				}
			}
			isDemo, err := svc.DemoData(ctx)
			if err != nil {
				return err
			}
			app := web.New(web.Options{
				ReadTimeout: cfg.Server.ReadTimeout, WriteTimeout: cfg.Server.WriteTimeout, IdleTimeout: cfg.Server.IdleTimeout,
				BodyLimit: cfg.Server.BodyLimitMB << 20, Demo: isDemo, Version: buildVersion(), Logger: log,
				// Behind a TLS proxy Secure cookies go with HSTS.
				SecureCookies: cfg.Auth.SecureCookies, TLS: cfg.Auth.SecureCookies,
				OCIDPrefix: cfg.Exports.OCIDPrefix, OCDSLicense: cfg.Exports.OCDSLicense, OCDSPublicationPolicy: cfg.Exports.OCDSPublicationPolicy,
				Contact: apiContact(cfg),
				ImportLimits: sheet.Limits{MaxRows: cfg.Imports.MaxRows, MaxCells: cfg.Imports.MaxCells,
					MaxCellBytes: cfg.Imports.MaxCellBytes, MaxUnpacked: int64(cfg.Imports.MaxUnpackedMB) << 20},
				MaxImports: cfg.Imports.MaxConcurrent, HeavyReads: cfg.Server.HeavyReads, HeavyExports: cfg.Server.HeavyExports,
			}, web.Deps{Contracts: svc, Procurement: bundler, Auth: authSvc, Audit: st, Ping: st.Ping}, api.New(), ui.New())

			ln, err := net.Listen("tcp", cfg.Server.Addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w", cfg.Server.Addr, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Samenkoop %s serves http://%s (database %s)\n", buildVersion(), ln.Addr(), cfg.DB.Display())
			if isDemo {
				fmt.Fprintln(cmd.OutOrStdout(), "Demo data: every page says the figures are fictitious.")
			}
			served := make(chan error, 1)
			go func() { served <- app.Listener(ln) }()

			select {
			case err := <-served:
				return err
			case <-ctx.Done():
			}
			log.Info("shutting down: finishing in-flight requests", slog.Duration("timeout", cfg.Server.ShutdownTimeout))
			if err := app.ShutdownWithTimeout(cfg.Server.ShutdownTimeout); err != nil && !errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("shutdown: %w", err)
			}
			return <-served
		},
	}
	cmd.Flags().String("addr", "", "listen address HOST:PORT (env SAMENKOOP_ADDR; default 127.0.0.1:8080)")
	a.cfg.BindFlag("server.addr", cmd.Flags().Lookup("addr"))
	cmd.Flags().BoolVar(&withDemo, "demo", false, "seed the small demo data set into an empty database (pages then carry the demo banner)")
	return cmd
}
