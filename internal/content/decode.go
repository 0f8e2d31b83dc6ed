package content

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/yamlx"
	yaml "go.yaml.in/yaml/v3"
)

// IDPattern is the form of a page id.
var IDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9/_-]*$`)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// IsIndexFile reports whether a file name makes the page of its folder.
func IsIndexFile(name string) bool { return name == "_index.md" || name == "index.md" }

// defaultID derives an id from a path below the version folder. The top
// _index.md of a version is its home, with id "index".
func defaultID(rel string) string {
	dir, file := path.Split(rel)
	if IsIndexFile(file) {
		if d := strings.TrimSuffix(dir, "/"); d != "" {
			return d
		}
		return "index"
	}
	return strings.TrimSuffix(rel, ".md")
}

// prettyURL gives the folder-style URL path for a page, below prefix.
func prettyURL(prefix, rel string) string {
	dir, file := path.Split(rel)
	if IsIndexFile(file) {
		return prefix + dir
	}
	return prefix + strings.TrimSuffix(rel, ".md") + "/"
}

// ParsePage reads one source file into a Page and its Markdown body. It
// never fails: problems go to diags, and the page is returned with what
// could be read so that later stages can still check it (a nil page means
// nothing was usable).
func ParsePage(cfg *config.Config, version, source, rel string, src []byte, diags *diag.List) (*Page, []byte) {
	p := newPage(cfg, version, source, rel)
	fm, lineOff, body := p.readSource(src, diags)
	if fm == nil {
		return p, body
	}
	d := &yamlx.Decoder{File: source, LineOffset: lineOff, Diags: diags, SyntaxRule: diag.RuleFrontmatterSyntax, FieldRule: diag.RuleFrontmatterField}
	fields := d.Fields(fm, "front matter")
	for i := range fields {
		// Keys are case-insensitive, as in Hugo: Title is title, and
		// AUDIENCE is audience (a capitalised audience must not leave a
		// page public by accident).
		fields[i].Key = strings.ToLower(fields[i].Key)
	}
	l, c := d.Pos(fm)
	p.start = Pos{l, c}
	p.ValuesKey = p.start
	fp := &fmParser{d: d, cfg: cfg, p: p, diags: diags, allowed: allowedKeys(d, p, fields)}
	for _, f := range fields {
		fp.record(f)
		fp.field(f)
	}
	fp.finish(fm)
	return p, body
}

// newPage gives a page the defaults and the addresses its path implies.
func newPage(cfg *config.Config, version, source, rel string) *Page {
	p := &Page{Version: version, Source: source, Rel: rel, Kind: "page", Audience: cfg.DefaultAudience, Regions: []string{"global"}}
	p.Dir = path.Dir(rel)
	if p.Dir == "." {
		p.Dir = ""
	}
	_, file := path.Split(rel)
	p.IsIndex = IsIndexFile(file)
	prefix := ""
	if version != "" {
		prefix = version + "/"
	}
	addr := rel
	if m := langSuffixRe.FindStringSubmatch(path.Base(rel)); m != nil && cfg.Multilingual() {
		// A translation (mdf.de.md) has its source's address and id (a
		// file with a code the site does not have is left out; its id
		// is not worth a second finding).
		addr = path.Join(path.Dir(rel), m[1]+".md")
		p.IsIndex = IsIndexFile(m[1] + ".md")
		if l := cfg.Lang(m[2]); l != nil && !l.Default {
			p.Lang = m[2]
		}
	}
	p.URL = HugoPath(prettyURL(prefix, addr))
	p.ID = NormalizeID(defaultID(addr))
	return p
}

// HugoPath is the address Hugo gives a file's path: lower case, spaces
// as hyphens ("UN Global Compact/" is "un-global-compact/").
func HugoPath(u string) string {
	if strings.IndexFunc(u, func(r rune) bool { return r == ' ' || unicode.IsUpper(r) }) < 0 {
		return u
	}
	return strings.ReplaceAll(strings.ToLower(u), " ", "-")
}

// NormalizeID makes an id of a path whose file name is not one
// ("cells-1.5", "billing-ops-GPO", "UN Global Compact"): lower case, and
// each character an id may not hold a hyphen.
func NormalizeID(id string) string {
	if IDPattern.MatchString(id) {
		return id
	}
	b := []byte(strings.ToLower(id))
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '-') {
			b[i] = '-'
		}
	}
	if len(b) > 0 && (b[0] == '_' || b[0] == '-' || b[0] == '/') {
		b = append([]byte("x"), b...)
	}
	return string(b)
}

// readSource splits the file into front matter and body, checks the
// body's shape and hashes both. It returns the front matter's YAML tree
// (nil when absent or broken), the line it starts on, and the body.
func (p *Page) readSource(src []byte, diags *diag.List) (*yaml.Node, int, []byte) {
	// A byte-order mark is not text: editors on Windows write one, and
	// the front matter after it must still be found.
	src = bytes.TrimPrefix(src, utf8BOM)
	fm, lineOff, bodyOff, broken := splitFrontMatter(p.Source, src, diags)
	p.FMLine = lineOff
	body := src[bodyOff:]
	p.BodyOffset = bodyOff
	bodyStart := bodyLine(src, bodyOff)
	if line, col, msg, cut := shapeProblem(body); line > 0 {
		diags.Errorf(p.Source, bodyStart+line-1, col, diag.RuleFile, "%s", msg)
		body = body[:cut]
	}
	sum := sha256.Sum256(body)
	copy(p.BodyHash[:], sum[:16])
	// The whole file is identified by its front matter and the body's
	// hash, which hashes the body once rather than twice.
	h := sha256.New()
	h.Write(src[:bodyOff])
	h.Write(p.BodyHash[:])
	copy(p.SourceHash[:], h.Sum(nil)[:16])
	p.BodyLine = bodyStart
	p.Broken = broken
	if fm == nil && !broken {
		// A plain page needs no front matter, as in Hugo: its title is
		// its file or folder name.
		p.Title = p.NameTitle()
	}
	return fm, lineOff, body
}

// allowedKeys reads the kind first, since it decides which keys are
// allowed, and returns that set.
func allowedKeys(d *yamlx.Decoder, p *Page, fields []yamlx.Field) map[string]bool {
	for _, f := range fields {
		if f.Key == "kind" {
			if k, ok := d.OneOf("kind", f.Value, Kinds...); ok {
				p.Kind = k
			}
		}
	}
	allowed := map[string]bool{}
	for _, k := range CommonKeys {
		allowed[k] = true
	}
	for _, k := range KindKeys[p.Kind] {
		allowed[k] = true
	}
	if p.Lang != "" {
		// A translation takes its kind from its source, which may write
		// any kind's keys; Translate compares them with the source's.
		for _, keys := range KindKeys {
			for _, k := range keys {
				allowed[k] = true
			}
		}
	}
	return allowed
}

// fmParser decodes one page's front matter keys into the page.
type fmParser struct {
	d        *yamlx.Decoder
	cfg      *config.Config
	p        *Page
	diags    *diag.List
	allowed  map[string]bool
	idNode   *yaml.Node
	hasTitle bool
	// eventTimes are an event's start and end as written.
	eventTimes []eventTime
}

func (fp *fmParser) field(f yamlx.Field) {
	d, p, v := fp.d, fp.p, f.Value
	if !fp.allowed[f.Key] {
		fp.param(f)
		return
	}
	switch f.Key {
	case "kind":
	case "id":
		if s, ok := d.String("id", v); ok {
			fp.idNode = yamlx.Resolve(v)
			if !IDPattern.MatchString(s) || strings.Contains(s, "//") || strings.HasSuffix(s, "/") {
				d.Errorf(fp.idNode, "id: %q is not a valid id ([a-z0-9][a-z0-9/_-]*)", s)
			} else {
				p.ID = s
			}
		}
	case "title":
		if s, ok := d.String("title", v); ok {
			fp.hasTitle = true
			p.Title = strings.TrimSpace(s)
			if p.Title == "" {
				d.Errorf(yamlx.Resolve(v), "title: must not be empty")
			}
		}
	case "description":
		if !yamlx.IsNull(v) {
			p.Description, _ = d.String("description", v)
		}
	case "weight":
		p.Weight, _ = d.Int("weight", v)
	case "audience":
		if a, ok := d.OneOf("audience", v, config.Audiences...); ok {
			p.Audience = a
		}
	case "regions":
		fp.regions(v)
	case "tags":
		p.Tags, _ = d.StringList("tags", v)
	case "owner":
		p.Owner, _ = d.String("owner", v)
	case "review_by":
		p.ReviewBy, _ = d.Date("review_by", v)
	case "aliases":
		fp.aliases(v)
	case "draft":
		p.Draft, _ = d.Bool("draft", v)
	case "starts":
		p.Starts, _ = d.Date("starts", v)
	case "ends":
		p.Ends, _ = d.Date("ends", v)
	case "requirements", "keep", "values", "region_values", "requires":
		fp.programKey(f)
	case "entries":
		fp.entries(f)
	case "steps":
		fp.steps(f)
	case "start", "end", "timezone", "format", "location", "register", "recording":
		if p.Kind == "event" {
			fp.eventKey(f)
		} else {
			decodeKindKey(d, p, f)
		}
	default:
		decodeKindKey(d, p, f)
	}
}

// record notes where a key's value (and each item of a list) is written.
func (fp *fmParser) record(f yamlx.Field) {
	d := fp.d
	l, c := d.Pos(f.Value)
	k := keyPos{name: f.Key, raw: Pos{l, c}, ref: fp.pos(f.Value)}
	if v := yamlx.Resolve(f.Value); v != nil && v.Kind == yaml.SequenceNode {
		for _, it := range v.Content {
			k.items = append(k.items, fp.pos(it))
		}
	}
	fp.p.keys = append(fp.p.keys, k)
}

// param keeps a key the kind does not define as a theme parameter, when
// unknownKey says it may be kept.
func (fp *fmParser) param(f yamlx.Field) {
	keep, reported := unknownKey(fp.d, f, fp.p.Kind, fp.allowed)
	if !keep {
		return
	}
	var val any
	if err := f.Value.Decode(&val); err != nil {
		return
	}
	p := fp.p
	if p.Params == nil {
		p.Params = map[string]any{}
	}
	p.Params[f.Key] = val
	if !reported {
		l, c := fp.d.Pos(f.KeyN)
		p.ParamKeys = append(p.ParamKeys, ParamKey{Name: f.Key, Line: l, Column: c})
	}
}

func (fp *fmParser) regions(v *yaml.Node) {
	rs, ok := fp.d.StringList("regions", v)
	if !ok {
		return
	}
	cfg := fp.cfg
	for i, r := range rs {
		if !cfg.HasRegion(r) {
			l, c := fp.d.Pos(listItem(v, i))
			fp.diags.Add(diag.Diagnostic{File: fp.p.Source, Line: l, Column: c, Severity: diag.Error, Rule: diag.RuleUnknownRegion,
				Message: fmt.Sprintf("unknown region %q (config.yaml lists %s)", r, strings.Join(cfg.Regions, ", ")), Suggestion: diag.Suggest(r, cfg.Regions)})
		}
	}
	if len(rs) > 0 {
		fp.p.Regions = rs
	}
}

func (fp *fmParser) aliases(v *yaml.Node) {
	as, ok := fp.d.StringList("aliases", v)
	if !ok {
		return
	}
	p, d := fp.p, fp.d
	for i, a := range as {
		if strings.HasPrefix(a, "/") {
			// A former URL, as Hugo's aliases are: it gets a redirect
			// page.
			if u, ok := FormerURL(a); ok {
				p.URLAliases = append(p.URLAliases, u)
			} else {
				d.Errorf(listItem(v, i), "aliases: %q is not a plain path of this site (no .., query, fragment, white space, control characters, *, : or !)", a)
			}
			continue
		}
		if !IDPattern.MatchString(a) {
			d.Errorf(listItem(v, i), "aliases: %q is not a valid id, nor a former URL starting with /", a)
			continue
		}
		p.Aliases = append(p.Aliases, a)
	}
}

// finish reports the keys that are required, which only the whole front
// matter can tell.
func (fp *fmParser) finish(fm *yaml.Node) {
	d, p := fp.d, fp.p
	if !fp.hasTitle {
		if p.Kind == "page" {
			// Hugo's order: title, linkTitle, then the file or folder
			// name.
			if lt, ok := p.Params["linktitle"].(string); ok && strings.TrimSpace(lt) != "" {
				p.Title = strings.TrimSpace(lt)
			} else {
				p.Title = p.NameTitle()
			}
		} else {
			d.Errorf(fm, "missing required key \"title\"")
		}
	}
	if p.Kind == "announcement" && p.Date == "" {
		if !p.Has("date") {
			d.Errorf(fm, "missing required key \"date\" (announcements are dated)")
		}
	}
	if p.Kind == "designation" && len(p.Programs) == 0 {
		if !p.Has("programs") {
			d.Errorf(fm, "missing required key \"programs\" (the ids of the programs the designation is earned in)")
		}
	}
	if p.Kind == "event" {
		fp.finishEvent(fm)
	}
	if p.Starts != "" && p.Ends != "" && p.Ends < p.Starts {
		l, c := p.KeyPos("ends")
		fp.diags.Add(diag.Diagnostic{File: p.Source, Line: l, Column: c, Severity: diag.Error, Rule: diag.RuleFrontmatterField,
			Message: fmt.Sprintf("ends: %s is before starts, %s", p.Ends, p.Starts)})
		p.Ends = ""
	}
	if p.Kind == "path" && p.Program == "" {
		if !p.Has("program") {
			d.Errorf(fm, "missing required key \"program\" (the id of the program the path is for)")
		}
	}
	if p.Kind == "tier" && p.Program == "" {
		if !p.Has("program") {
			d.Errorf(fm, "missing required key \"program\" (the id of the tier's program)")
		}
	}
	// A derived id from an oddly named file is reported at the top of the
	// page, since there is no key to point at.

}

func listItem(v *yaml.Node, i int) *yaml.Node {
	v = yamlx.Resolve(v)
	if v.Kind == yaml.SequenceNode && i < len(v.Content) {
		return v.Content[i]
	}
	return v
}

// unknownKey applies the policy for a key the page's kind does not have:
// a key of another kind is a warning and kept; a typo of a known key is an
// error and dropped; any other key is kept, with no finding (check
// --strict reports it from ParamKeys).
func unknownKey(d *yamlx.Decoder, f yamlx.Field, kind string, allowed map[string]bool) (keep, reported bool) {
	var owners []string
	for _, k := range Kinds {
		for _, key := range KindKeys[k] {
			if key == f.Key {
				owners = append(owners, k)
			}
		}
	}
	l, c := d.Pos(f.KeyN)
	if kind == "page" {
		// A plain page's unknown keys are its own parameters, whatever
		// they are close to (a Hugo site's stage, owners, group): typo
		// suggestions are for the kinds whose keys have meaning here.
		// check --strict lists them.
		return true, false
	}
	if len(owners) > 0 && !hugoPageKeys[f.Key] {
		// Hugo sites use some of these names (date, type) for their
		// own purposes: a warning, and the value stays readable.
		d.Diags.Add(diag.Diagnostic{File: d.File, Line: l, Column: c, Severity: diag.Warning, Rule: diag.RuleFrontmatterField,
			Message: fmt.Sprintf("key %q belongs to kind %s, not %q; kept as a parameter", f.Key, strings.Join(owners, ", "), kind)})
		return true, true
	}
	if near := nearKey(f.Key, allowed); near != "" {
		d.Diags.Add(diag.Diagnostic{File: d.File, Line: l, Column: c, Severity: diag.Error, Rule: diag.RuleFrontmatterField,
			Message: fmt.Sprintf("unknown key %q for kind %q", f.Key, kind), Suggestion: near})
		return false, true
	}
	return true, false
}

// hugoPageKeys are keys of our kinds that Hugo gives every page (date,
// type): on pages brought from Hugo they are not a mistake, so they are
// kept as parameters with no finding (check --strict lists them).
var hugoPageKeys = map[string]bool{"date": true, "type": true}

// nearKey is the allowed key within two edits of key (one for keys of
// three letters or fewer, where two edits reach too many words), or "".
// Such a key is a typo, not a parameter of the site's own.
func nearKey(key string, allowed map[string]bool) string {
	limit := 2
	if len([]rune(key)) <= 3 {
		limit = 1
	}
	best, bestDist := "", limit+1
	for k := range allowed {
		if d := diag.Distance(key, k); d < bestDist || (d == bestDist && k < best) {
			best, bestDist = k, d
		}
	}
	if bestDist > limit {
		return ""
	}
	return best
}

// decodeKindKey types the scalar keys of each kind (programKey the
// structured ones).
func decodeKindKey(d *yamlx.Decoder, p *Page, f yamlx.Field) {
	v := f.Value
	switch f.Key {
	case "type":
		p.Type, _ = d.String("type", v)
	case "program":
		p.Program, _ = d.String("program", v)
	case "programs":
		p.Programs, _ = d.StringList("programs", v)
	case "rank":
		p.Rank, _ = d.Int("rank", v)
	case "entry":
		p.Entry, _ = d.OneOf("entry", v, "open", "application", "invitation", "automatic")
	case "group":
		p.Group, _ = d.String("group", v)
	case "terms":
		p.Terms, _ = d.String("terms", v)
	case "track":
		p.Track, _ = d.String("track", v)
	case "level":
		p.Level, _ = d.String("level", v)
	case "prerequisites":
		p.Prerequisites, _ = d.StringList("prerequisites", v)
	case "min_tier":
		p.MinTier, _ = d.StringList("min_tier", v)
	case "duration_hours":
		p.DurationHours, _ = d.Float("duration_hours", v)
	case "validity_months":
		p.ValidityMonths, _ = d.Int("validity_months", v)
	case "exam":
		p.Exam, _ = d.OneOf("exam", v, "written", "proctored", "lab")
	case "badge":
		p.Badge, _ = d.String("badge", v)
	case "roles":
		p.Roles, _ = d.StringList("roles", v)
	case "version":
		p.TermsVersion, _ = d.String("version", v)
	case "effective":
		p.Effective, _ = d.Date("effective", v)
	case "supersedes":
		p.Supersedes, _ = d.String("supersedes", v)
	case "date":
		p.Date, _ = d.Date("date", v)
	case "expires":
		p.Expires, _ = d.Date("expires", v)
	case "affects":
		p.Affects, _ = d.StringList("affects", v)
	case "tier":
		p.PathTier, _ = d.String("tier", v)
	}
}

// FormerURL normalises a former URL from aliases ("/handbook/old/",
// "/old.html") to a site-relative path without the leading slash; a path
// without a file extension is a folder ("handbook/old/").
func FormerURL(a string) (string, bool) {
	if strings.ContainsAny(a, "?#\\") || strings.Contains(a, "//") {
		return "", false
	}
	// A former URL becomes a rule of a _redirects file, one a line with
	// its fields split at white space: white space, control characters
	// and the file's own syntax (* splats, :placeholders, ! forcing)
	// would write rules of their own.
	if strings.IndexFunc(a, func(r rune) bool {
		return r <= ' ' || r == 0x7f || r == '*' || r == ':' || r == '!' || unicode.IsSpace(r)
	}) >= 0 {
		return "", false
	}
	for _, seg := range strings.Split(a, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	c := strings.TrimPrefix(path.Clean(a), "/")
	if c == "" {
		return "", false
	}
	if path.Ext(c) == "" {
		c += "/"
	}
	return c, true
}
