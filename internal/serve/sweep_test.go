//go:build scale

package serve

import "testing"

// TestPreviewEqualsFullBuildSweep runs more random edit rounds than
// go test ./... does, from another seed (the long suite runs it).
func TestPreviewEqualsFullBuildSweep(t *testing.T) {
	t.Parallel()
	previewEqualsFullBuild(t, 8, 11, false)
}
