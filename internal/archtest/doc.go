// Package archtest holds the architecture test: it walks every package of
// the module and fails on an import that breaks the dependency direction of
// STYLE §2. It has no code of its own; see imports_test.go.
package archtest
