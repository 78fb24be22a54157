// Package eformstest checks eForms notices in tests against the eForms
// SDK 1.15.1 reference in ../shared/reference/eforms (see its SOURCE.md):
// the XSD schemas through xmllint (Debian's libxml2-utils) and the fields
// fields.json marks mandatory for the notice's subtype. Each check skips
// the test when the reference or xmllint is absent.
package eformstest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Reference returns the SDK reference directory from the module root,
// or skips the test when it is absent.
func Reference(tb testing.TB) string {
	tb.Helper()
	dir := ""
	for d, _ := os.Getwd(); d != "/" && d != "."; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			dir = filepath.Join(d, "..", "shared", "reference", "eforms")
			break
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "fields", "fields.json")); dir == "" || err != nil {
		tb.Skip("eForms SDK reference absent (../shared/reference/eforms)")
	}
	return dir
}

// schemas are the main document schemas by root element.
var schemas = map[string]string{
	"PriorInformationNotice": "UBL-PriorInformationNotice-2.3.xsd",
	"ContractNotice":         "UBL-ContractNotice-2.3.xsd",
	"ContractAwardNotice":    "UBL-ContractAwardNotice-2.3.xsd",
}

// ValidateXSD validates notice against the schema of its root element
// with xmllint, failing the test with xmllint's report; it skips when
// xmllint or the reference is absent.
func ValidateXSD(tb testing.TB, notice []byte) {
	tb.Helper()
	ref := Reference(tb)
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		tb.Skip("xmllint not installed (Debian libxml2-utils)")
	}
	root := rootName(tb, notice)
	schema, ok := schemas[root]
	if !ok {
		tb.Fatalf("root element %s is no eForms notice", root)
	}
	path := filepath.Join(tb.TempDir(), "notice.xml")
	if err := os.WriteFile(path, notice, 0o644); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--nonet", "--schema", filepath.Join(ref, "schemas", "maindoc", schema), path).CombinedOutput()
	if err != nil {
		tb.Errorf("%s does not validate against %s: %v\n%s", root, schema, err, out)
	}
}

func rootName(tb testing.TB, notice []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(notice))
	for {
		tok, err := dec.Token()
		if err != nil {
			tb.Fatalf("no root element: %v", err)
		}
		if s, ok := tok.(xml.StartElement); ok {
			return s.Name.Local
		}
	}
}

// field is what fields.json says of one business term.
type field struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	XPath     string `json:"xpathAbsolute"`
	Mandatory struct {
		Constraints []struct {
			NoticeTypes []string `json:"noticeTypes"`
			Value       bool     `json:"value"`
			Condition   string   `json:"condition"`
		} `json:"constraints"`
	} `json:"mandatory"`
}

var (
	fieldsOnce sync.Once
	fields     []field
	fieldsErr  error
)

func loadFields(ref string) ([]field, error) {
	fieldsOnce.Do(func() {
		b, err := os.ReadFile(filepath.Join(ref, "fields", "fields.json"))
		if err != nil {
			fieldsErr = err
			return
		}
		var doc struct {
			Fields []field `json:"fields"`
		}
		fieldsErr = json.Unmarshal(b, &doc)
		fields = doc.Fields
	})
	return fields, fieldsErr
}

// noticeTypeFields returns the ids of the fields the notice type
// definition notice-types/<subtype>.json lists.
func noticeTypeFields(tb testing.TB, ref string, subtype int) map[string]bool {
	b, err := os.ReadFile(filepath.Join(ref, "notice-types", strconv.Itoa(subtype)+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		tb.Fatal(err)
	}
	ids := map[string]bool{}
	var walk func(any)
	walk = func(n any) {
		switch v := n.(type) {
		case map[string]any:
			if v["contentType"] == "field" {
				if id, ok := v["id"].(string); ok {
					ids[id] = true
				}
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(doc)
	return ids
}

// Mandatory returns the fields that notice-types/<subtype>.json lists and
// fields.json marks mandatory for the subtype without a condition, as
// "id name" strings with their XPath.
func Mandatory(tb testing.TB, subtype int) map[string]string {
	tb.Helper()
	ref := Reference(tb)
	all, err := loadFields(ref)
	if err != nil {
		tb.Fatal(err)
	}
	listed := noticeTypeFields(tb, ref, subtype)
	st := strconv.Itoa(subtype)
	out := map[string]string{}
	for _, f := range all {
		if !listed[f.ID] {
			continue
		}
		for _, c := range f.Mandatory.Constraints {
			if c.Value && c.Condition == "" && slices.Contains(c.NoticeTypes, st) {
				out[f.ID+" "+f.Name] = f.XPath
			}
		}
	}
	return out
}

// CheckMandatory fails the test for every field Mandatory lists that the
// notice lacks. An XPath is matched by its element path with its
// predicates dropped (a field counts as present when an element or
// attribute of that path exists and is not empty), which is enough for the
// notices Samenkoop writes, where each path has one meaning.
func CheckMandatory(tb testing.TB, notice []byte, subtype int) {
	tb.Helper()
	mandatory := Mandatory(tb, subtype)
	if len(mandatory) == 0 {
		tb.Fatalf("no mandatory fields found for subtype %d", subtype)
	}
	present := paths(tb, notice)
	for name, xpath := range mandatory {
		if !present[normalize(xpath)] {
			tb.Errorf("subtype %d: mandatory %s missing (%s)", subtype, name, xpath)
		}
	}
}

var predicate = regexp.MustCompile(`\[[^\[\]]*\]`)

// normalize drops the predicates of an XPath and its root step: the path
// of element names below the root, "/"-separated, an attribute last as
// @name.
func normalize(xpath string) string {
	for predicate.MatchString(xpath) {
		xpath = predicate.ReplaceAllString(xpath, "")
	}
	xpath = strings.TrimPrefix(xpath, "/*")
	return xpath
}

// prefixes are the prefixes fields.json writes for the namespaces.
var prefixes = map[string]string{
	"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2": "cac",
	"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2":     "cbc",
	"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2": "ext",
	"http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1":    "efac",
	"http://data.europa.eu/p27/eforms-ubl-extensions/1":                        "efext",
	"http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1":        "efbc",
}

// paths returns every path below the root that has non-empty text or
// children, and every attribute path.
func paths(tb testing.TB, notice []byte) map[string]bool {
	out := map[string]bool{}
	dec := xml.NewDecoder(bytes.NewReader(notice))
	var stack []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			tb.Fatalf("notice is no XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				continue
			}
			stack = append(stack, prefixes[t.Name.Space]+":"+t.Name.Local)
			p := "/" + strings.Join(stack, "/")
			out[p] = true
			for _, a := range t.Attr {
				if a.Name.Space == "" && a.Value != "" {
					out[p+"/@"+a.Name.Local] = true
				}
			}
		case xml.EndElement:
			depth--
			if len(stack) > 0 && depth >= 1 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// NUTS3 returns the Dutch NUTS 3 codes of the SDK's list nuts-nld-lvl3
// (codelists/nuts_nuts-nld-lvl3.gc), or skips when the reference or the
// list is absent.
func NUTS3(tb testing.TB) map[string]bool {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(Reference(tb), "codelists", "nuts_nuts-nld-lvl3.gc"))
	if err != nil {
		tb.Skip("eForms SDK list nuts-nld-lvl3 absent")
	}
	var list struct {
		Rows []struct {
			Values []struct {
				Column string `xml:"ColumnRef,attr"`
				Value  string `xml:"SimpleValue"`
			} `xml:"Value"`
		} `xml:"SimpleCodeList>Row"`
	}
	if err := xml.Unmarshal(b, &list); err != nil {
		tb.Fatalf("nuts-nld-lvl3: %v", err)
	}
	out := map[string]bool{}
	for _, r := range list.Rows {
		for _, v := range r.Values {
			if v.Column == "code" {
				out[strings.TrimSpace(v.Value)] = true
			}
		}
	}
	if len(out) == 0 {
		tb.Fatal("nuts-nld-lvl3 lists no codes")
	}
	return out
}
