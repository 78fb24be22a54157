package nl

import "github.com/samenkoop/samenkoop/procurement"

// NoEuropeanNotice says why a tender below the EU threshold has no
// European notice (procurement.ErrNoEuropeanNotice).
const NoEuropeanNotice = "Geen Europese aankondiging nodig: de geraamde waarde ligt onder de Europese drempel."

// noticeKinds are the Dutch names of the European notices, as TenderNed
// calls them.
var noticeKinds = map[procurement.NoticeKind]string{
	procurement.NoticePIN: "vooraankondiging",
	procurement.NoticeCN:  "aankondiging van een opdracht",
	procurement.NoticeCAN: "aankondiging van een gegunde opdracht",
}

// NoticeKind returns the Dutch name of a notice kind.
func NoticeKind(k procurement.NoticeKind) string { return noticeKinds[k] }

// NoticeFileNames are the Dutch words of the notices' file names
// (eforms-vooraankondiging-telefonie-2027.xml).
var noticeFileNames = map[procurement.NoticeKind]string{
	procurement.NoticePIN: "vooraankondiging",
	procurement.NoticeCN:  "aankondiging-opdracht",
	procurement.NoticeCAN: "aankondiging-gegunde-opdracht",
}

// NoticeFileName returns the Dutch word of a notice kind's file name.
func NoticeFileName(k procurement.NoticeKind) string { return noticeFileNames[k] }
