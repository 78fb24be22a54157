package ui

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/procurement"
)

// The forms of what a European notice needs beyond the register (issue
// #18): an organization's notice details (address, NUTS, OIN/KvK, legal
// type, main activity, contact point) and a tender's (review body,
// documents, TenderNed), for those who run tenders. Each field the
// tender page lists as missing links to the field that fixes it.

// noticeField is one field of a notice details form.
type noticeField struct {
	Name, Label, Hint, Value, Error string
	// Options are the codes a list field takes, "" first (the default).
	Options []string
}

// noticeFormPage is a notice details form.
type noticeFormPage struct {
	layout
	Back, BackLabel, Action string
	Fields                  []noticeField
	Summary                 []formProblem
}

// field labels and hints of the organization's notice details, in form
// order.
var orgNoticeFields = []noticeField{
	{Name: "street", Label: "Straat en huisnummer"},
	{Name: "postcode", Label: "Postcode", Hint: "Een Nederlandse postcode als 1011 AB."},
	{Name: "city", Label: "Plaats"},
	{Name: "nuts", Label: "NUTS-3-code", Hint: "De NUTS-3-regio (NUTS 2024) waarin de organisatie ligt, zoals NL32B; leeg neemt die van de provincie, en dat is meestal een NUTS-2-gebied dat een aankondiging niet aanneemt."},
	{Name: "oin", Label: "OIN", Hint: "20 cijfers, uit het OIN-register van Logius."},
	{Name: "kvk", Label: "KvK-nummer", Hint: "8 cijfers; nodig als de organisatie geen OIN heeft."},
	{Name: "legalType", Label: "Soort aanbestedende dienst", Hint: "Code uit de eForms-lijst buyer-legal-type; leeg neemt de standaard van het soort organisatie (la voor een gemeente)."},
	{Name: "mainActivity", Label: "Hoofdactiviteit", Hint: "Code uit de eForms-lijst main-activity; leeg neemt de standaard (gen-pub, algemene openbare diensten)."},
	{Name: "email", Label: "E-mailadres contactpunt", Hint: "Verplicht voor de penvoerder."},
	{Name: "phone", Label: "Telefoonnummer contactpunt"},
	{Name: "url", Label: "Website", Hint: "Begint met https://."},
}

// tenderNoticeFields are the tender's notice details, in form order.
var tenderNoticeFields = []noticeField{
	{Name: "reviewName", Label: "Beroepsinstantie", Hint: "Leeg: Rechtbank Den Haag."},
	{Name: "reviewStreet", Label: "Straat en huisnummer van de beroepsinstantie"},
	{Name: "reviewPostcode", Label: "Postcode van de beroepsinstantie"},
	{Name: "reviewCity", Label: "Plaats van de beroepsinstantie"},
	{Name: "reviewId", Label: "OIN of KvK-nummer van de beroepsinstantie"},
	{Name: "documentsUrl", Label: "Internetadres van de aanbestedingsstukken", Hint: "Begint met https://."},
	{Name: "tenderNedId", Label: "TenderNed-kenmerk"},
	{Name: "tenderNedUrl", Label: "Link naar de aankondiging op TenderNed"},
}

func orgValues(d contracts.OrgDetails) map[string]string {
	return map[string]string{"street": d.Street, "postcode": d.Postcode, "city": d.City, "nuts": d.NUTS, "oin": d.OIN, "kvk": d.KvK,
		"legalType": d.LegalType, "mainActivity": d.MainActivity, "email": d.Email, "phone": d.Phone, "url": d.URL}
}

func tenderValues(d procurement.NoticeDetails) map[string]string {
	return map[string]string{"reviewName": d.ReviewName, "reviewStreet": d.ReviewStreet, "reviewPostcode": d.ReviewPostcode,
		"reviewCity": d.ReviewCity, "reviewId": d.ReviewID, "documentsUrl": d.DocumentsURL, "tenderNedId": d.TenderNedID, "tenderNedUrl": d.TenderNedURL}
}

// postedValues reads fields from the posted form, trimmed.
func postedValues(c *fiber.Ctx, fields []noticeField) map[string]string {
	out := map[string]string{}
	for _, f := range fields {
		out[f.Name] = strings.TrimSpace(c.FormValue(f.Name))
	}
	return out
}

// fill returns fields with values and the problems of fe, with the
// summary of the problems in form order.
func fill(fields []noticeField, values map[string]string, fe apperr.FieldErrors) ([]noticeField, []formProblem) {
	labels := make([]struct{ field, label string }, len(fields))
	for i, f := range fields {
		labels[i] = struct{ field, label string }{f.Name, f.Label}
	}
	errs, summary := formProblems(formErrors{}, fe, labels)
	out := make([]noticeField, len(fields))
	for i, f := range fields {
		f.Value, f.Error = values[f.Name], errs[f.Name]
		out[i] = f
	}
	return out, summary
}

func (u *ui) renderNoticeForm(c *fiber.Ctx, status int, p noticeFormPage) error {
	return c.Status(status).Render("pages/notice_details_form", p)
}

func (u *ui) orgNoticePage(c *fiber.Ctx, o contracts.Organization) noticeFormPage {
	return noticeFormPage{layout: u.layout(c, "Gegevens voor aankondigingen: "+o.Name, "organisaties"),
		Back: "/organisaties/" + url.PathEscape(o.Code), BackLabel: o.Name, Action: "/organisaties/" + url.PathEscape(o.Code) + "/aankondiging"}
}

func (u *ui) orgNoticeForm(c *fiber.Ctx) error {
	o, err := u.contracts.Organization(c.UserContext(), c.Params("code"))
	if err != nil {
		return err
	}
	p := u.orgNoticePage(c, o)
	p.Fields, _ = fill(orgNoticeFields, orgValues(o.OrgDetails), nil)
	return u.renderNoticeForm(c, fiber.StatusOK, p)
}

func (u *ui) setOrgNotice(c *fiber.Ctx) error {
	o, err := u.contracts.Organization(c.UserContext(), c.Params("code"))
	if err != nil {
		return err
	}
	v := postedValues(c, orgNoticeFields)
	d := contracts.OrgDetails{Street: v["street"], Postcode: strings.ToUpper(v["postcode"]), City: v["city"], NUTS: strings.ToUpper(v["nuts"]),
		OIN: strings.ReplaceAll(v["oin"], " ", ""), KvK: strings.ReplaceAll(v["kvk"], " ", ""), LegalType: v["legalType"],
		MainActivity: v["mainActivity"], Email: strings.ToLower(v["email"]), Phone: v["phone"], URL: v["url"]}
	_, err = u.contracts.UpdateOrganization(c.UserContext(), o.Code, contracts.OrganizationPatch{Details: &d})
	if fe := apperr.Fields(err); len(fe) > 0 {
		p := u.orgNoticePage(c, o)
		p.Fields, p.Summary = fill(orgNoticeFields, v, fe)
		return u.renderNoticeForm(c, fiber.StatusUnprocessableEntity, p)
	}
	if err != nil {
		return err
	}
	return c.Redirect("/organisaties/"+url.PathEscape(o.Code)+"?melding=aankondiging", fiber.StatusSeeOther)
}

func (u *ui) tenderNoticePage(c *fiber.Ctx, v procurement.TenderView) noticeFormPage {
	back := fmt.Sprintf("/aanbestedingen/%d", v.Tender.ID)
	return noticeFormPage{layout: u.layout(c, "Gegevens voor de Europese aankondiging", "aanbestedingen"),
		Back: back, BackLabel: v.Tender.Title, Action: back + "/aankondiging"}
}

func (u *ui) tenderNoticeForm(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	p := u.tenderNoticePage(c, v)
	p.Fields, _ = fill(tenderNoticeFields, tenderValues(v.Tender.NoticeDetails), nil)
	return u.renderNoticeForm(c, fiber.StatusOK, p)
}

func (u *ui) setTenderNotice(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	f := postedValues(c, tenderNoticeFields)
	d := procurement.NoticeDetails{ReviewName: f["reviewName"], ReviewStreet: f["reviewStreet"], ReviewPostcode: strings.ToUpper(f["reviewPostcode"]),
		ReviewCity: f["reviewCity"], ReviewID: strings.ReplaceAll(f["reviewId"], " ", ""), DocumentsURL: f["documentsUrl"],
		TenderNedID: f["tenderNedId"], TenderNedURL: f["tenderNedUrl"]}
	err = u.procurement.SetNoticeDetails(c.UserContext(), v.Tender.ID, d)
	if fe := apperr.Fields(err); len(fe) > 0 {
		p := u.tenderNoticePage(c, v)
		p.Fields, p.Summary = fill(tenderNoticeFields, f, fe)
		return u.renderNoticeForm(c, fiber.StatusUnprocessableEntity, p)
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/aanbestedingen/%d#eforms-kop", v.Tender.ID), fiber.StatusSeeOther)
}

// fixLink is where the missing field of a notice of tender id is filled
// in: the organization's or the tender's notice details, the vendor, the
// tender's form or section; "" when no form fixes it.
func fixLink(tenderID int64, field string) string {
	tender := "/aanbestedingen/" + strconv.FormatInt(tenderID, 10)
	parts := strings.Split(field, ".")
	switch {
	case len(parts) == 3 && parts[0] == "organizations":
		name := parts[2]
		if name == "address" {
			name = "street"
		}
		return "/organisaties/" + url.PathEscape(parts[1]) + "/aankondiging#f-" + name
	case len(parts) == 3 && parts[0] == "vendors":
		return "/leveranciers/" + parts[1] + "/bewerken#f-" + parts[2]
	case field == "reviewId" || field == "documentsUrl":
		return tender + "/aankondiging#f-" + field
	case field == "description" || field == "cpv" || field == "tenderDeadline" || field == "estimate":
		return tender + "/bewerken"
	case field == "participants":
		return tender + "#deelnemers"
	case field == "lots" || strings.HasPrefix(field, "lots["):
		return tender + "#percelen"
	case field == "awardDecision":
		return tender + "/gunning"
	}
	return ""
}
