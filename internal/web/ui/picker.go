package ui

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Pickers: an organization or a vendor is chosen by a search field, not
// from a list of every one (700 organizations at national scale on every
// page). The field sends what was typed, a code, an id, a KvK number or
// (part of) a name; the server looks it up, bounded to maxPickerMatches,
// and takes it when one matches; when several do, the page offers them as
// links (filters) or choices (forms). No script is needed.

// maxPickerMatches bounds the matches a search field offers.
const maxPickerMatches = 10

// picked is what a search field named: the chosen one, or the matches to
// choose from.
type picked struct {
	// Value is the chosen organization's code or vendor's id; "" when
	// none was chosen.
	Value string
	// Text is what the field shows: the chosen one's name, or what was
	// typed.
	Text string
	// Matches are the candidates when the text named several (at most
	// maxPickerMatches); More says there were more.
	Matches []option
	More    bool
	// NotFound says the text named none.
	NotFound bool
}

// chosen returns what a search field of a form sent: the last of its
// name's values that is not empty, since a choice among the matches (a
// radio button after the field, of the same name) wins over what is typed
// in the field.
func chosen(vs []string) string {
	for i := len(vs) - 1; i >= 0; i-- {
		if s := strings.TrimSpace(vs[i]); s != "" {
			return s
		}
	}
	return ""
}

// pickOrganization looks up the organization text names: its code, or a
// unique (part of a) name or code among those in scope.
func (u *ui) pickOrganization(ctx context.Context, scope contracts.Scope, text string) (picked, error) {
	text = strings.TrimSpace(text)
	p := picked{Text: text}
	if text == "" {
		return p, nil
	}
	// A code is taken as it is, in scope or not: the service decides
	// access, and refuses another organization's contract. The label a
	// form shows of the chosen one, sent back as it was, names it by
	// its code.
	code := strings.ToUpper(text)
	if m := organizationLabelCode.FindStringSubmatch(text); m != nil {
		code = m[1]
	}
	if o, err := u.contracts.Organization(ctx, code); err == nil {
		return picked{Value: o.Code, Text: o.Name + " (" + o.Code + ")"}, nil
	} else if !errors.Is(err, apperr.NotFound) {
		return p, err
	}
	if code, ok := scope.Organization(); ok {
		// A user of one organization can only name that one.
		p.NotFound = !strings.EqualFold(text, code)
		return p, nil
	}
	res, err := u.contracts.Organizations(ctx, contracts.OrganizationFilter{Q: text, PageSize: maxPickerMatches + 1})
	if err != nil {
		return p, err
	}
	for _, o := range res.Items {
		if len(res.Items) == 1 || strings.EqualFold(o.Name, text) || strings.EqualFold(o.Name+" ("+o.Code+")", text) {
			return picked{Value: o.Code, Text: o.Name + " (" + o.Code + ")"}, nil
		}
	}
	for i, o := range res.Items {
		if i == maxPickerMatches {
			p.More = true
			break
		}
		p.Matches = append(p.Matches, option{Value: o.Code, Label: o.Name + " (" + o.Code + ")"})
	}
	p.NotFound = len(res.Items) == 0
	return p, nil
}

// pickVendor looks up the vendor text names: its id, its KvK number, or
// a unique (part of a) name; with groups only the tops of vendor groups.
func (u *ui) pickVendor(ctx context.Context, scope contracts.Scope, text string, groups bool) (picked, error) {
	text = strings.TrimSpace(text)
	p := picked{Text: text}
	if text == "" {
		return p, nil
	}
	label := func(v contracts.Vendor) string {
		if v.KVK != "" {
			return v.Name + " (KvK " + v.KVK + ")"
		}
		return v.Name
	}
	if id, err := strconv.ParseInt(text, 10, 64); err == nil && id > 0 && len(text) != 8 {
		v, err := u.contracts.Vendor(ctx, id)
		switch {
		case err == nil && (!groups || v.ParentID == 0):
			return picked{Value: strconv.FormatInt(v.ID, 10), Text: label(v)}, nil
		case err != nil && !errors.Is(err, apperr.NotFound):
			return p, err
		}
	}
	q := text
	if m := vendorLabelKVK.FindStringSubmatch(text); m != nil {
		// The label a form shows of the chosen vendor, sent back as it
		// was: its KvK number names it.
		q = m[1]
	}
	res, err := u.contracts.Vendors(ctx, scope, contracts.VendorFilter{Q: q, PageSize: 4 * maxPickerMatches})
	if err != nil {
		return p, err
	}
	var found []contracts.Vendor
	for _, v := range res.Items {
		if !groups || v.GroupID == v.ID {
			found = append(found, v.Vendor)
		}
	}
	for _, v := range found {
		if len(found) == 1 || strings.EqualFold(v.Name, text) || strings.EqualFold(label(v), text) || v.KVK == text {
			return picked{Value: strconv.FormatInt(v.ID, 10), Text: label(v)}, nil
		}
	}
	for i, v := range found {
		if i == maxPickerMatches {
			p.More = true
			break
		}
		p.Matches = append(p.Matches, option{Value: strconv.FormatInt(v.ID, 10), Label: label(v)})
	}
	p.More = p.More || res.Total > len(res.Items)
	p.NotFound = len(found) == 0
	return p, nil
}

// organizationLabelCode reads the code of an organization's label
// ("Name (GM0363)").
var organizationLabelCode = regexp.MustCompile(`\(([A-Z0-9-]+)\)$`)

// vendorLabelKVK reads the KvK number of a vendor's label ("Name (KvK
// 12345678)").
var vendorLabelKVK = regexp.MustCompile(`\(KvK ([0-9]{8})\)$`)

// matchLinks turns the matches of a filter's search field into links to
// the list with that one chosen (param set to its value), keeping the
// other filters in query.
func matchLinks(path string, query url.Values, param string, p picked) []option {
	out := make([]option, len(p.Matches))
	for i, m := range p.Matches {
		q := url.Values{}
		for k, vs := range query {
			if k != "cursor" {
				q[k] = vs
			}
		}
		q.Set(param, m.Value)
		out[i] = option{Value: path + "?" + q.Encode(), Label: m.Label}
	}
	return out
}

// pickerMatches is what partials/picker.html shows of a filter's search
// field that did not name one: the matches as links, or that none did.
type pickerMatches struct {
	// What names the kind in the plural ("organisaties").
	What     string
	Text     string
	Links    []option
	More     bool
	NotFound bool
}

func newPickerMatches(what string, links []option, p picked) pickerMatches {
	return pickerMatches{What: what, Text: p.Text, Links: links, More: p.More, NotFound: p.NotFound}
}
