// Package contracts owns the register of what public buyers already have:
// organizations (municipalities, provinces, water boards, cooperations),
// procurement categories with their CPV codes, and later vendors, contracts
// and licence lines.
//
// Sources it implements:
//   - CBS municipal and province codes (GM + 4 digits, PV20–PV31) and the
//     CBS population figure "Bevolking op 1 januari" (StatLine 03759NED);
//   - the Common Procurement Vocabulary, Regulation (EC) No 213/2008 (CPV
//     2008): a code is 8 digits, a dash and a check digit, and is valid only
//     when it appears in the official list.
//
// The package is pure: it imports the standard library, data and apperr,
// never a web framework, SQL or a spreadsheet library.
package contracts
