package web

import "html/template"

// contractFuncs are the template functions of the contract pages.
func contractFuncs() template.FuncMap { return template.FuncMap{} }
