package audit

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
)

// KeySize is the length in bytes of a key GenerateKey makes, and the
// shortest key ParseKey accepts: HMAC-SHA-256 gains nothing from more, and
// a shorter key is weaker than the hash.
const KeySize = 32

// GenerateKey returns a new random key of KeySize bytes.
func GenerateKey() ([]byte, error) {
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("audit: generate key: %w", err)
	}
	return key, nil
}

// EncodeKey returns key as a key file holds it: lower-case hex and a
// newline.
func EncodeKey(key []byte) []byte {
	return []byte(hex.EncodeToString(key) + "\n")
}

// ParseKey reads a key file's contents: hex digits, surrounding white
// space ignored, at least KeySize bytes once decoded.
func ParseKey(data []byte) ([]byte, error) {
	text := bytes.TrimSpace(data)
	key := make([]byte, hex.DecodedLen(len(text)))
	if _, err := hex.Decode(key, text); err != nil {
		return nil, errors.New("audit: key is not hex digits (make one with `samenkoop audit keygen`)")
	}
	if len(key) < KeySize {
		return nil, fmt.Errorf("audit: key has %d bytes, want at least %d (make one with `samenkoop audit keygen`)", len(key), KeySize)
	}
	return key, nil
}

// ReadKeyFile reads and parses the key file at path.
func ReadKeyFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("audit: read key file: %w", err)
	}
	key, err := ParseKey(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", err, path)
	}
	return key, nil
}
