// Package corpus generates realistic partnerdocs sites of any size,
// deterministically for a seed, and the same pages in Hugo's format, so
// builds can be measured side by side on identical content.
package corpus
