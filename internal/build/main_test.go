package build

import (
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/scratch"
)

// TestMain keeps the tests' temporary folders in memory (package scratch
// says why).
func TestMain(m *testing.M) { scratch.Main(m) }
