package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/config"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/procurement"
)

// version is set at build time with -ldflags "-X main.version=…"; without
// it the module version or VCS revision is used.
var version = ""

// exitError carries the process exit status: 2 for usage and
// configuration errors and unreadable input, 1 for everything else.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageError(err error) error { return &exitError{code: 2, err: err} }

// exitStatus is the process exit status for an error Execute returned.
// Cobra reports an unknown command as a plain error, recognised by text.
func exitStatus(err error) int {
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		return ee.code
	case strings.HasPrefix(err.Error(), "unknown command"):
		return 2
	}
	return 1
}

// wrapArgs makes the argument checks of c and its subcommands usage errors.
func wrapArgs(c *cobra.Command) {
	if c.Args != nil {
		c.Args = usageArgs(c.Args)
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}

// usageArgs wraps a cobra argument check so that a wrong argument count is
// a usage error (exit status 2) like a wrong flag.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError(err)
		}
		return nil
	}
}

// app is what every subcommand shares: the configuration loader that flags
// are bound to.
type app struct {
	cfg        *config.Loader
	configFile string
	stdout     io.Writer
	stderr     io.Writer
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	a := &app{cfg: config.NewLoader(), stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "samenkoop",
		Short:         "Joint procurement for Dutch municipalities and other public bodies",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.PersistentFlags().StringVar(&a.configFile, "config", "", "configuration file (default: ./samenkoop.yaml when present)")
	root.PersistentFlags().String("db", "", "SQLite database file (env SAMENKOOP_DB; default data/samenkoop.db)")
	a.cfg.BindFlag("db.path", root.PersistentFlags().Lookup("db"))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	root.AddCommand(a.serveCmd(), a.migrateCmd(), a.demoCmd(), a.importCmd(), a.exportCmd(), a.auditCmd(), a.backupCmd(), a.doctorCmd(), a.openapiCmd(), a.userCmd(), a.tokenCmd(), a.versionCmd())
	root.AddCommand(a.migrateStoreCmd())
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	return root
}

// config reads the configuration; every problem is listed and the exit
// status is 2.
func (a *app) config() (config.Config, error) {
	cfg, err := a.cfg.Load(a.configFile)
	if err != nil {
		return cfg, usageError(fmt.Errorf("invalid configuration:\n  %s", strings.ReplaceAll(err.Error(), "\n", "\n  ")))
	}
	return cfg, nil
}

func (a *app) logger(cfg config.Config) *slog.Logger {
	level := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}[cfg.Log.Level]
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(a.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(a.stderr, opts))
}

// openConfigured reads the configuration and opens the migrated store, for
// the commands that read or change data.
func (a *app) openConfigured(ctx context.Context) (config.Config, *store.Store, error) {
	cfg, err := a.config()
	if err != nil {
		return cfg, nil, err
	}
	st, err := openStore(ctx, cfg, true)
	return cfg, st, err
}

// openStore opens the database and migrates it (or, with migrate false,
// checks that it is current). The audit key (audit.keyFile) is read here,
// so every command that records changes seals them with it. Migrating a
// database that has a schema takes a backup first; st.PreMigrationBackup
// says where. The database is SQLite's file or PostgreSQL's URL
// (db.driver); a URL is never shown with its password.
func openStore(ctx context.Context, cfg config.Config, migrate bool) (*store.Store, error) {
	opts, err := storeOptions(cfg)
	if err != nil {
		return nil, err
	}
	st, err := store.OpenTarget(cfg.DB.Driver, cfg.DB.Target(), opts)
	if err != nil {
		return nil, err
	}
	if migrate {
		_, err = st.Migrate(ctx)
	} else {
		err = st.CheckSchema(ctx, false)
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// storeOptions are the store's options from the configuration.
func storeOptions(cfg config.Config) (store.Options, error) {
	key, err := auditKey(cfg)
	// The reader pool has room for every heavy view and export that may
	// run at once beside the default pool for everything else.
	return store.Options{BusyTimeout: cfg.DB.BusyTimeout, AuditKey: key,
		Readers: store.ReaderPool(cfg.Server.HeavyReads + cfg.Server.HeavyExports)}, err
}

// authService builds the login, session and token service over st.
func authService(st *store.Store, cfg config.Config) *auth.Service {
	return auth.NewService(st.Auth(), auth.Options{
		SessionLifetime: cfg.Auth.SessionLifetime, IdleTimeout: cfg.Auth.IdleTimeout,
		LoginFailures: cfg.Auth.LoginFailures, LoginWindow: cfg.Auth.LoginWindow,
	})
}

// contractsService builds the register's service over st with the
// configured rule values (indexation, lock-in weights; validated when the
// configuration was loaded) and loads the embedded reference data into a
// new database.
func contractsService(ctx context.Context, st *store.Store, cfg config.Config) (*contracts.Service, error) {
	svc := contracts.NewService(st.Register(), contracts.Options{Index: cfg.Rules.IndexRates(), LockInWeights: cfg.Rules.Weights()})
	return svc, svc.SeedReference(ctx)
}

// procurementService builds the joint-tender service over st with the
// configured rules; what it writes into the tenders and contracts it
// creates (titles, names, notes, a draft's description) is worded in Dutch
// by internal/nl.
func procurementService(st *store.Store, cfg config.Config) *procurement.Service {
	return procurement.NewService(st.Procurement(), procurement.Options{Rules: cfg.Rules.ProcurementRules(), Bundling: cfg.Rules.BundlingRules(),
		Words: nl.ProcurementWords()})
}

func buildVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "dev-" + s.Value[:12]
		}
	}
	return "dev"
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(cmd.OutOrStdout(), "samenkoop", buildVersion())
			return nil
		},
	}
}

func (a *app) migrateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Apply pending database migrations",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			ctx := cliContext(cmd.Context())
			opts, err := storeOptions(cfg)
			if err != nil {
				return err
			}
			st, err := store.OpenTarget(cfg.DB.Driver, cfg.DB.Target(), opts)
			if err != nil {
				return err
			}
			defer st.Close()
			applied, err := st.Migrate(ctx)
			if err != nil {
				return err
			}
			if b, ok := st.PreMigrationBackup(); ok {
				fmt.Fprintf(cmd.OutOrStdout(), "backup before migrating: %s (%s)\n", b.Path, humanBytes(b.Size))
			}
			if r, ok := st.RecomputedDates(); ok {
				fmt.Fprintf(cmd.OutOrStdout(), "contract dates recomputed after migration %04d (%s): %d of %d changed\n",
					r.Version, r.Reason, r.Changed, r.Contracts)
			}
			if _, err := contractsService(ctx, st, cfg); err != nil {
				return err
			}
			_, head, err := st.SchemaVersion(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: applied %d migration(s), schema version %d\n", cfg.DB.Display(), len(applied), head)
			return nil
		},
	}
}
