package demo

import (
	"hash/fnv"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
)

// The NUTS 3 regions of the demo's organizations, which a European notice
// states of each buyer (eForms BT-507) and which the province's NUTS 2
// code does not satisfy. Codes of Eurostat NUTS 2024 (Commission
// Delegated Regulation (EU) 2023/674), the version the eForms SDK 1.15.1
// list nuts-nld-lvl3 holds; each NUTS 3 region of the Netherlands is a
// COROP region or a group of them. Written here from those sources; the
// region's name follows each code.

// municipalityNUTS3 maps the small demo's municipalities (CBS codes) to
// the NUTS 3 region they lie in.
var municipalityNUTS3 = map[string]string{
	"GM0014": "NL115", // Overig Groningen
	"GM1966": "NL115", // Overig Groningen
	"GM0080": "NL127", // Noord-Friesland
	"GM1900": "NL128", // Zuidwest-Friesland
	"GM0088": "NL127", // Noord-Friesland
	"GM0096": "NL127", // Noord-Friesland
	"GM0093": "NL127", // Noord-Friesland
	"GM0114": "NL132", // Zuidoost-Drenthe
	"GM0106": "NL131", // Noord-Drenthe
	"GM1680": "NL131", // Noord-Drenthe
	"GM0193": "NL211", // Noord-Overijssel
	"GM0153": "NL213", // Twente
	"GM0175": "NL211", // Noord-Overijssel
	"GM0034": "NL230", // Flevoland
	"GM0184": "NL230", // Flevoland
	"GM0303": "NL230", // Flevoland
	"GM0202": "NL226", // Arnhem/Nijmegen
	"GM0268": "NL226", // Arnhem/Nijmegen
	"GM0197": "NL225", // Achterhoek
	"GM0301": "NL225", // Achterhoek
	"GM0344": "NL350", // Utrecht
	"GM0307": "NL350", // Utrecht
	"GM0345": "NL350", // Utrecht
	"GM0352": "NL350", // Utrecht
	"GM0363": "NL32B", // Groot-Amsterdam
	"GM0392": "NL32A", // Agglomeratie Haarlem
	"GM0441": "NL321", // Kop van Noord-Holland
	"GM0518": "NL361", // Agglomeratie 's-Gravenhage
	"GM0599": "NL366", // Groot-Rijnmond
	"GM0546": "NL363", // Agglomeratie Leiden en Bollenstreek
	"GM0531": "NL364", // Zuidoost-Zuid-Holland
	"GM0687": "NL342", // Overig Zeeland
	"GM0678": "NL342", // Overig Zeeland
	"GM0796": "NL416", // Noordoost-Noord-Brabant
	"GM0820": "NL414", // Zuidoost-Noord-Brabant
	"GM0772": "NL414", // Zuidoost-Noord-Brabant
	"GM0935": "NL423", // Zuid-Limburg
	"GM0917": "NL423", // Zuid-Limburg
	"GM0965": "NL423", // Zuid-Limburg
}

// provinceNUTS3 lists the NUTS 3 regions of each province (CBS code), the
// region of the province's seat first.
var provinceNUTS3 = map[string][]string{
	"PV20": {"NL115", "NL112", "NL114"},                                     // Overig Groningen, Delfzijl en omgeving, Oost-Groningen
	"PV21": {"NL127", "NL126", "NL128"},                                     // Noord-, Zuidoost-, Zuidwest-Friesland
	"PV22": {"NL131", "NL132", "NL133"},                                     // Noord-, Zuidoost-, Zuidwest-Drenthe
	"PV23": {"NL211", "NL212", "NL213"},                                     // Noord-Overijssel, Zuidwest-Overijssel, Twente
	"PV24": {"NL230"},                                                       // Flevoland
	"PV25": {"NL226", "NL221", "NL224", "NL225"},                            // Arnhem/Nijmegen, Veluwe, Zuidwest-Gelderland, Achterhoek
	"PV26": {"NL350"},                                                       // Utrecht
	"PV27": {"NL32A", "NL321", "NL323", "NL325", "NL327", "NL328", "NL32B"}, // Agglomeratie Haarlem … Groot-Amsterdam
	"PV28": {"NL361", "NL362", "NL363", "NL364", "NL365", "NL366"},          // Agglomeratie 's-Gravenhage … Groot-Rijnmond
	"PV29": {"NL342", "NL341"},                                              // Overig Zeeland, Zeeuwsch-Vlaanderen
	"PV30": {"NL416", "NL411", "NL414", "NL415"},                            // Noordoost-, West-, Zuidoost-, Midden-Noord-Brabant
	"PV31": {"NL423", "NL421", "NL422"},                                     // Zuid-, Noord-, Midden-Limburg
}

// demoNUTS3 returns the NUTS 3 region of demo organization o: a known
// municipality's own; a generated municipality one of its province's
// regions, the same for the same code on every run; any other body the
// region of its province's seat. "" for an organization without a
// province.
func demoNUTS3(o contracts.Organization) string {
	regions := provinceNUTS3[o.Province]
	if len(regions) == 0 {
		return ""
	}
	// A generated municipality may carry a known code in another
	// province: the table holds for the known one only.
	if code, ok := municipalityNUTS3[o.Code]; ok && slices.Contains(regions, code) {
		return code
	}
	if o.Kind != contracts.KindMunicipality {
		return regions[0]
	}
	h := fnv.New32a()
	h.Write([]byte(o.Code))
	return regions[h.Sum32()%uint32(len(regions))]
}
