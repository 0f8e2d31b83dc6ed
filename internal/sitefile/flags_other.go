//go:build !unix

package sitefile

const (
	oNoFollow = 0
	oNonBlock = 0
)
