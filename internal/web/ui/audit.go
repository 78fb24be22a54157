package ui

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/web"
)

type auditPage struct {
	layout
	Entries       []audit.Entry
	Total         int
	Entity, Actor string
	From, To      string
	Pager         pager
	Errors        map[string]string
	// Verified is set when the administrator asked to check the chain.
	Verified *audit.Report
}

// auditLog shows the audit trail to administrators, newest first, with the
// same filters as GET /api/v1/audit.
func (u *ui) auditLog(c *fiber.Ctx) error {
	page, _ := strconv.Atoi(c.Query("pagina", "1"))
	in := web.AuditQuery{Entity: c.Query("entiteit"), Actor: c.Query("door"), From: c.Query("van"), To: c.Query("tot"), Page: max(page, 1), PageSize: 50}
	p := auditPage{layout: u.layout(c, "Auditlog", "beheer"), Entity: in.Entity, Actor: in.Actor, From: in.From, To: in.To}
	f, err := web.AuditFilter(in)
	if fe := apperr.Fields(err); len(fe) > 0 {
		p.Errors = map[string]string{}
		for _, e := range fe {
			p.Errors[e.Field] = "Vul een datum in als 2026-11-22; de einddatum ligt niet voor de begindatum."
		}
		return c.Status(fiber.StatusUnprocessableEntity).Render("pages/admin_audit", p)
	}
	p.Entries, p.Total, err = u.audit.AuditEntries(c.UserContext(), f)
	if err != nil {
		return err
	}
	p.Pager = newPager("/beheer/audit", url.Values{"entiteit": {in.Entity}, "door": {in.Actor}, "van": {in.From}, "tot": {in.To}}, f.Page, f.PageSize, p.Total)
	p.Pager.PrevLabel, p.Pager.NextLabel = "Nieuwere", "Oudere"
	if c.Query("controleer") != "" {
		rep, err := u.audit.VerifyAudit(c.UserContext())
		if err != nil {
			return err
		}
		p.Verified = &rep
	}
	return c.Render("pages/admin_audit", p)
}
