package contracts

// ContractImportField returns the field of the contract import that reads
// a column headed header (ImportColumn.Field: "noticeMonths"), or "" when
// the import ignores the column. Headers compare as the import compares
// them: by letters and digits, without case and accents.
func ContractImportField(header string) string {
	k := importHeaderKey(header)
	if k == "" {
		return ""
	}
	for _, c := range contractColumns {
		for _, name := range append([]string{c.Header, c.Field}, c.Aliases...) {
			if importHeaderKey(name) == k {
				return c.Field
			}
		}
	}
	return ""
}
