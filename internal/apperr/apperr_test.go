package apperr

import (
	"errors"
	"fmt"
	"testing"
)

func TestFieldErrorsAreInvalid(t *testing.T) {
	var fe FieldErrors
	if fe.Err() != nil {
		t.Fatalf("empty FieldErrors.Err() = %v, want nil", fe.Err())
	}
	fe.Add("code", "must be GM followed by 4 digits")
	fe.Add("population", "must not be negative")
	err := fmt.Errorf("contracts: create organization: %w", fe.Err())
	if !errors.Is(err, Invalid) {
		t.Errorf("errors.Is(%v, Invalid) = false, want true", err)
	}
	if errors.Is(err, NotFound) {
		t.Errorf("errors.Is(%v, NotFound) = true, want false", err)
	}
	if got := Fields(err); len(got) != 2 || got[1].Field != "population" {
		t.Errorf("Fields(%v) = %v, want both problems", err, got)
	}
}
