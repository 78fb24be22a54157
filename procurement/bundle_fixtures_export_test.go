package procurement

// The bundler's fixtures (bundle_test.go), exported for the external test
// package: bundle_text_test.go reads the suggestions as internal/nl words
// them, and internal/nl imports procurement, so those tests cannot live in
// this package.
var (
	BDDate     = bdDate
	BDContract = bdContract
	BDRenewing = bdRenewing
	BDInput    = bdInput
)
