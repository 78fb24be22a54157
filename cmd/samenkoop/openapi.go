package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/internal/config"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/internal/web/api"
	"github.com/samenkoop/samenkoop/internal/web/ui"
)

// apiContact is the contact the OpenAPI document names (api.contact).
func apiContact(cfg config.Config) web.Contact {
	c := cfg.API.Contact
	return web.Contact{Name: c.Name, URL: c.URL, Email: c.Email}
}

func (a *app) openapiCmd() *cobra.Command {
	var out string
	var v30, asYAML bool
	cmd := &cobra.Command{
		Use:   "openapi [-o FILE] [--3.0] [--yaml]",
		Short: "Write the API's OpenAPI document",
		Long: "Write the OpenAPI document that serve answers at /api/v1/openapi.json (OpenAPI 3.1, JSON), or its\n" +
			"OpenAPI 3.0 or YAML form, as this binary and configuration (api.contact) serve it. Reads no database.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			path := "/api/v1/openapi"
			if v30 {
				path += "-3.0"
			}
			if asYAML {
				path += ".yaml"
			} else {
				path += ".json"
			}
			app := web.New(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: buildVersion(), Contact: apiContact(cfg)},
				web.Deps{}, api.New(), ui.New())
			req, err := http.NewRequest(http.MethodGet, path, nil)
			if err != nil {
				return err
			}
			resp, err := app.Test(req, -1)
			if err != nil {
				return fmt.Errorf("openapi: %w", err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("openapi: GET %s answered %d", path, resp.StatusCode)
			}
			return a.writeExport(out, func(w io.Writer) error {
				_, err := io.Copy(w, resp.Body)
				return err
			})
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "-", `file to write ("-": standard output)`)
	cmd.Flags().BoolVar(&v30, "3.0", false, "the OpenAPI 3.0.3 form (/api/v1/openapi-3.0.json)")
	cmd.Flags().BoolVar(&asYAML, "yaml", false, "YAML instead of JSON")
	return cmd
}
