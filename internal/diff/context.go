package diff

import "strings"

// inContext cuts two versions of a line down to what changed, with the
// words both share on either side kept as context: "Net new ARR of at
// least USD 120,000 (trailing 12 months)" and the same with 150,000 give
// lead "Net new ARR of at least USD", old "120,000", new "150,000", tail
// "(trailing 12 months)". A partner sees the one figure that moved
// instead of reading two sentences to find it. When the lines share
// nothing, old and new are the lines themselves.
func inContext(oldS, newS string) (lead, o, n, tail string) {
	ow, nw := strings.Fields(oldS), strings.Fields(newS)
	p := 0
	for p < len(ow) && p < len(nw) && ow[p] == nw[p] {
		p++
	}
	s := 0
	for s < len(ow)-p && s < len(nw)-p && ow[len(ow)-1-s] == nw[len(nw)-1-s] {
		s++
	}
	if p+s == len(ow) && p+s == len(nw) {
		return "", oldS, newS, "" // the same words; spacing changed
	}
	return strings.Join(ow[:p], " "), strings.Join(ow[p:len(ow)-s], " "), strings.Join(nw[p:len(nw)-s], " "), strings.Join(nw[len(nw)-s:], " ")
}

// compact is a change's old and new text in one line, changed words in
// context: "Net new ARR of at least USD 120,000 → 150,000 (trailing 12
// months)". A line that only gained or lost words stays whole.
func compact(oldS, newS string) string {
	lead, o, n, tail := inContext(oldS, newS)
	if o == "" || n == "" {
		// Words only added or only removed read better whole.
		return oldS + " → " + newS
	}
	return strings.TrimSpace(strings.TrimSpace(lead+" "+o+" → "+n) + " " + tail)
}

// Redline is a changed sentence's words in context: the changed runs
// with at most window words kept on either side, "…" for what is left
// out.
func Redline(ops []WordOp, window int) []WordOp {
	var words []WordOp // one word per kept op, changed runs whole
	for _, op := range ops {
		if op.Op != "=" {
			words = append(words, op)
			continue
		}
		for _, w := range strings.Fields(op.Text) {
			words = append(words, WordOp{Op: "=", Text: w})
		}
	}
	keep := make([]bool, len(words))
	for i, w := range words {
		if w.Op == "=" {
			continue
		}
		for j := max(0, i-window); j <= min(len(words)-1, i+window); j++ {
			keep[j] = true
		}
	}
	var out []WordOp
	cut := false
	for i, w := range words {
		if !keep[i] {
			cut = true
			continue
		}
		if cut {
			out = append(out, WordOp{Op: "=", Text: "…"})
		}
		cut = false
		if n := len(out); n > 0 && w.Op == "=" && out[n-1].Op == "=" && out[n-1].Text != "…" {
			out[n-1].Text += " " + w.Text
			continue
		}
		out = append(out, w)
	}
	if cut {
		out = append(out, WordOp{Op: "=", Text: "…"})
	}
	return out
}

// RedlineText is a redline as plain text: "within three → two business
// days".
func RedlineText(ops []WordOp) string {
	var b strings.Builder
	for i := 0; i < len(ops); i++ {
		op := ops[i]
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch {
		case op.Op == "-" && i+1 < len(ops) && ops[i+1].Op == "+":
			b.WriteString(op.Text + " → " + ops[i+1].Text)
			i++
		case op.Op == "-":
			b.WriteString("[" + op.Text + "] →")
		case op.Op == "+":
			b.WriteString("→ " + op.Text)
		default:
			b.WriteString(op.Text)
		}
	}
	return b.String()
}
