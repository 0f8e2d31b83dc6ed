package markdown

import (
	"bytes"
	"compress/flate"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Diagram languages: a fence that names one is a diagram, not code.
const (
	Mermaid  = "mermaid"
	PlantUML = "plantuml"
)

// The rules of the scan's diagram notes (as the diag package names them;
// markdown does not depend on it).
const (
	ruleDiagram            = "diagram"
	ruleDiagramNotRendered = "diagram-not-rendered"
)

// diagramKind is the diagram a fence's language names, or "".
func diagramKind(lang []byte) string {
	switch strings.ToLower(string(lang)) {
	case "mermaid":
		return Mermaid
	case "plantuml", "puml":
		return PlantUML
	}
	return ""
}

// MaxMermaidText is the longest Mermaid source the portal draws: Mermaid
// refuses longer text itself (its maxTextSize), and laying out a graph of
// thousands of nodes holds the browser's only thread for minutes. Longer
// diagrams are shown as their source, with a finding.
const MaxMermaidText = 50000

// mermaidTypes are the words a Mermaid diagram may start with. Mermaid's
// own parser runs in the browser; check reads only this first word, which
// catches a fence marked mermaid that holds something else, not a
// mistake inside a diagram.
var mermaidTypes = map[string]bool{
	"graph": true, "flowchart": true, "flowchart-elk": true, "sequencediagram": true,
	"classdiagram": true, "classdiagram-v2": true, "statediagram": true, "statediagram-v2": true,
	"erdiagram": true, "journey": true, "gantt": true, "pie": true, "quadrantchart": true,
	"requirementdiagram": true, "requirement": true, "gitgraph": true, "c4context": true,
	"c4container": true, "c4component": true, "c4dynamic": true, "c4deployment": true,
	"mindmap": true, "timeline": true, "zenuml": true, "sankey": true, "sankey-beta": true,
	"xychart": true, "xychart-beta": true, "block": true, "block-beta": true, "packet": true,
	"packet-beta": true, "kanban": true, "architecture": true, "architecture-beta": true,
	"radar-beta": true, "treemap-beta": true, "info": true,
}

// mermaidProblem says what is wrong with a Mermaid source that check can
// see without Mermaid: too long to draw, empty, or not starting with a
// diagram type (after its front matter, directives and comments). "" when
// none.
func mermaidProblem(src []byte) string {
	if len(src) > MaxMermaidText {
		return "Mermaid diagram of " + strconv.Itoa(len(src)) + " characters is longer than the portal draws (" + strconv.Itoa(MaxMermaidText) + "); it is shown as its source"
	}
	lines := strings.Split(string(src), "\n")
	inFront := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case i == 0 && t == "---":
			inFront = true
			continue
		case inFront:
			if t == "---" {
				inFront = false
			}
			continue
		case t == "" || strings.HasPrefix(t, "%%"):
			continue
		}
		word := strings.ToLower(strings.TrimRight(strings.Fields(t)[0], ":;"))
		if mermaidTypes[word] {
			return ""
		}
		return "Mermaid diagram starts with " + strconv.Quote(truncate(strings.Fields(t)[0], 40)) + ", not a diagram type (flowchart, sequenceDiagram, classDiagram, stateDiagram, erDiagram, gantt, pie, …); it will show an error in the portal"
	}
	return "empty Mermaid diagram"
}

// fenceText is a fenced block's code.
func fenceText(n *ast.FencedCodeBlock, source []byte) []byte {
	var b bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(source))
	}
	return b.Bytes()
}

// writeMermaid writes a Mermaid diagram as the theme's script expects
// it: its source, readable without JavaScript, inside a figure the script
// draws the diagram into.
func writeMermaid(w util.BufWriter, src []byte) {
	_, _ = w.WriteString(`<figure class="diagram diagram-mermaid" data-diagram="mermaid"><pre class="diagram-source"><code class="language-mermaid">`)
	_, _ = w.Write(util.EscapeHTML(src))
	_, _ = w.WriteString("</code></pre></figure>\n")
}

// writePlantUML writes a PlantUML diagram as an image from server, with
// the source kept for readers without images (and for search engines).
func writePlantUML(w util.BufWriter, server string, src []byte) {
	_, _ = w.WriteString(`<figure class="diagram diagram-plantuml"><img src="`)
	_, _ = w.Write(util.EscapeHTML([]byte(PlantUMLURL(server, src))))
	_, _ = w.WriteString(`" alt="PlantUML diagram" loading="lazy"><details class="diagram-source"><summary>Source</summary><pre><code class="language-plantuml">`)
	_, _ = w.Write(util.EscapeHTML(src))
	_, _ = w.WriteString("</code></pre></details></figure>\n")
}

// plantumlAlphabet is the base-64 alphabet PlantUML servers decode: the
// bits are grouped as in standard base 64, the letters differ.
const plantumlAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// PlantUMLURL is the address of src drawn as SVG by a PlantUML server:
// server + "/svg/" + the source, deflated (raw, no zlib header) and
// written in PlantUML's base 64.
func PlantUMLURL(server string, src []byte) string {
	var z bytes.Buffer
	fw, _ := flate.NewWriter(&z, flate.BestCompression)
	_, _ = fw.Write(src)
	_ = fw.Close()
	return strings.TrimRight(server, "/") + "/svg/" + plantumlEncode(z.Bytes())
}

// plantumlEncode writes data in PlantUML's base 64: every three bytes
// (the last group padded with zeros) as four letters.
func plantumlEncode(data []byte) string {
	var b strings.Builder
	b.Grow((len(data) + 2) / 3 * 4)
	for i := 0; i < len(data); i += 3 {
		var g [3]byte
		copy(g[:], data[i:])
		b.WriteByte(plantumlAlphabet[g[0]>>2])
		b.WriteByte(plantumlAlphabet[(g[0]&0x3)<<4|g[1]>>4])
		b.WriteByte(plantumlAlphabet[(g[1]&0xf)<<2|g[2]>>6])
		b.WriteByte(plantumlAlphabet[g[2]&0x3f])
	}
	return b.String()
}
