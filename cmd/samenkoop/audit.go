package main

import (
	"context"
	"errors"
	"fmt"
	"os/user"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/internal/audit"
)

func (a *app) auditCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Check the audit log",
	}
	verify := &cobra.Command{
		Use:   "verify",
		Short: "Walk the audit log's hash chain; exit status 1 names the first broken entry",
		Long: `Walk the audit log's hash chain from the first entry and check that no
entry was edited, deleted or reordered. Prints "audit log intact: N entries"
and the hash of the last entry, or exits with status 1 naming the first
broken entry.

A chain cannot show that its newest entries were cut off. Keep the last
hash printed here somewhere else (a ticket, an operations log); a later run
whose chain no longer passes through that hash has lost entries.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			st, err := openStore(ctx, cfg, false)
			if err != nil {
				return err
			}
			defer st.Close()
			r, err := st.VerifyAudit(ctx)
			if err != nil {
				return err
			}
			if !r.Intact {
				return &exitError{code: 1, err: errors.New(r.String())}
			}
			fmt.Fprintln(cmd.OutOrStdout(), r.String())
			if r.Checked > 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "last hash:", r.Head)
			}
			return nil
		},
	}
	cmd.AddCommand(verify)
	return cmd
}

// cliContext marks ctx so that the changes a command makes are recorded in
// the audit log as the operating-system user's who ran it ("cli" when the
// user cannot be looked up, as in some containers).
func cliContext(ctx context.Context) context.Context {
	name := "cli"
	if u, err := user.Current(); err == nil && u.Username != "" {
		name = u.Username
	}
	return audit.WithActor(ctx, audit.Actor{Kind: audit.KindCLI, Email: name})
}
