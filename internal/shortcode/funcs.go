package shortcode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"math"
	"net/url"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/sitefile"
	yaml "go.yaml.in/yaml/v3"
)

// Budgets of one template call. A site's templates are content: a loop
// without end or an output that doubles at each step stops here with a
// finding, not with the process.
const (
	maxSeq       = 100_000     // the longest list seq makes
	maxOutput    = 4 << 20     // bytes one call may write
	maxCallTime  = time.Second // wall time of one call
	maxPartials  = 64          // partial calls nested in one call
	maxRegexpLen = 1000        // longest pattern replaceRE and findRE take
)

// errBudget is the error of a call that went past a budget.
var errBudget = errors.New("over its budget")

// funcEnv is what a template call's functions need of the build.
type funcEnv struct {
	set   *Set
	page  *hugoPage
	warn  func(msg string)
	state *callState
}

// builtinNames are text/template's own functions, always defined.
var builtinNames = map[string]bool{"and": true, "call": true, "html": true, "index": true, "slice": true, "js": true, "len": true,
	"not": true, "or": true, "print": true, "printf": true, "println": true, "urlquery": true, "eq": true, "ge": true, "gt": true,
	"le": true, "lt": true, "ne": true}

// funcNames lists the functions templates may call, for the check that
// a template calls nothing else. The map's values are filled per call
// (funcs), since several close over the calling page.
var funcNames = func() map[string]bool {
	m := map[string]bool{}
	for k := range (&funcEnv{}).funcs() {
		m[k] = true
	}
	return m
}()

// funcs are Hugo's template functions that real sites' shortcodes use,
// for one call. Functions that would read outside the site, run a
// command or reach the network (getenv, readFile, getJSON,
// resources.GetRemote) return nothing, with a warning.
func (e *funcEnv) funcs() template.FuncMap {
	refuse := func(name string) func(...any) string {
		return func(...any) string {
			if e.warn != nil {
				e.warn(name + " reads outside the site and returns nothing here")
			}
			return ""
		}
	}
	return template.FuncMap{
		// Collections.
		"dict": dict, "slice": sliceOf, "index": hugoIndex,
		"page": func() *hugoPage { return e.page }, "append": appendTo, "first": first, "last": last, "after": after,
		"uniq": uniq, "in": in, "where": where, "sort": sortBy, "intersect": intersect, "union": union,
		"merge": merge, "delimit": delimit, "seq": seq, "shuffle": func(v any) any { return v }, "isset": isset,
		"complement": complement, "symdiff": complement, "reverse": reverse, "querify": querify, "group": func(k string, v any) any { return v },
		"newScratch":  func() *scratch { return &scratch{m: map[string]any{}} },
		"collections": func() collectionsNS { return collectionsNS{} },
		// Logic and values.
		"default": dflt, "cond": func(c bool, a, b any) any {
			if c {
				return a
			}
			return b
		},
		"int": func(v any) (int, error) { return toInt(v) }, "float": func(v any) (float64, error) { return toFloat(v) },
		"string": toString, "errorf": errorf, "erroridf": func(id, f string, a ...any) (string, error) { return errorf(f, a...) },
		"warnf": func(f string, a ...any) string {
			if e.warn != nil {
				e.warn(fmt.Sprintf(f, a...))
			}
			return ""
		},
		"warnidf": func(id, f string, a ...any) string { return "" }, "infof": func(string, ...any) string { return "" },
		"debug": func() debugNS { return debugNS{} }, "reflect": func() reflectNS { return reflectNS{} },
		// Strings.
		"strings": func() stringsNS { return stringsNS{} }, "lower": func(v any) string { return strings.ToLower(toString(v)) },
		"upper": func(v any) string { return strings.ToUpper(toString(v)) }, "title": func(v any) string { return titleCase(toString(v)) },
		"humanize": humanize, "anchorize": func(v any) string { return markdown.HeadingID(toString(v)) },
		"urlize": urlize, "plainify": plainify, "replace": replace, "replaceRE": replaceRE, "findRE": findRE,
		"split":  func(s any, sep string) []string { return strings.Split(toString(s), sep) },
		"substr": substr, "trim": func(s any, c string) string { return strings.Trim(toString(s), c) },
		"chomp": func(s any) string { return strings.TrimRight(toString(s), "\r\n") }, "hasPrefix": func(s any, p string) bool { return strings.HasPrefix(toString(s), p) },
		"hasSuffix":  func(s any, p string) bool { return strings.HasSuffix(toString(s), p) },
		"truncate":   func(n int, s any) string { return truncateRunes(toString(s), n) },
		"countwords": func(s any) int { return len(strings.Fields(plainify(s))) },
		"emojify":    func(s any) template.HTML { return template.HTML(html.EscapeString(toString(s))) },
		"htmlEscape": func(s any) string { return html.EscapeString(toString(s)) }, "htmlUnescape": func(s any) string { return html.UnescapeString(toString(s)) },
		"jsonify": jsonify, "md5": func(s any) string { return fmt.Sprintf("%x", hashBytes(toString(s))) },
		"safeHTML": e.safeHTML, "safeHTMLAttr": func(s any) template.HTMLAttr { return template.HTMLAttr(sanitizeAttr(toString(s))) },
		"safeURL": safeURL, "safeCSS": func(s any) template.CSS { return template.CSS(cssText(toString(s))) },
		"safeJS": func(s any) string { return toString(s) }, "safe": func() safeNS { return safeNS{e: e} },
		"markdownify": e.markdownify, "transform": func() transformNS { return transformNS{e: e} },
		"T": func(k any, _ ...any) string { return toString(k) }, "i18n": func(k any, _ ...any) string { return toString(k) },
		"lang":       func() langNS { return langNS{} },
		"path":       func() pathNS { return pathNS{} },
		"urls":       func() urlsNS { return urlsNS{e: e} },
		"relURL":     e.relURL,
		"absURL":     e.absURL,
		"relLangURL": e.relURL, "absLangURL": e.absURL,
		"ref": e.ref, "relref": e.relref,
		// Numbers and time.
		"add": add, "sub": sub, "mul": mul, "div": div, "mod": mod, "modBool": func(a, b any) (bool, error) {
			m, err := mod(a, b)
			return m == 0, err
		},
		"math": func() mathNS { return mathNS{} },
		"now":  func() time.Time { return buildTime() }, "time": func() timeNS { return timeNS{} },
		"dateFormat": func(layout string, v any) (string, error) { return timeNS{}.Format(layout, v) },
		"lang_Merge": func(a, b any) any { return a },
		// Site and page.
		"site": func() *hugoSite { return e.set.hugoSite() }, "partial": e.callPartial, "partialCached": e.callPartialCached,
		"return": func(v any) any { return v }, "resources": func() resourcesNS { return resourcesNS{e: e} },
		"hugo": func() map[string]any {
			return map[string]any{"Version": "0.146.0", "Environment": "production", "IsProduction": true}
		},
		"os": func() osNS { return osNS{refuse: refuse} },
		// Reach outside the site: refused.
		"getenv": refuse("getenv"), "readFile": e.readFile, "readDir": refuse("readDir"), "getJSON": refuse("getJSON"),
		"getCSV": refuse("getCSV"), "fileExists": func(...any) bool { return false },
		"highlight": e.highlight, "data": func() dataNS { return dataNS{refuse: refuse} },
		"images": func() map[string]any { return map[string]any{} }, "openapi3": refuse("openapi3"),
		"printf": fmt.Sprintf,
	}
}

// buildTime is the time now() returns: the build's day, so that output
// stays reproducible within a day (PARTNERDOCS_TODAY fixes it).
var buildTime = func() time.Time { return time.Now().UTC().Truncate(24 * time.Hour) }

func hashBytes(s string) [16]byte {
	var h [16]byte
	for i := 0; i < len(s); i++ {
		h[i%16] = h[i%16]*31 + s[i]
	}
	return h
}

// --- conversions ---

func toString(v any) string {
	switch s := v.(type) {
	case nil:
		return ""
	case string:
		return s
	case template.HTML:
		return string(s)
	case template.URL:
		return string(s)
	case []byte:
		return string(s)
	case fmt.Stringer:
		return s.String()
	case float64:
		return strconv.FormatFloat(s, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func toInt(v any) (int, error) {
	switch n := v.(type) {
	case int:
		return n, nil
	case int64:
		return int(n), nil
	case uint64:
		return int(n), nil
	case float64:
		return int(n), nil
	case float32:
		return int(n), nil
	case bool:
		if n {
			return 1, nil
		}
		return 0, nil
	case nil:
		return 0, nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return int(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int(rv.Uint()), nil
	}
	s := strings.TrimSpace(toString(v))
	if i, err := strconv.Atoi(s); err == nil {
		return i, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return int(f), nil
	}
	return 0, fmt.Errorf("%q is not a number", s)
}

func toFloat(v any) (float64, error) {
	switch n := v.(type) {
	case float64:
		return n, nil
	case float32:
		return float64(n), nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), nil
	}
	s := strings.TrimSpace(toString(v))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}

func isFloat(v any) bool {
	switch x := v.(type) {
	case float64, float32:
		return true
	case string:
		return strings.ContainsAny(x, ".eE")
	}
	return false
}

// list turns a slice, array or map (its values, by key) into a list;
// nil and other values give nil.
func list(v any) []any {
	if v == nil {
		return nil
	}
	if l, ok := v.([]any); ok {
		return l
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = rv.Index(i).Interface()
		}
		return out
	case reflect.Map:
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		out := make([]any, len(keys))
		for i, k := range keys {
			out[i] = rv.MapIndex(k).Interface()
		}
		return out
	}
	return nil
}

// field reads a dotted key ("Params.stage", "name") from a map, a struct
// or a value with such a method, case-insensitively for maps, as Hugo's
// where and sort do.
func field(v any, key string) any {
	for _, k := range strings.Split(strings.TrimPrefix(key, "."), ".") {
		if k == "" {
			continue
		}
		v = field1(v, k)
		if v == nil {
			return nil
		}
	}
	return v
}

func field1(v any, k string) any {
	switch m := v.(type) {
	case map[string]any:
		if x, ok := m[k]; ok {
			return x
		}
		for mk, x := range m {
			if strings.EqualFold(mk, k) {
				return x
			}
		}
		return nil
	case map[string]string:
		if x, ok := m[k]; ok {
			return x
		}
		return nil
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return nil
	}
	if meth := rv.MethodByName(k); meth.IsValid() && meth.Type().NumIn() == 0 && meth.Type().NumOut() >= 1 {
		return meth.Call(nil)[0].Interface()
	}
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Struct:
		if f := rv.FieldByName(k); f.IsValid() && f.CanInterface() {
			return f.Interface()
		}
	case reflect.Map:
		if rv.Type().Key().Kind() == reflect.String {
			if x := rv.MapIndex(reflect.ValueOf(k).Convert(rv.Type().Key())); x.IsValid() {
				return x.Interface()
			}
		}
	}
	return nil
}

// --- collections ---

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict needs pairs of keys and values")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		m[toString(kv[i])] = kv[i+1]
	}
	return m, nil
}

func sliceOf(v ...any) []any { return append([]any{}, v...) }

func appendTo(args ...any) ([]any, error) {
	if len(args) < 1 {
		return nil, errors.New("append needs a list")
	}
	to := args[len(args)-1]
	items := args[:len(args)-1]
	out := append([]any{}, list(to)...)
	if len(items) == 1 {
		if l := list(items[0]); l != nil && reflect.ValueOf(items[0]).Kind() != reflect.Map {
			return append(out, l...), nil
		}
	}
	return append(out, items...), nil
}

func first(n any, l any) ([]any, error) {
	k, err := toInt(n)
	if err != nil {
		return nil, err
	}
	xs := list(l)
	if k < 0 {
		return nil, errors.New("first needs a count of 0 or more")
	}
	return xs[:min(k, len(xs))], nil
}

func last(n any, l any) ([]any, error) {
	k, err := toInt(n)
	if err != nil {
		return nil, err
	}
	xs := list(l)
	if k < 0 {
		return nil, errors.New("last needs a count of 0 or more")
	}
	return xs[len(xs)-min(k, len(xs)):], nil
}

func after(n any, l any) ([]any, error) {
	k, err := toInt(n)
	if err != nil {
		return nil, err
	}
	xs := list(l)
	if k < 0 {
		return nil, errors.New("after needs a count of 0 or more")
	}
	return xs[min(k, len(xs)):], nil
}

func reverse(l any) []any {
	xs := list(l)
	out := make([]any, len(xs))
	for i, x := range xs {
		out[len(xs)-1-i] = x
	}
	return out
}

func same(a, b any) bool {
	if reflect.DeepEqual(a, b) {
		return true
	}
	fa, ea := toFloat(a)
	fb, eb := toFloat(b)
	if ea == nil && eb == nil && !isStringy(a) && !isStringy(b) {
		return fa == fb
	}
	return toString(a) == toString(b) && isStringy(a) == isStringy(b)
}

func isStringy(v any) bool {
	switch v.(type) {
	case string, template.HTML, template.URL:
		return true
	}
	return false
}

func uniq(l any) []any {
	var out []any
	for _, x := range list(l) {
		if !in(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func in(l any, v any) bool {
	if s, ok := l.(string); ok {
		return strings.Contains(s, toString(v))
	}
	for _, x := range list(l) {
		if same(x, v) {
			return true
		}
	}
	return false
}

func intersect(a, b any) []any {
	out := []any{}
	for _, x := range list(a) {
		if in(b, x) && !in(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func union(a, b any) []any {
	out := uniq(a)
	for _, x := range list(b) {
		if !in(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func complement(args ...any) []any {
	if len(args) == 0 {
		return nil
	}
	var out []any
	for _, x := range list(args[len(args)-1]) {
		found := false
		for _, other := range args[:len(args)-1] {
			if in(other, x) {
				found = true
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

func merge(maps ...any) (map[string]any, error) {
	out := map[string]any{}
	// Hugo merges right to left: the first map's keys win.
	for i := len(maps) - 1; i >= 0; i-- {
		m, ok := asMap(maps[i])
		if !ok {
			return nil, errors.New("merge takes maps")
		}
		for k, v := range m {
			out[k] = v
		}
	}
	return out, nil
}

func asMap(v any) (map[string]any, bool) {
	switch m := v.(type) {
	case map[string]any:
		return m, true
	case nil:
		return map[string]any{}, true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Map {
		return nil, false
	}
	out := map[string]any{}
	for _, k := range rv.MapKeys() {
		out[toString(k.Interface())] = rv.MapIndex(k).Interface()
	}
	return out, true
}

func delimit(l any, sep any, lastSep ...any) template.HTML {
	xs := list(l)
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = toString(x)
	}
	if len(lastSep) > 0 && len(parts) > 1 {
		return template.HTML(strings.Join(parts[:len(parts)-1], toString(sep)) + toString(lastSep[0]) + parts[len(parts)-1])
	}
	return template.HTML(strings.Join(parts, toString(sep)))
}

func seq(args ...any) ([]int, error) {
	nums := make([]int, len(args))
	for i, a := range args {
		n, err := toInt(a)
		if err != nil {
			return nil, err
		}
		nums[i] = n
	}
	from, step, to := 1, 1, 0
	switch len(nums) {
	case 1:
		to = nums[0]
		if to < 0 {
			from, step = -1, -1
		}
	case 2:
		from, to = nums[0], nums[1]
		if to < from {
			step = -1
		}
	case 3:
		from, step, to = nums[0], nums[1], nums[2]
	default:
		return nil, errors.New("seq takes one to three numbers")
	}
	if step == 0 || (to-from)/step < 0 {
		return nil, nil
	}
	if n := (to-from)/step + 1; n > maxSeq || n < 0 {
		return nil, fmt.Errorf("seq of %d numbers is %w (at most %d)", n, errBudget, maxSeq)
	}
	var out []int
	for i := from; (step > 0 && i <= to) || (step < 0 && i >= to); i += step {
		out = append(out, i)
	}
	return out, nil
}

func isset(c any, k any) bool {
	switch m := c.(type) {
	case map[string]any:
		_, ok := m[toString(k)]
		if !ok {
			for mk := range m {
				if strings.EqualFold(mk, toString(k)) {
					return true
				}
			}
		}
		return ok
	}
	rv := reflect.ValueOf(c)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		i, err := toInt(k)
		return err == nil && i >= 0 && i < rv.Len()
	case reflect.Map:
		return field1(c, toString(k)) != nil
	}
	return false
}

func querify(args ...any) string {
	v := url.Values{}
	if len(args) == 1 {
		if m, ok := asMap(args[0]); ok {
			for k, x := range m {
				v.Add(k, toString(x))
			}
			return v.Encode()
		}
		args = list(args[0])
	}
	for i := 0; i+1 < len(args); i += 2 {
		v.Add(toString(args[i]), toString(args[i+1]))
	}
	return v.Encode()
}

// where filters a list by a key's value: where LIST KEY [OP] VALUE.
func where(l any, key string, args ...any) ([]any, error) {
	op, want := "eq", any(nil)
	switch len(args) {
	case 1:
		want = args[0]
	case 2:
		op, want = toString(args[0]), args[1]
	default:
		return nil, errors.New("where needs a key and a value, with an optional operator")
	}
	out := []any{}
	for _, x := range list(l) {
		got := field(x, key)
		ok, err := compare(op, got, want)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, x)
		}
	}
	return out, nil
}

func compare(op string, a, b any) (bool, error) {
	switch op {
	case "eq", "=", "==":
		return same(a, b), nil
	case "ne", "!=", "<>":
		return !same(a, b), nil
	case "in":
		return in(b, a), nil
	case "not in":
		return !in(b, a), nil
	case "intersect":
		return len(intersect(a, b)) > 0, nil
	case "like":
		re, err := compileRE(toString(b))
		if err != nil {
			return false, err
		}
		return re.MatchString(toString(a)), nil
	case "gt", ">", "ge", ">=", "lt", "<", "le", "<=":
		c := order(a, b)
		switch op {
		case "gt", ">":
			return c > 0, nil
		case "ge", ">=":
			return c >= 0, nil
		case "lt", "<":
			return c < 0, nil
		}
		return c <= 0, nil
	}
	return false, fmt.Errorf("where has no operator %q", op)
}

// order compares numbers as numbers and anything else as text.
func order(a, b any) int {
	fa, ea := toFloat(a)
	fb, eb := toFloat(b)
	if ea == nil && eb == nil {
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	}
	return strings.Compare(toString(a), toString(b))
}

func sortBy(l any, args ...any) ([]any, error) {
	xs := append([]any{}, list(l)...)
	key, desc := "", false
	if len(args) > 0 {
		key = toString(args[0])
		if key == "value" {
			key = ""
		}
	}
	if len(args) > 1 {
		desc = strings.EqualFold(toString(args[1]), "desc")
	}
	sort.SliceStable(xs, func(i, j int) bool {
		a, b := xs[i], xs[j]
		if key != "" {
			a, b = field(a, key), field(b, key)
		}
		if desc {
			return order(a, b) > 0
		}
		return order(a, b) < 0
	})
	return xs, nil
}

// scratch is Hugo's newScratch: a map a template writes and reads.
type scratch struct {
	mu sync.Mutex
	m  map[string]any
}

// Set stores a value.
func (s *scratch) Set(k string, v any) string { s.mu.Lock(); s.m[k] = v; s.mu.Unlock(); return "" }

// Get reads a value.
func (s *scratch) Get(k string) any { s.mu.Lock(); defer s.mu.Unlock(); return s.m[k] }

// Add adds to a number, text or list.
func (s *scratch) Add(k string, v any) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.m[k]
	if !ok {
		s.m[k] = v
		return "", nil
	}
	if l := list(cur); l != nil {
		s.m[k] = append(append([]any{}, l...), v)
		return "", nil
	}
	sum, err := add(cur, v)
	s.m[k] = sum
	return "", err
}

// SetInMap sets a key of a map value.
func (s *scratch) SetInMap(k, mk string, v any) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, _ := s.m[k].(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	m[mk] = v
	s.m[k] = m
	return ""
}

// Delete removes a value.
func (s *scratch) Delete(k string) string { s.mu.Lock(); delete(s.m, k); s.mu.Unlock(); return "" }

// Values returns the map.
func (s *scratch) Values() map[string]any { return s.m }

type collectionsNS struct{}

func (collectionsNS) Dict(kv ...any) (map[string]any, error)         { return dict(kv...) }
func (collectionsNS) Slice(v ...any) []any                           { return sliceOf(v...) }
func (collectionsNS) Append(a ...any) ([]any, error)                 { return appendTo(a...) }
func (collectionsNS) Where(l any, k string, a ...any) ([]any, error) { return where(l, k, a...) }
func (collectionsNS) Sort(l any, a ...any) ([]any, error)            { return sortBy(l, a...) }
func (collectionsNS) In(l, v any) bool                               { return in(l, v) }
func (collectionsNS) Uniq(l any) []any                               { return uniq(l) }
func (collectionsNS) First(n, l any) ([]any, error)                  { return first(n, l) }
func (collectionsNS) Last(n, l any) ([]any, error)                   { return last(n, l) }
func (collectionsNS) After(n, l any) ([]any, error)                  { return after(n, l) }
func (collectionsNS) Merge(m ...any) (map[string]any, error)         { return merge(m...) }
func (collectionsNS) Intersect(a, b any) []any                       { return intersect(a, b) }
func (collectionsNS) Union(a, b any) []any                           { return union(a, b) }
func (collectionsNS) Reverse(l any) []any                            { return reverse(l) }
func (collectionsNS) Seq(a ...any) ([]int, error)                    { return seq(a...) }
func (collectionsNS) IsSet(c, k any) bool                            { return isset(c, k) }
func (collectionsNS) Delimit(l, s any, x ...any) template.HTML       { return delimit(l, s, x...) }
func (collectionsNS) Index(c any, k ...any) (any, error)             { return indexOf(c, k...) }
func (collectionsNS) Querify(a ...any) string                        { return querify(a...) }
func (collectionsNS) Complement(a ...any) []any                      { return complement(a...) }
func (collectionsNS) NewScratch() *scratch                           { return &scratch{m: map[string]any{}} }
func (collectionsNS) KeyVals(k any, v ...any) map[string]any {
	return map[string]any{"Key": k, "Values": v}
}

// hugoIndex is Hugo's index: as Go's, but one past the end of a list
// (index 0 of an empty one) is nil rather than an error, which templates
// rely on ("index (findRE ...) 0").
func hugoIndex(c any, keys ...any) (any, error) {
	for _, k := range keys {
		if c == nil {
			return nil, nil
		}
		rv := reflect.ValueOf(c)
		switch rv.Kind() {
		case reflect.Slice, reflect.Array, reflect.String:
			i, err := toInt(k)
			if err != nil {
				return nil, err
			}
			if i < 0 || i > rv.Len() {
				return nil, fmt.Errorf("index %d out of range (length %d)", i, rv.Len())
			}
			if i == rv.Len() {
				return nil, nil
			}
			c = rv.Index(i).Interface()
		case reflect.Map:
			c = field1(c, toString(k))
		default:
			return nil, fmt.Errorf("cannot index %T", c)
		}
	}
	return c, nil
}

func indexOf(c any, keys ...any) (any, error) {
	for _, k := range keys {
		if c == nil {
			return nil, nil
		}
		rv := reflect.ValueOf(c)
		switch rv.Kind() {
		case reflect.Map:
			c = field1(c, toString(k))
		case reflect.Slice, reflect.Array:
			i, err := toInt(k)
			if err != nil || i < 0 || i >= rv.Len() {
				return nil, nil
			}
			c = rv.Index(i).Interface()
		default:
			return nil, fmt.Errorf("cannot index %T", c)
		}
	}
	return c, nil
}

// --- logic ---

func dflt(def any, given ...any) any {
	if len(given) == 0 {
		return def
	}
	v := given[0]
	if v == nil {
		return def
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		if rv.Len() == 0 {
			return def
		}
	case reflect.Bool:
		// Hugo's default keeps false: it is a value, not an absence.
		return v
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return def
		}
	}
	return v
}

// errorf is Hugo's: it fails the call, which the build reports at the
// call with the message.
func errorf(f string, a ...any) (string, error) { return "", fmt.Errorf(f, a...) }

type debugNS struct{}

func (debugNS) Dump(v any) string { b, _ := json.MarshalIndent(v, "", "  "); return string(b) }

type reflectNS struct{}

func (reflectNS) IsMap(v any) bool { return v != nil && reflect.ValueOf(v).Kind() == reflect.Map }
func (reflectNS) IsSlice(v any) bool {
	k := reflect.ValueOf(v).Kind()
	return v != nil && (k == reflect.Slice || k == reflect.Array)
}

// --- strings ---

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

func humanize(v any) string {
	s := toString(v)
	if n, err := strconv.Atoi(s); err == nil {
		suffix := "th"
		switch {
		case n%100 >= 11 && n%100 <= 13:
		case n%10 == 1:
			suffix = "st"
		case n%10 == 2:
			suffix = "nd"
		case n%10 == 3:
			suffix = "rd"
		}
		return s + suffix
	}
	s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func urlize(v any) string {
	s := strings.ToLower(strings.TrimSpace(toString(v)))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			b.WriteByte('-')
		case r == '/' || r == '-' || r == '_' || r == '.' || r == '#' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

func plainify(v any) string { return html.UnescapeString(tagRe.ReplaceAllString(toString(v), "")) }

func replace(s, old, new any, n ...any) string {
	limit := -1
	if len(n) > 0 {
		if k, err := toInt(n[0]); err == nil {
			limit = k
		}
	}
	return strings.Replace(toString(s), toString(old), toString(new), limit)
}

var reCache sync.Map

// compileRE compiles a site's pattern once. Go's regexp runs in time
// linear in its input, so a pattern cannot stall a build; its length is
// bounded all the same.
func compileRE(p string) (*regexp.Regexp, error) {
	if len(p) > maxRegexpLen {
		return nil, fmt.Errorf("a pattern of %d bytes is %w", len(p), errBudget)
	}
	if re, ok := reCache.Load(p); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, err
	}
	reCache.Store(p, re)
	return re, nil
}

func replaceRE(pattern, repl, s any, n ...any) (string, error) {
	re, err := compileRE(toString(pattern))
	if err != nil {
		return "", err
	}
	limit := -1
	if len(n) > 0 {
		limit, _ = toInt(n[0])
	}
	in := toString(s)
	if limit < 0 {
		return re.ReplaceAllString(in, toString(repl)), nil
	}
	count := 0
	return re.ReplaceAllStringFunc(in, func(m string) string {
		if count >= limit {
			return m
		}
		count++
		return re.ReplaceAllString(m, toString(repl))
	}), nil
}

func findRE(pattern, s any, n ...any) ([]string, error) {
	re, err := compileRE(toString(pattern))
	if err != nil {
		return nil, err
	}
	limit := -1
	if len(n) > 0 {
		limit, _ = toInt(n[0])
	}
	out := re.FindAllString(toString(s), limit)
	if out == nil {
		out = []string{}
	}
	return out, nil
}

func substr(s any, start any, length ...any) (string, error) {
	r := []rune(toString(s))
	i, err := toInt(start)
	if err != nil {
		return "", err
	}
	if i < 0 {
		i = max(len(r)+i, 0)
	}
	i = min(i, len(r))
	end := len(r)
	if len(length) > 0 {
		n, err := toInt(length[0])
		if err != nil {
			return "", err
		}
		if n < 0 {
			end = max(len(r)+n, i)
		} else {
			end = min(i+n, len(r))
		}
	}
	return string(r[i:end]), nil
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if n < 0 || len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func jsonify(args ...any) (template.HTML, error) {
	if len(args) == 0 {
		return "", errors.New("jsonify needs a value")
	}
	b, err := json.Marshal(args[len(args)-1])
	return template.HTML(b), err
}

type stringsNS struct{}

func (stringsNS) Title(s any) string                              { return titleCase(toString(s)) }
func (stringsNS) ToLower(s any) string                            { return strings.ToLower(toString(s)) }
func (stringsNS) ToUpper(s any) string                            { return strings.ToUpper(toString(s)) }
func (stringsNS) Split(s any, sep string) []string                { return strings.Split(toString(s), sep) }
func (stringsNS) Contains(s any, sub string) bool                 { return strings.Contains(toString(s), sub) }
func (stringsNS) ContainsAny(s any, c string) bool                { return strings.ContainsAny(toString(s), c) }
func (stringsNS) HasPrefix(s any, p string) bool                  { return strings.HasPrefix(toString(s), p) }
func (stringsNS) HasSuffix(s any, p string) bool                  { return strings.HasSuffix(toString(s), p) }
func (stringsNS) TrimPrefix(p string, s any) string               { return strings.TrimPrefix(toString(s), p) }
func (stringsNS) TrimSuffix(p string, s any) string               { return strings.TrimSuffix(toString(s), p) }
func (stringsNS) TrimSpace(s any) string                          { return strings.TrimSpace(toString(s)) }
func (stringsNS) TrimLeft(c string, s any) string                 { return strings.TrimLeft(toString(s), c) }
func (stringsNS) TrimRight(c string, s any) string                { return strings.TrimRight(toString(s), c) }
func (stringsNS) Trim(s any, c string) string                     { return strings.Trim(toString(s), c) }
func (stringsNS) Replace(s, o, n any, x ...any) string            { return replace(s, o, n, x...) }
func (stringsNS) ReplaceRE(p, r, s any, n ...any) (string, error) { return replaceRE(p, r, s, n...) }
func (stringsNS) FindRE(p, s any, n ...any) ([]string, error)     { return findRE(p, s, n...) }
func (stringsNS) Substr(s, i any, n ...any) (string, error)       { return substr(s, i, n...) }
func (stringsNS) Count(sub string, s any) int                     { return strings.Count(toString(s), sub) }
func (stringsNS) CountWords(s any) int                            { return len(strings.Fields(plainify(s))) }
func (stringsNS) RuneCount(s any) int                             { return len([]rune(toString(s))) }
func (stringsNS) FirstUpper(s any) string                         { return humanizeFirst(toString(s)) }
func (stringsNS) Chomp(s any) string                              { return strings.TrimRight(toString(s), "\r\n") }
func (stringsNS) Truncate(n int, s any) string                    { return truncateRunes(toString(s), n) }
func (stringsNS) Repeat(n int, s any) (string, error) {
	if n < 0 || n*len(toString(s)) > maxOutput {
		return "", fmt.Errorf("strings.Repeat %w", errBudget)
	}
	return strings.Repeat(toString(s), n), nil
}

func humanizeFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

type safeNS struct{ e *funcEnv }

func (s safeNS) HTML(v any) template.HTML       { return s.e.safeHTML(v) }
func (safeNS) URL(v any) template.URL           { return safeURL(v) }
func (safeNS) HTMLAttr(v any) template.HTMLAttr { return template.HTMLAttr(sanitizeAttr(toString(v))) }
func (safeNS) CSS(v any) template.CSS           { return template.CSS(cssText(toString(v))) }
func (safeNS) JS(v any) string                  { return toString(v) }

// safeHTML marks text as HTML. What a site's template writes is content
// like raw HTML in Markdown: it goes through the same sanitiser, so
// marking text safe cannot smuggle a script past it.
func (e *funcEnv) safeHTML(v any) template.HTML {
	return template.HTML(e.set.sanitize(toString(v)))
}

// markdownify renders text as Markdown with the page's engine, under
// markdown.html like the page's own text.
func (e *funcEnv) markdownify(v any) template.HTML {
	s := toString(v)
	if e.set == nil || e.set.s.Engine == nil {
		return template.HTML(html.EscapeString(s))
	}
	var out []byte
	if e.state != nil && e.state.links != nil {
		// Through the render's recorder: the preview's page cache
		// resolves these links again, as the page's own.
		out, _ = e.set.s.Engine.Render([]byte(s), e.state.links)
	} else {
		out = e.set.renderMarkdown(e.page, []byte(s))
	}
	out = bytes.TrimSpace(out)
	// A single paragraph loses its <p>, as Hugo's markdownify does.
	if bytes.HasPrefix(out, []byte("<p>")) && bytes.HasSuffix(out, []byte("</p>")) && bytes.Count(out, []byte("<p>")) == 1 {
		out = out[3 : len(out)-4]
	}
	return template.HTML(out)
}

// safeURL allows any address but a script one.
func safeURL(v any) template.URL {
	s := toString(v)
	low := strings.ToLower(strings.TrimSpace(s))
	for _, bad := range []string{"javascript:", "vbscript:", "data:text"} {
		if strings.HasPrefix(low, bad) {
			return "#"
		}
	}
	return template.URL(s)
}

var attrRe = regexp.MustCompile(`(?i)^\s*([a-z][a-z0-9_:-]*)\s*(=\s*("[^"]*"|'[^']*'|[^\s"'>]*))?\s*$`)

// sanitizeAttr keeps one attribute unless it is an event handler or a
// style.
func sanitizeAttr(s string) string {
	m := attrRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	name := strings.ToLower(m[1])
	if strings.HasPrefix(name, "on") || name == "style" || name == "srcdoc" {
		return ""
	}
	return s
}

// cssText keeps a style value that cannot leave its attribute or load
// anything.
func cssText(s string) string {
	low := strings.ToLower(s)
	if strings.ContainsAny(s, "<>\"") || strings.Contains(low, "url(") || strings.Contains(low, "expression") || strings.Contains(low, "@import") {
		return "ZgotmplZ"
	}
	return s
}

type transformNS struct{ e *funcEnv }

func (t transformNS) Markdownify(v any) template.HTML { return t.e.markdownify(v) }
func (transformNS) Plainify(v any) string             { return plainify(v) }
func (transformNS) HTMLEscape(v any) string           { return html.EscapeString(toString(v)) }
func (transformNS) HTMLUnescape(v any) string         { return html.UnescapeString(toString(v)) }
func (transformNS) Emojify(v any) string              { return toString(v) }
func (t transformNS) Highlight(code any, lang string, _ ...any) template.HTML {
	return t.e.highlight(code, lang)
}

// Unmarshal reads YAML, JSON, TOML (or a resource of one) into data.
func (transformNS) Unmarshal(args ...any) (any, error) {
	if len(args) == 0 {
		return nil, errors.New("transform.Unmarshal needs data")
	}
	src := args[len(args)-1]
	name := ""
	if r, ok := src.(*resource); ok {
		name, src = r.Name, r.Content()
	}
	return unmarshal(name, []byte(toString(src)))
}

// unmarshal decodes data by its file name's extension, or by its first
// character when there is none.
func unmarshal(name string, b []byte) (any, error) {
	var out any
	ext := strings.ToLower(path.Ext(name))
	trimmed := bytes.TrimSpace(b)
	switch {
	case ext == ".json" || (ext == "" && len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')):
		err := json.Unmarshal(b, &out)
		return out, err
	case ext == ".toml":
		var m map[string]any
		_, err := toml.Decode(string(b), &m)
		return m, err
	case ext == ".csv":
		var rows [][]string
		for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
			rows = append(rows, strings.Split(line, ","))
		}
		return rows, nil
	}
	err := yaml.Unmarshal(b, &out)
	return normalizeYAML(out), err
}

// normalizeYAML turns yaml's map[any]any, where it makes one, into
// map[string]any, so templates index every map alike.
func normalizeYAML(v any) any {
	switch m := v.(type) {
	case map[string]any:
		for k, x := range m {
			m[k] = normalizeYAML(x)
		}
		return m
	case map[any]any:
		out := make(map[string]any, len(m))
		for k, x := range m {
			out[toString(k)] = normalizeYAML(x)
		}
		return out
	case []any:
		for i, x := range m {
			m[i] = normalizeYAML(x)
		}
	}
	return v
}

// readFile reads a file of the site by its path from the site root, as
// Hugo's readFile does; nothing outside the site, nothing behind a link.
func (e *funcEnv) readFile(name any) (string, error) {
	rel := path.Clean("/" + toString(name))
	if e.set == nil {
		return "", nil
	}
	b, err := sitefile.Read(e.set.s.Config.Root, strings.TrimPrefix(rel, "/"))
	if err != nil {
		if e.warn != nil {
			e.warn(fmt.Sprintf("readFile %q: %v", toString(name), err))
		}
		return "", nil
	}
	return string(b), nil
}

func (e *funcEnv) highlight(code any, lang string, _ ...any) template.HTML {
	return template.HTML(`<pre><code class="language-` + html.EscapeString(lang) + `">` + html.EscapeString(toString(code)) + "</code></pre>")
}

type langNS struct{}

func (langNS) FormatNumber(prec int, n any) string {
	f, _ := toFloat(n)
	return strconv.FormatFloat(f, 'f', prec, 64)
}
func (l langNS) FormatNumberCustom(prec int, n any, _ ...any) string { return l.FormatNumber(prec, n) }
func (langNS) NumFmt(prec int, n any, _ ...any) string {
	f, _ := toFloat(n)
	return strconv.FormatFloat(f, 'f', prec, 64)
}
func (langNS) Translate(k any, _ ...any) string { return toString(k) }
func (langNS) Merge(a, b any) any               { return a }

type pathNS struct{}

func (pathNS) Base(s any) string  { return path.Base(toString(s)) }
func (pathNS) Dir(s any) string   { return path.Dir(toString(s)) }
func (pathNS) Ext(s any) string   { return path.Ext(toString(s)) }
func (pathNS) Clean(s any) string { return path.Clean(toString(s)) }
func (pathNS) Join(p ...any) string {
	parts := make([]string, len(p))
	for i, x := range p {
		parts[i] = toString(x)
	}
	return path.Join(parts...)
}
func (pathNS) BaseName(s any) string {
	b := path.Base(toString(s))
	return strings.TrimSuffix(b, path.Ext(b))
}
func (pathNS) Split(s any) map[string]string {
	d, f := path.Split(toString(s))
	return map[string]string{"Dir": d, "File": f}
}

type urlsNS struct{ e *funcEnv }

func (urlsNS) Parse(s any) (*url.URL, error)         { return url.Parse(toString(s)) }
func (u urlsNS) RelURL(s any) string                 { return u.e.relURL(s) }
func (u urlsNS) AbsURL(s any) string                 { return u.e.absURL(s) }
func (u urlsNS) Ref(p any, r any) (string, error)    { return u.e.ref(p, r) }
func (u urlsNS) RelRef(p any, r any) (string, error) { return u.e.relref(p, r) }
func (urlsNS) Anchorize(s any) string                { return markdown.HeadingID(toString(s)) }
func (urlsNS) URLize(s any) string                   { return urlize(s) }
func (urlsNS) JoinPath(p ...any) string {
	parts := make([]string, len(p))
	for i, x := range p {
		parts[i] = toString(x)
	}
	return strings.Join(parts, "/")
}

func (e *funcEnv) relURL(v any) string {
	s := toString(v)
	if strings.Contains(s, "://") || strings.HasPrefix(s, "//") {
		return s
	}
	base := "/"
	if e.set != nil {
		base = e.set.s.Config.BasePath
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(s, "/")
}

func (e *funcEnv) absURL(v any) string {
	s := toString(v)
	if strings.Contains(s, "://") || strings.HasPrefix(s, "//") || e.set == nil {
		return s
	}
	return strings.TrimSuffix(e.set.s.Config.BaseURL, "/") + "/" + strings.TrimPrefix(s, "/")
}

// ref and relref resolve a page path as the ref shortcode does.
func (e *funcEnv) ref(p any, r any) (string, error) {
	u, err := e.relref(p, r)
	if err != nil || e.set == nil {
		return u, err
	}
	return strings.TrimSuffix(e.set.s.Config.BaseURL, "/") + strings.TrimPrefix(u, strings.TrimSuffix(e.set.s.Config.BasePath, "/")), nil
}

func (e *funcEnv) relref(p any, r any) (string, error) {
	var from *hugoPage
	switch x := p.(type) {
	case *hugoPage:
		from = x
	case CallData:
		from = x.Page
	case *CallData:
		from = x.Page
	default:
		from = e.page
	}
	target := toString(r)
	if m, ok := r.(map[string]any); ok {
		target = toString(m["path"])
	}
	if e.set == nil || from == nil {
		return "", fmt.Errorf("relref %q: no page", target)
	}
	return e.set.refURL(from.p, target)
}

// --- numbers ---

func arith(a, b any, fi func(x, y int) (int, error), ff func(x, y float64) float64) (any, error) {
	if isFloat(a) || isFloat(b) {
		x, err := toFloat(a)
		if err != nil {
			return nil, err
		}
		y, err := toFloat(b)
		if err != nil {
			return nil, err
		}
		return ff(x, y), nil
	}
	x, err := toInt(a)
	if err != nil {
		return nil, err
	}
	y, err := toInt(b)
	if err != nil {
		return nil, err
	}
	return fi(x, y)
}

func add(a, b any) (any, error) {
	if isStringy(a) && isStringy(b) {
		return toString(a) + toString(b), nil
	}
	return arith(a, b, func(x, y int) (int, error) { return x + y, nil }, func(x, y float64) float64 { return x + y })
}

func sub(a, b any) (any, error) {
	return arith(a, b, func(x, y int) (int, error) { return x - y, nil }, func(x, y float64) float64 { return x - y })
}

func mul(a, b any) (any, error) {
	return arith(a, b, func(x, y int) (int, error) { return x * y, nil }, func(x, y float64) float64 { return x * y })
}

func div(a, b any) (any, error) {
	return arith(a, b, func(x, y int) (int, error) {
		if y == 0 {
			return 0, errors.New("division by zero")
		}
		return x / y, nil
	}, func(x, y float64) float64 { return x / y })
}

func mod(a, b any) (int, error) {
	x, err := toInt(a)
	if err != nil {
		return 0, err
	}
	y, err := toInt(b)
	if err != nil {
		return 0, err
	}
	if y == 0 {
		return 0, errors.New("modulo by zero")
	}
	return x % y, nil
}

type mathNS struct{}

func (mathNS) Add(a, b any) (any, error) { return add(a, b) }
func (mathNS) Sub(a, b any) (any, error) { return sub(a, b) }
func (mathNS) Mul(a, b any) (any, error) { return mul(a, b) }
func (mathNS) Div(a, b any) (any, error) { return div(a, b) }
func (mathNS) Mod(a, b any) (int, error) { return mod(a, b) }
func (mathNS) Ceil(a any) (float64, error) {
	f, err := toFloat(a)
	return math.Ceil(f), err
}
func (mathNS) Floor(a any) (float64, error) {
	f, err := toFloat(a)
	return math.Floor(f), err
}
func (mathNS) Round(a any) (float64, error) {
	f, err := toFloat(a)
	return math.Round(f), err
}
func (mathNS) Abs(a any) (float64, error) {
	f, err := toFloat(a)
	return math.Abs(f), err
}
func (mathNS) Sqrt(a any) (float64, error) {
	f, err := toFloat(a)
	return math.Sqrt(f), err
}
func (mathNS) Pow(a, b any) (float64, error) {
	x, err := toFloat(a)
	if err != nil {
		return 0, err
	}
	y, err := toFloat(b)
	return math.Pow(x, y), err
}
func (mathNS) Max(a ...any) (float64, error) { return fold(a, math.Max) }
func (mathNS) Min(a ...any) (float64, error) { return fold(a, math.Min) }
func (mathNS) Sum(a ...any) (float64, error) {
	return fold(a, func(x, y float64) float64 { return x + y })
}
func (mathNS) Counter() int { return 0 }

func fold(args []any, f func(x, y float64) float64) (float64, error) {
	var flat []any
	for _, a := range args {
		if l := list(a); l != nil {
			flat = append(flat, l...)
		} else {
			flat = append(flat, a)
		}
	}
	if len(flat) == 0 {
		return 0, errors.New("needs at least one number")
	}
	acc, err := toFloat(flat[0])
	if err != nil {
		return 0, err
	}
	for _, x := range flat[1:] {
		v, err := toFloat(x)
		if err != nil {
			return 0, err
		}
		acc = f(acc, v)
	}
	return acc, nil
}

type timeNS struct{}

// AsTime reads a date as Hugo's time does.
func (timeNS) AsTime(v any, _ ...any) (time.Time, error) { return asTime(v) }

// Format writes a date with a Go layout (or Hugo's :date_long forms).
func (timeNS) Format(layout string, v any) (string, error) {
	t, err := asTime(v)
	if err != nil {
		return "", err
	}
	switch layout {
	case ":date_full":
		layout = "Monday, January 2, 2006"
	case ":date_long":
		layout = "January 2, 2006"
	case ":date_medium":
		layout = "Jan 2, 2006"
	case ":date_short":
		layout = "1/2/06"
	}
	return t.Format(layout), nil
}

// Now is the build's time.
func (timeNS) Now() time.Time { return buildTime() }

// ParseDuration reads a duration.
func (timeNS) ParseDuration(s string) (time.Duration, error) { return time.ParseDuration(s) }

func asTime(v any) (time.Time, error) {
	switch t := v.(type) {
	case time.Time:
		return t, nil
	case *time.Time:
		return *t, nil
	}
	s := strings.TrimSpace(toString(v))
	for _, l := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", "2006-01", "January 2, 2006", "2 January 2006"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date", s)
}

type osNS struct {
	refuse func(string) func(...any) string
}

func (o osNS) Getenv(a ...any) string   { return o.refuse("os.Getenv")(a...) }
func (o osNS) ReadFile(a ...any) string { return o.refuse("os.ReadFile")(a...) }

// osNS's ReadFile refuses: templates that need a site file use readFile.
func (o osNS) ReadDir(a ...any) string { return o.refuse("os.ReadDir")(a...) }
func (osNS) FileExists(...any) bool    { return false }
func (osNS) Stat(...any) any           { return nil }

type dataNS struct {
	refuse func(string) func(...any) string
}

func (d dataNS) GetJSON(a ...any) string { return d.refuse("data.GetJSON")(a...) }
func (d dataNS) GetCSV(a ...any) string  { return d.refuse("data.GetCSV")(a...) }
