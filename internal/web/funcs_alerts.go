package web

import "html/template"

// alertFuncs are the template functions of the alert pages and dashboard.
func alertFuncs() template.FuncMap { return template.FuncMap{} }
