package api

import (
	"context"
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
	Page         int    `query:"page" minimum:"1" maximum:"1000000" default:"1"`
	PageSize     int    `query:"pageSize" minimum:"1" maximum:"500" default:"100"`
}

type alertPageJSON struct {
	Body struct {
		AsOf     string      `json:"asOf" format:"date" doc:"The day the dates were computed for (today in Europe/Amsterdam)"`
		Within   int         `json:"within" doc:"Days looked ahead"`
		Items    []alertJSON `json:"items" doc:"Soonest first; on one day a missed deadline first, then an overdue action, then action, notice, option, expiry"`
		Total    int         `json:"total"`
		Page     int         `json:"page"`
		PageSize int         `json:"pageSize"`
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
	alerts, err := a.contracts.Alerts(ctx, web.ScopeFrom(ctx), in.Organization, within)
	if err != nil {
		return nil, err
	}
	out := &alertPageJSON{}
	out.Body.AsOf, out.Body.Within = a.contracts.Today().String(), within
	out.Body.Total, out.Body.Page, out.Body.PageSize = len(alerts), in.Page, in.PageSize
	start := min(contracts.PageOffset(in.Page, in.PageSize), len(alerts))
	page := alerts[start:min(start+in.PageSize, len(alerts))]
	out.Body.Items = make([]alertJSON, len(page))
	for i, al := range page {
		out.Body.Items[i] = toAlertJSON(al)
	}
	return out, nil
}
