package api

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/web"
)

// alertJSON is an alert as the API shows it.
type alertJSON struct {
	Kind    string `json:"kind" enum:"action,notice,option,expiry" doc:"action: the organization's own action date (deadline minus lead days); notice: last day to give notice before a tacit renewal or to end an indefinite contract at its initial end; option: last day to exercise an extension option; expiry: the contract ends for good"`
	Date    string `json:"date" format:"date" doc:"The day of the alert; for a missed notice deadline or an overdue action, today"`
	Missed  bool   `json:"missed" doc:"The notice deadline has passed and the contract renewed once more"`
	Overdue bool   `json:"overdue" doc:"An action alert whose action date (actionDate) has passed while its deadline has not: start now"`
	// ActionDate is the action date an overdue action alert is about.
	ActionDate string `json:"actionDate,omitempty" format:"date" doc:"For an overdue action: the action date that passed"`
	// Deadline, End and Renewal say what the date is about; see What.
	Deadline string            `json:"deadline,omitempty" format:"date" doc:"The notice deadline or option decision an action date leads up to; for a missed notice, the deadline that was missed"`
	End      string            `json:"end,omitempty" format:"date" doc:"Where the contract ends when acted upon; for a missed notice, the end it is now committed to"`
	Renewal  string            `json:"renewal,omitempty" format:"date" doc:"Where the contract runs to otherwise"`
	What     string            `json:"what" example:"give notice by 2025-10-31 to end at 2026-01-31, or it renews until 2027-01-31"`
	WhatCode apperr.Code       `json:"whatCode" example:"alert_notice" doc:"What as a stable code; its dates are in whatArgs"`
	WhatArgs []any             `json:"whatArgs,omitempty" doc:"The dates of whatCode, in the order of what"`
	Contract alertContractJSON `json:"contract"`
}

type alertContractJSON struct {
	ID               int64  `json:"id"`
	Organization     string `json:"organization" example:"GM0363"`
	OrganizationName string `json:"organizationName" example:"Amsterdam"`
	Number           string `json:"number"`
	Title            string `json:"title"`
	VendorID         int64  `json:"vendorId"`
	VendorName       string `json:"vendorName"`
}

func toAlertJSON(a contracts.Alert) alertJSON {
	c, note := a.Contract, a.Note()
	return alertJSON{WhatCode: note.Kind, WhatArgs: note.Args,
		Kind: string(a.Kind), Date: a.Date.String(), Missed: a.Missed, Overdue: a.Overdue && a.Kind == contracts.AlertAction,
		ActionDate: overdueAction(a),
		Deadline:   a.Deadline.String(), End: a.End.String(), Renewal: a.Renewal.String(), What: a.What,
		Contract: alertContractJSON{ID: c.ID, Organization: c.Organization, OrganizationName: c.OrganizationName,
			Number: c.Number, Title: c.Title, VendorID: c.VendorID, VendorName: c.VendorName},
	}
}

// overdueAction returns the action date of an overdue action alert, or "".
func overdueAction(a contracts.Alert) string {
	if !a.Overdue || a.Kind != contracts.AlertAction {
		return ""
	}
	return a.Action.String()
}

type listAlertsInput struct {
	Within       string `query:"within" default:"90d" maxLength:"5" example:"90d" doc:"How far ahead to look, in days: 0d–730d"`
	Organization string `query:"organization" maxLength:"32" example:"GM0363" doc:"Only this organization; a user scoped to one organization may name only that one"`
	Cursor       string `query:"cursor" maxLength:"512" doc:"The position of the page: the next cursor of a page. Without it, page numbers the page"`
	Page         int    `query:"page" minimum:"1" maximum:"1000000" default:"1" doc:"Page number, without cursor; the page's rows may lie at most 10,000 rows from the first (422 beyond): follow next from there"`
	PageSize     int    `query:"pageSize" minimum:"1" maximum:"500" default:"50"`
}

type alertPageJSON struct {
	Link string `header:"Link" doc:"RFC 8288 link to the next page, when there is one"`
	Body struct {
		AsOf         string      `json:"asOf" format:"date" doc:"The day the dates were computed for (today in Europe/Amsterdam)"`
		Within       int         `json:"within" doc:"Days looked ahead"`
		Items        []alertJSON `json:"items" doc:"Soonest first; on one day a missed deadline first, then an overdue action, then action, notice, option, expiry; then by contract id"`
		Total        int         `json:"total" doc:"Number of alerts in the window within the caller's scope, counted up to 1,000; with totalAtLeast, more than total"`
		TotalAtLeast bool        `json:"totalAtLeast" doc:"More than total (1,000) alerts match"`
		Page         int         `json:"page" doc:"The page number asked for; 1 with a cursor"`
		PageSize     int         `json:"pageSize"`
		Next         string      `json:"next,omitempty" doc:"Cursor of the next page; absent on the last"`
		Partial      bool        `json:"partial" doc:"The page may hold fewer alerts than pageSize though more follow: next goes on from there"`
	}
}

// parseDays reads a window such as "90d".
func parseDays(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSuffix(s, "d"))
	if err != nil || !strings.HasSuffix(s, "d") || n < 0 || strconv.Itoa(n)+"d" != s {
		return 0, false
	}
	return n, true
}

func (a *api) listAlerts(ctx context.Context, in *listAlertsInput) (*alertPageJSON, error) {
	within, ok := parseDays(in.Within)
	if !ok {
		return nil, apperr.FieldProblem("within", apperr.DaysFormat)
	}
	page, err := a.contracts.AlertList(ctx, web.ScopeFrom(ctx), contracts.AlertFilter{Organization: in.Organization, Within: within,
		Cursor: in.Cursor, Page: in.Page, PageSize: in.PageSize})
	if err != nil {
		return nil, err
	}
	out := &alertPageJSON{}
	b := &out.Body
	b.AsOf, b.Within = page.AsOf.String(), within
	b.Total, b.TotalAtLeast, b.Next, b.Partial = page.Total, page.TotalAtLeast, page.Next, page.Partial
	b.Page, b.PageSize = in.Page, in.PageSize
	if in.Cursor != "" {
		b.Page = 1
	}
	b.Items = make([]alertJSON, len(page.Items))
	for i, al := range page.Items {
		b.Items[i] = toAlertJSON(al)
	}
	q := url.Values{}
	q.Set("within", in.Within)
	if in.Organization != "" {
		q.Set("organization", in.Organization)
	}
	q.Set("pageSize", strconv.Itoa(in.PageSize))
	out.Link = cursorLinks("/api/v1/alerts", q, page.Next, "")
	return out, nil
}
