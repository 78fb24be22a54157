package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
)

// DemoPassword is the password of every demo account. Demo data is
// fictitious and the server listens on loopback by default; the banner on
// every page says so.
const DemoPassword = "samenkoop-demo"

// seedDemoUsers creates one account per role for a demo database, scoped
// to its first municipalities, and prints how to log in. Accounts that
// exist are left alone.
func seedDemoUsers(ctx context.Context, svc *auth.Service, orgs *contracts.Service, w io.Writer) error {
	page, err := orgs.Organizations(ctx, contracts.OrganizationFilter{Kind: contracts.KindMunicipality, PageSize: 2})
	if err != nil {
		return err
	}
	if len(page.Items) < 2 {
		return fmt.Errorf("demo users: the database has fewer than two municipalities")
	}
	own, other := page.Items[0], page.Items[1]
	users := []auth.User{
		{Email: "beheerder@demo.samenkoop.nl", Name: "Beheerder (demo)", Role: auth.RoleAdmin},
		{Email: "coordinator@demo.samenkoop.nl", Name: "Coördinator (demo)", Role: auth.RoleCoordinator},
		{Email: "inkoper@demo.samenkoop.nl", Name: "Inkoper " + own.Name + " (demo)", Role: auth.RoleMember, Organization: own.Code},
		{Email: "financien@demo.samenkoop.nl", Name: "Financiën (demo)", Role: auth.RoleFinance},
		{Email: "management@demo.samenkoop.nl", Name: "Management " + other.Name + " (demo)", Role: auth.RoleManagement, Organization: other.Code},
	}
	for _, u := range users {
		_, err := svc.CreateUser(ctx, u, DemoPassword)
		if fe := apperr.Fields(err); len(fe) == 1 && fe[0].Field == "email" {
			continue // exists
		}
		if err != nil {
			return fmt.Errorf("demo user %s: %w", u.Email, err)
		}
	}
	fmt.Fprintf(w, "Demo accounts, password %q:\n", DemoPassword)
	for _, u := range users {
		scope := "all organizations"
		if u.Organization != "" {
			scope = u.Organization
		}
		fmt.Fprintf(w, "  %-32s %-12s %s\n", u.Email, u.Role, scope)
	}
	return nil
}

func (a *app) userCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage user accounts"}
	var (
		email, name, role, org, passwordFile string
	)
	create := &cobra.Command{
		Use:   "create",
		Short: "Create a user; the password comes from --password-file or standard input",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			password, err := readPassword(passwordFile, cmd.InOrStdin())
			if err != nil {
				return usageError(err)
			}
			ctx := cliContext(cmd.Context())
			st, err := openStore(ctx, cfg, true)
			if err != nil {
				return err
			}
			defer st.Close()
			u, err := authService(st, cfg).CreateUser(ctx, auth.User{Email: email, Name: name, Role: auth.Role(role), Organization: org}, password)
			if fe := apperr.Fields(err); len(fe) > 0 {
				var lines []string
				for _, f := range fe {
					lines = append(lines, "--"+f.Field+": "+f.Message())
				}
				return usageError(errors.New("invalid user:\n  " + strings.Join(lines, "\n  ")))
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "created user %d %s (%s)\n", u.ID, u.Email, u.Role)
			return nil
		},
	}
	create.Flags().StringVar(&email, "email", "", "e-mail address (the login)")
	create.Flags().StringVar(&name, "name", "", "full name")
	create.Flags().StringVar(&role, "role", "", "admin, coordinator, member, finance or management")
	create.Flags().StringVar(&org, "organization", "", "code of the organization the user acts for; empty for all")
	create.Flags().StringVar(&passwordFile, "password-file", "", "file holding the password (default: read one line from standard input)")

	list := &cobra.Command{
		Use:   "list",
		Short: "List users",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, st, err := a.openConfigured(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			users, err := authService(st, cfg).Users(cmd.Context())
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tE-MAIL\tROLE\tORGANIZATION\tNAME")
			for _, u := range users {
				scope := u.Organization
				if scope == "" {
					scope = "(all)"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Role, scope, u.Name)
			}
			return tw.Flush()
		},
	}
	cmd.AddCommand(create, list)
	return cmd
}

// readPassword reads the first line of path, or of stdin when path is "".
// Passwords never come from a flag, which would leave them in the shell
// history and the process list.
func readPassword(path string, stdin io.Reader) (string, error) {
	r := stdin
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func (a *app) tokenCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "Manage API tokens"}
	var (
		userEmail, name, expires string
		tokenID                  int64
	)
	create := &cobra.Command{
		Use:   "create",
		Short: "Create an API token; the token alone is printed on the last line",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ttl, err := auth.ParseDuration(expires)
			if err != nil {
				return usageError(err)
			}
			ctx := cliContext(cmd.Context())
			cfg, st, err := a.openConfigured(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			svc := authService(st, cfg)
			u, err := svc.UserByEmail(ctx, userEmail)
			if errors.Is(err, apperr.NotFound) {
				return usageError(fmt.Errorf("no user with e-mail address %q", userEmail))
			}
			if err != nil {
				return err
			}
			if name == "" {
				name = "cli"
			}
			t, secret, err := svc.CreateToken(ctx, u.ID, name, ttl)
			if err != nil {
				return err
			}
			exp := "never expires"
			if !t.ExpiresAt.IsZero() {
				exp = "expires " + t.ExpiresAt.In(contracts.Amsterdam).Format("2006-01-02 15:04 MST")
			}
			fmt.Fprintf(cmd.OutOrStdout(), "token %d %q for %s (%s, %s); it is shown once:\n%s\n", t.ID, t.Name, u.Email, u.Role, exp, secret)
			return nil
		},
	}
	create.Flags().StringVar(&userEmail, "user", "", "e-mail address of the user the token acts for")
	create.Flags().StringVar(&name, "name", "", "what the token is for (default cli)")
	create.Flags().StringVar(&expires, "expires", "90d", "lifetime, e.g. 30d, 2w, 12h; 0 for none")
	revoke := &cobra.Command{
		Use:   "revoke",
		Short: "Revoke an API token of a user",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cliContext(cmd.Context())
			cfg, st, err := a.openConfigured(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			svc := authService(st, cfg)
			u, err := svc.UserByEmail(ctx, userEmail)
			if err != nil {
				return usageError(fmt.Errorf("no user with e-mail address %q", userEmail))
			}
			if err := svc.RevokeToken(ctx, u.ID, tokenID); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "revoked token %d of %s\n", tokenID, u.Email)
			return nil
		},
	}
	revoke.Flags().StringVar(&userEmail, "user", "", "e-mail address of the token's user")
	revoke.Flags().Int64Var(&tokenID, "id", 0, "the token's number")
	cmd.AddCommand(create, revoke)
	return cmd
}
