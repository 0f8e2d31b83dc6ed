// Package config loads and validates config.yaml (its keys are described in
// docs/content-model.md). Every problem is a diagnostic under the rule "config" naming
// the key and its line; the command line turns any of them into exit 2.
package config
