package main

import (
	"database/sql"

	_ "github.com/mattn/go-sqlite3"
)

// bumpSchema records a migration this binary does not know, as a newer
// binary would have.
func bumpSchema(path string) error {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, 1)`)
	return err
}
