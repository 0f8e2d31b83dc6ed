// Package testsite writes small sites for tests and loads them through the
// real stages, so each package's tests start from the same fixture code.
package testsite
