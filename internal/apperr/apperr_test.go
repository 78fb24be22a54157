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
	fe.Add("code", MunicipalityCode)
	fe.Add("population", Negative, -1)
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
	if want := "invalid input: code: must be GM followed by 4 digits (CBS municipality code), e.g. GM0363; population: must not be negative, got -1"; err.Error() != "contracts: create organization: "+want {
		t.Errorf("Error() = %q, want the English messages of the codes: %q", err, want)
	}
}
