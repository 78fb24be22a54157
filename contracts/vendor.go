package contracts

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Vendor is a supplier. Subsidiaries name their parent, so that
// concentration is measured per vendor group (DESIGN §3).
type Vendor struct {
	ID   int64
	Name string
	// KVK is the Chamber of Commerce number: 8 digits; empty for foreign
	// vendors without one.
	KVK string
	// ParentID is the vendor this one belongs to; 0 for a group's top.
	ParentID int64
	// Country is the ISO 3166-1 alpha-2 code, NL by default.
	Country string
	// Street (with the house number), Postcode and City are the postal
	// address, which a contract award notice states of the winner; empty
	// is unknown. A Dutch postcode is written as for organizations
	// (1011 AB).
	Street, Postcode, City string
}

var (
	kvkSyntax     = regexp.MustCompile(`^[0-9]{8}$`)
	countrySyntax = regexp.MustCompile(`^[A-Z]{2}$`)
)

// Validate returns every problem with v as apperr.FieldErrors, or nil.
func (v Vendor) Validate() error {
	var fe apperr.FieldErrors
	if strings.TrimSpace(v.Name) == "" {
		fe.Add("name", apperr.Required)
	} else if len(v.Name) > 200 {
		fe.Add("name", apperr.TooLong, 200)
	}
	if v.KVK != "" && !kvkSyntax.MatchString(v.KVK) {
		fe.Add("kvk", apperr.KvKFormat)
	}
	if v.Country == "" || !countrySyntax.MatchString(v.Country) {
		fe.Add("country", apperr.CountryFormat)
	}
	CheckText(&fe, "name", v.Name, false)
	for _, f := range []struct{ field, value string }{{"street", v.Street}, {"postcode", v.Postcode}, {"city", v.City}} {
		if utf8.RuneCountInString(f.value) > 200 {
			fe.Add(f.field, apperr.TooLong, 200)
		}
		CheckText(&fe, f.field, f.value, false)
	}
	if v.Postcode != "" && v.Country == "NL" && !dutchPostcode.MatchString(v.Postcode) {
		fe.Add("postcode", apperr.PostcodeFormat)
	}
	if v.ParentID != 0 && v.ParentID == v.ID {
		fe.Add("parentId", apperr.VendorOwnParent)
	}
	return fe.Err()
}
