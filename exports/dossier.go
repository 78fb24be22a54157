package exports

import (
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// DefaultOCIDPrefix is the OCDS prefix used until one is configured. It is
// deliberately not of the registered form (ocds- and six characters), so
// it can never pass for another publisher's prefix: a cooperative that
// publishes OCDS registers its own with the Open Contracting Partnership
// and configures it.
const DefaultOCIDPrefix = "ocds-samenkoop"

// DossierOptions configure the tender dossier and the OCDS release.
type DossierOptions struct {
	// OCIDPrefix is the registered OCDS prefix (ocds-abc123); the ocid is
	// the prefix, a dash and the tender id. DefaultOCIDPrefix when empty.
	OCIDPrefix string
	// Publisher names who publishes the dossier and the OCDS package
	// ("Samenkoop" when empty).
	Publisher string
	// BaseURL is the public address of this Samenkoop
	// (https://samenkoop.example.nl); the OCDS package URI is built from
	// it. Without it the package URI is a URN.
	BaseURL string
}

// Dossier is what the tender dossier (Excel, PDF) and the OCDS release
// show: one loaded tender with its plan, the moment the export is made and
// the options. Generated comes from the caller, never from the clock at
// writing, so the same input always gives the same document.
type Dossier struct {
	procurement.TenderView
	Generated time.Time
	Options   DossierOptions
}

// NewDossier returns the dossier of v, generated at generated, with the
// options' defaults filled in.
func NewDossier(v procurement.TenderView, generated time.Time, opts DossierOptions) Dossier {
	if strings.TrimSpace(opts.OCIDPrefix) == "" {
		opts.OCIDPrefix = DefaultOCIDPrefix
	}
	if strings.TrimSpace(opts.Publisher) == "" {
		opts.Publisher = "Samenkoop"
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	return Dossier{TenderView: v, Generated: generated, Options: opts}
}

// DossierFileName is the Dutch file name of a tender's dossier with the
// given extension (xlsx, pdf): "Aanbestedingsdossier <title>.xlsx". The
// title is kept as typed, apart from characters that no file system
// accepts; encoding it for a header is the caller's business.
func DossierFileName(title, ext string) string {
	return "Aanbestedingsdossier " + fileSafe(title) + "." + ext
}

// OCDSFileName is the file name of a tender's OCDS release package.
func OCDSFileName(title string) string {
	return "OCDS " + fileSafe(title) + ".json"
}

// fileSafe replaces path separators, control characters and the
// characters Windows refuses in file names, and caps the length.
func fileSafe(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.TrimSpace(s) {
		if n == 120 {
			break
		}
		switch {
		case r < 0x20 || r == 0x7f:
			r = ' '
		case strings.ContainsRune(`/\:*?"<>|`, r):
			r = '-'
		}
		b.WriteRune(r)
		n++
	}
	out := strings.TrimRight(strings.TrimSpace(b.String()), ".")
	if out == "" {
		return "aanbesteding"
	}
	return out
}

// dossierLot is one lot with what the dossier shows beside it.
type dossierLot struct {
	procurement.Lot
	Estimate     procurement.LotEstimate
	Participants int
	Quantity     int64
	Annual       contracts.Money
	// Exempt says the lot exemption lets the lot be procured outside the
	// EU procedure (Aw 2012 art. 2.19).
	Exempt bool
}

// lots returns the tender's lots with their estimate and the
// participants' demand. The plan estimates the lots in the view's order
// (procurement.LotValues), so the estimates pair up by position.
func (d Dossier) lots() []dossierLot {
	exempt := make(map[string]bool, len(d.Plan.Exemption.Exempt))
	for _, l := range d.Plan.Exemption.Exempt {
		exempt[l] = true
	}
	out := make([]dossierLot, len(d.Lots))
	for i, l := range d.Lots {
		dl := dossierLot{Lot: l, Exempt: exempt[l.Title]}
		if i < len(d.Plan.Estimate.Lots) {
			dl.Estimate = d.Plan.Estimate.Lots[i]
		}
		for _, p := range d.Participants {
			if v, ok := p.Volume(l.ID); ok {
				dl.Participants++
				dl.Quantity += v.Quantity
				dl.Annual += v.Annual
			}
		}
		out[i] = dl
	}
	return out
}

// procedureText names the procedure that applies and whether it is
// European.
func procedureText(p procurement.Plan) string {
	s := p.Procedure.Dutch()
	if p.Determination.European {
		s = "Europese " + s
	} else if s != "" {
		s = "nationale " + s
	}
	if p.Overridden {
		s += " (door de coördinator gekozen)"
	}
	return s
}

// provinceName returns the name of a province code, or the code.
func provinceName(code string) string {
	if n := (contracts.Organization{Province: code}).ProvinceName(); n != "" {
		return n
	}
	return code
}
