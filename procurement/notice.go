package procurement

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// A tender's European notices (eForms, Implementing Regulation (EU)
// 2019/1780): the prior information notice, the contract notice and the
// contract award notice. The domain assembles what a notice states
// (NoticeView) and lists what it still misses for publication, as codes;
// package exports writes the XML and internal/nl words the codes.

// NoticeKind is the kind of European notice.
type NoticeKind string

// The kinds of notice TenderNed takes for a joint tender.
const (
	NoticePIN NoticeKind = "pin"
	NoticeCN  NoticeKind = "cn"
	NoticeCAN NoticeKind = "can"
)

// NoticeKinds returns the kinds in the order a tender publishes them.
func NoticeKinds() []NoticeKind { return []NoticeKind{NoticePIN, NoticeCN, NoticeCAN} }

// Valid reports whether k is a known kind.
func (k NoticeKind) Valid() bool { return slices.Contains(NoticeKinds(), k) }

// ErrNoEuropeanNotice is why a tender below the EU threshold has no
// European notice: it is not announced on TED at all (Aw 2012 art. 2.1).
var ErrNoEuropeanNotice = apperr.WithDetail(apperr.Conflict, "no European notice needed: the estimated value is below the EU threshold")

// Notice identifies one notice of a tender: its kind and eForms subtype,
// the notice identifier (BT-701, a UUID) and version (BT-757), the
// procedure identifier all the tender's notices share (BT-04, a UUID),
// and when this version was first made (its dispatch date, BT-05).
type Notice struct {
	Kind      NoticeKind
	Subtype   int
	ID        string
	Version   int
	Procedure string
	Issued    time.Time
}

// NoticeSubtype returns the eForms notice subtype of a notice of kind for
// the view (eForms SDK notice-types.json, Directive 2014/24/EU): a prior
// information notice is 4, or 7 when it shortens the time limits (the
// plan's PIN option); a contract notice 16, or 20 under the light regime
// for social and other specific services; an award notice 29, or 33 under
// the light regime.
func NoticeSubtype(kind NoticeKind, v TenderView) int {
	light := v.Plan.Determination.Light() || v.Tender.Kind == KindSocial
	switch {
	case kind == NoticePIN && v.Tender.PIN:
		return 7
	case kind == NoticePIN:
		return 4
	case kind == NoticeCN && light:
		return 20
	case kind == NoticeCN:
		return 16
	case light:
		return 33
	}
	return 29
}

// NoticeView is what a tender's notice states: the tender as loaded
// (every organization's current contracts left out), the notice's
// identity, the buyers with their organization data, the awarded vendors
// and the review body. Missing lists what the notice still lacks for
// publication; a notice is only written when it is empty.
type NoticeView struct {
	TenderView
	Notice Notice
	// Buyers are the lead authority first, then every participant with a
	// signed mandate, by code: each a buyer of the joint procurement.
	Buyers []contracts.Organization
	// Vendors are the awarded vendors by id.
	Vendors map[int64]contracts.Vendor
	Review  ReviewBody
	Missing apperr.FieldErrors
}

// LeadBuyer reports whether buyer code is the lead authority: the buyer
// that procures on behalf of the others.
func (n NoticeView) LeadBuyer(code string) bool { return code == n.Tender.Lead }

// NoticeView loads tender id for scope and assembles its notice of kind, with the
// notice's identifier and version from the tender's notice log (a UUID
// made on the first export, the version raised when the content changed
// since, see RecordNotice). It refuses with ErrNoEuropeanNotice below the
// EU threshold. Missing is filled, not refused: the caller decides
// whether to show the list or refuse with it (NoticeView.Err).
//
// fingerprint computes what identifies the notice's content (the exports
// hash the notice written without identity and date); nil leaves the
// log alone and the notice without identity, which is what a page needs
// to list the missing fields.
func (s *Service) NoticeView(ctx context.Context, scope contracts.Scope, id int64, kind NoticeKind, fingerprint func(NoticeView) (string, error)) (NoticeView, error) {
	if !kind.Valid() {
		return NoticeView{}, apperr.FieldProblem("notice", apperr.OneOf, apperr.Or(string(NoticePIN), string(NoticeCN), string(NoticeCAN)), string(kind))
	}
	v, err := s.load(ctx, s.store, id, scope)
	if err != nil {
		return NoticeView{}, fmt.Errorf("procurement: notice of tender %d: %w", id, err)
	}
	if d := v.Plan.Determination; d.State == Determined && !d.European {
		return NoticeView{}, fmt.Errorf("procurement: notice of tender %d: %w", id, ErrNoEuropeanNotice)
	}
	n, err := s.assembleNotice(ctx, v, kind)
	if err != nil {
		return NoticeView{}, fmt.Errorf("procurement: notice of tender %d: %w", id, err)
	}
	n.Missing = NoticeMissing(n)
	if fingerprint != nil && len(n.Missing) == 0 {
		fp, err := fingerprint(n)
		if err != nil {
			return NoticeView{}, fmt.Errorf("procurement: notice of tender %d: %w", id, err)
		}
		if n.Notice, err = s.RecordNotice(ctx, id, n.Notice, fp); err != nil {
			return NoticeView{}, err
		}
	}
	return n, nil
}

// assembleNotice is the notice of kind of the loaded tender v: its
// buyers and awarded vendors read, its missing fields not yet listed.
func (s *Service) assembleNotice(ctx context.Context, v TenderView, kind NoticeKind) (NoticeView, error) {
	n := NoticeView{TenderView: v, Notice: Notice{Kind: kind, Subtype: NoticeSubtype(kind, v)}, Review: v.Tender.Review()}
	codes := []string{v.Tender.Lead}
	for _, p := range v.Participants {
		if p.Mandate.Status == MandateSigned && p.Organization != v.Tender.Lead {
			codes = append(codes, p.Organization)
		}
	}
	orgs, err := s.store.OrganizationsByCode(ctx, codes)
	if err != nil {
		return n, err
	}
	for _, c := range codes {
		if o, ok := orgs[c]; ok {
			n.Buyers = append(n.Buyers, o)
		}
	}
	n.Vendors = map[int64]contracts.Vendor{}
	for _, l := range v.Lots {
		if _, ok := n.Vendors[l.VendorID]; ok || l.VendorID == 0 {
			continue
		}
		if n.Vendors[l.VendorID], err = s.store.Vendor(ctx, l.VendorID); err != nil {
			return n, err
		}
	}
	return n, nil
}

// NoticesMissing lists, for the loaded tender v, what each kind of notice
// still misses for publication (NoticeMissing), for the tender page; nil
// when the tender needs no European notice.
func (s *Service) NoticesMissing(ctx context.Context, v TenderView) (map[NoticeKind]apperr.FieldErrors, error) {
	if d := v.Plan.Determination; d.State == Determined && !d.European {
		return nil, nil
	}
	n, err := s.assembleNotice(ctx, v, NoticeCN)
	if err != nil {
		return nil, fmt.Errorf("procurement: notices of tender %d: %w", v.Tender.ID, err)
	}
	out := map[NoticeKind]apperr.FieldErrors{}
	for _, k := range NoticeKinds() {
		n.Notice = Notice{Kind: k, Subtype: NoticeSubtype(k, v)}
		out[k] = NoticeMissing(n)
	}
	return out, nil
}

// Err returns the missing fields as an error (apperr.Invalid), or nil.
func (n NoticeView) Err() error { return n.Missing.Err() }

// NoticeMissing lists what the notice n lacks for publication, field by
// field, as codes: what the eForms SDK marks mandatory for the subtype
// (fields.json) and Samenkoop cannot fill in itself, plus the buyers'
// addresses and the lead authority's contact e-mail, which TenderNed asks
// of every notice, and in an award notice the city of each winner
// (BT-513, mandatory for every organization the notice names).
func NoticeMissing(n NoticeView) apperr.FieldErrors {
	var fe apperr.FieldErrors
	t := n.Tender
	if n.Plan.Determination.State == MissingInput {
		fe.Add("estimate", apperr.NoticeEstimate)
	}
	if n.Plan.Mandates.Signed == 0 {
		fe.Add("participants", apperr.NoticeNoMandates)
	}
	for _, o := range n.Buyers {
		d := o.Effective()
		field := func(name string) string { return "organizations." + o.Code + "." + name }
		if d.Street == "" || d.Postcode == "" {
			fe.Add(field("address"), apperr.NoticeBuyerAddress, o.Name)
		}
		if d.City == "" {
			fe.Add(field("city"), apperr.NoticeBuyerCity, o.Name)
		}
		switch {
		case d.NUTS == "":
			fe.Add(field("nuts"), apperr.NoticeBuyerNUTS, o.Name)
		case !contracts.NUTS3(d.NUTS):
			// The province's NUTS 2 code is the default, but a notice
			// takes NUTS 3: never a silently wrong region.
			fe.Add(field("nuts"), apperr.NoticeBuyerNUTS3, o.Name, d.NUTS)
		}
		if d.OIN == "" && d.KvK == "" {
			fe.Add(field("oin"), apperr.NoticeBuyerID, o.Name)
		}
		if d.LegalType == "" {
			fe.Add(field("legalType"), apperr.NoticeBuyerLegalType, o.Name)
		}
		if d.MainActivity == "" {
			fe.Add(field("mainActivity"), apperr.NoticeBuyerActivity, o.Name)
		}
		if o.Code == t.Lead && d.Email == "" {
			fe.Add(field("email"), apperr.NoticeContactEmail, o.Name)
		}
	}
	if n.Review.ID == "" {
		fe.Add("reviewId", apperr.NoticeReviewID, n.Review.Name)
	}
	if strings.TrimSpace(t.Description) == "" {
		fe.Add("description", apperr.NoticeDescription)
	}
	if t.CPV == "" {
		fe.Add("cpv", apperr.NoticeCPV)
	}
	if len(n.Lots) == 0 {
		fe.Add("lots", apperr.NoticeNoLots)
	}
	for i, l := range n.Lots {
		if l.CPV == "" && t.CPV == "" {
			fe.Add(fmt.Sprintf("lots[%d].cpv", i), apperr.NoticeLotCPV, l.Number, l.Title)
		}
	}
	switch n.Notice.Kind {
	case NoticeCN:
		if t.DocumentsURL == "" {
			fe.Add("documentsUrl", apperr.NoticeDocumentsURL)
		}
		if _, ok := n.Plan.Milestone(MilestoneTenderDeadline); !ok {
			fe.Add("tenderDeadline", apperr.NoticeDeadline)
		}
	case NoticeCAN:
		if t.AwardDecision.IsZero() {
			fe.Add("awardDecision", apperr.NoticeNotAwarded)
		}
		for i, l := range n.Lots {
			if l.VendorID == 0 {
				fe.Add(fmt.Sprintf("lots[%d].vendor", i), apperr.NoticeLotVendor, l.Number, l.Title)
			}
		}
		for _, id := range slices.Sorted(maps.Keys(n.Vendors)) {
			if v := n.Vendors[id]; strings.TrimSpace(v.City) == "" {
				fe.Add(fmt.Sprintf("vendors.%d.city", id), apperr.NoticeVendorCity, v.Name)
			}
		}
	}
	return fe
}

// The notice log: per tender, the procedure identifier its notices share
// and, per kind, the identifier, version, content fingerprint and date of
// the latest notice, in the settings (key procurement.notice.<tender id>),
// which the store audits like every setting; as the OCDS release log.
// Exporting unchanged content again gives the same notice; changed
// content keeps the identifier and raises the version, so TenderNed sees
// a new version of the same notice rather than an unrelated one.

func noticeKey(tenderID int64) string { return "procurement.notice." + strconv.FormatInt(tenderID, 10) }

type noticeLog struct {
	Procedure string                      `json:"procedure"`
	Notices   map[NoticeKind]noticeRecord `json:"notices"`
}

type noticeRecord struct {
	ID          string    `json:"id"`
	Version     int       `json:"version"`
	Fingerprint string    `json:"fingerprint"`
	Issued      time.Time `json:"issued"`
}

// RecordNotice returns notice n with its identity for content with
// fingerprint: the recorded one when the latest notice of its kind has
// this fingerprint; otherwise the same identifier with the next version
// (a new identifier on the first export), issued now, which becomes the
// latest. Read and written in one transaction.
func (s *Service) RecordNotice(ctx context.Context, tenderID int64, n Notice, fingerprint string) (Notice, error) {
	if fingerprint == "" {
		return n, fmt.Errorf("procurement: record notice of tender %d: empty fingerprint: %w", tenderID, apperr.Invalid)
	}
	err := s.store.InTx(ctx, func(st Store) error {
		var log noticeLog
		raw, err := st.Setting(ctx, noticeKey(tenderID))
		switch {
		case errors.Is(err, apperr.NotFound):
		case err != nil:
			return err
		default:
			if err := json.Unmarshal([]byte(raw), &log); err != nil {
				return fmt.Errorf("notice log: %w", err)
			}
		}
		if log.Notices == nil {
			log.Notices = map[NoticeKind]noticeRecord{}
		}
		rec, ok := log.Notices[n.Kind]
		if ok && rec.Fingerprint == fingerprint && log.Procedure != "" {
			n.ID, n.Version, n.Procedure, n.Issued = rec.ID, rec.Version, log.Procedure, rec.Issued
			return nil
		}
		if log.Procedure == "" {
			if log.Procedure, err = newUUID(); err != nil {
				return err
			}
		}
		if !ok {
			if rec.ID, err = newUUID(); err != nil {
				return err
			}
		}
		rec.Version++
		rec.Fingerprint = fingerprint
		rec.Issued = s.opts.Now().UTC().Truncate(time.Second)
		log.Notices[n.Kind] = rec
		b, err := json.Marshal(log)
		if err != nil {
			return err
		}
		n.ID, n.Version, n.Procedure, n.Issued = rec.ID, rec.Version, log.Procedure, rec.Issued
		return st.SetSetting(ctx, noticeKey(tenderID), string(b))
	})
	if err != nil {
		return n, fmt.Errorf("procurement: record notice of tender %d: %w", tenderID, err)
	}
	return n, nil
}

// newUUID returns a random (version 4) UUID in lower case, the form
// eForms requires of notice and procedure identifiers (BT-701, BT-04).
func newUUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}
