// Package yamlx decodes YAML nodes by hand so that every problem is a
// diagnostic at the exact line and column of the offending key or value,
// and so that one bad key never hides the others.
package yamlx
